// The power catalogue as the offices' forms: 附件一 (权力名称 | 具体内容 | 办理主体 | 制度依据, one sheet per
// department, header 部门 / 填表日期, footer 分管校领导 / 部门负责人) and the enforcement variant (职权类别 | 职权名称 |
// 法定依据 | 具体条款 | 执法程序 | 实施机构 | 执法岗位 | 备注, one sheet per unit). Imports read the same sheets back,
// all rows or none.
#include <algorithm>
#include <map>
#include <set>

#include "base/clock.h"
#include "base/text.h"
#include "formats/xlsx.h"
#include "modules/powers/service.h"
#include "modules/powers/service_util.h"

namespace lf::powers {
using db::Connection;

namespace {

const std::vector<std::string> kAttachment1 = {"权力名称", "具体内容", "办理主体", "制度依据"};
const std::vector<std::string> kEnforcement = {"职权类别", "职权名称", "法定依据", "具体条款",
                                               "执法程序", "实施机构", "执法岗位", "备注"};

std::string filled_date() {
  const std::string d = today_utc();
  return d.substr(0, 4) + "年" + d.substr(5, 2) + "月" + d.substr(8, 2) + "日";
}

std::string join_posts(const std::vector<PostRef>& posts) {
  std::string s;
  for (const auto& p : posts) s += (s.empty() ? "" : "、") + p.name;
  return s;
}

// Splits 办理主体 / 执法岗位 text into post names: 、，, ; / and whitespace separate.
std::vector<std::string> split_names(const std::string& text) {
  std::string norm = text;
  for (const char* sep : {"、", "，", "；", "／"}) {
    for (size_t at = norm.find(sep); at != std::string::npos; at = norm.find(sep, at)) norm.replace(at, std::string(sep).size(), ",");
  }
  std::vector<std::string> out;
  std::string cur;
  for (char ch : norm + ",") {
    if (ch == ',' || ch == ';' || ch == '/' || ch == ' ' || ch == '\n' || ch == '\t') {
      if (auto t = trim(cur); !t.empty()) out.push_back(t);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  return out;
}

// One row of a sheet as a power to write, before it is matched with the store.
struct ImportRow {
  std::string sheet;
  int row = 0;
  std::optional<int64_t> department_id;
  std::map<std::string, std::string> cells;  // heading -> text
};

}  // namespace

Result<std::string> PowerService::export_catalogue(const Principal& who, CatalogueForm form,
                                                   std::optional<int64_t> unit_id,
                                                   std::optional<int64_t> department_id) {
  PowerFilter f;
  f.unit_id = unit_id;
  f.department_id = department_id;
  // Collect every power in scope matching the filter, page by page.
  std::vector<Power> all;
  for (int64_t offset = 0;; offset += 500) {
    LF_TRY(auto page, list(who, f, offset, 500));
    all.insert(all.end(), page.items.begin(), page.items.end());
    if (offset + 500 >= page.total) break;
  }
  std::string unit_name;
  LF_CHECK(db_.with([&](Connection& c) -> Status {
    const int64_t uid = unit_id ? *unit_id : all.empty() ? 0 : all.front().unit_id;
    LF_TRY(db::Rows u, c.query("SELECT name FROM units WHERE id = ?", {uid}));
    unit_name = u.empty() ? "" : u.text(0, 0);
    if (department_id && !unit_id) {
      LF_TRY(db::Rows d, c.query("SELECT u.name FROM departments d JOIN units u ON u.id = d.unit_id WHERE d.id = ?",
                                 {*department_id}));
      if (!d.empty()) unit_name = d.text(0, 0);
    }
    return ok();
  }));

  std::vector<formats::FormSheet> sheets;
  if (form == CatalogueForm::attachment1) {
    // One sheet per department, in the order the departments first appear.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const Power*>> by_dept;
    for (const auto& p : all) {
      const std::string dept = p.department_id ? p.department_name : unit_name;
      if (!by_dept.count(dept)) order.push_back(dept);
      by_dept[dept].push_back(&p);
    }
    if (order.empty()) order.push_back(unit_name);
    std::set<std::string> used;
    for (const auto& dept : order) {
      formats::FormSheet s;
      s.name = dept.empty() ? "职权目录" : dept;
      while (used.count(s.name)) s.name += "_";
      used.insert(s.name);
      s.title = unit_name + "廉政风险防控职权目录";
      s.header = {{"部门", dept}, {"填表日期", filled_date()}};
      s.columns = kAttachment1;
      s.widths = {24, 48, 20, 40};
      for (const Power* p : by_dept[dept]) s.rows.push_back({p->name, p->content, join_posts(p->posts), p->basis});
      s.footer = {{"分管校领导", ""}, {"部门负责人", ""}};
      sheets.push_back(std::move(s));
    }
  } else {
    formats::FormSheet s;
    s.name = "职权目录";
    s.title = unit_name + "职权目录";
    s.header = {{"单位", unit_name}, {"填表日期", filled_date()}};
    s.columns = kEnforcement;
    s.widths = {12, 24, 36, 24, 30, 16, 20, 16};
    for (const auto& p : all)
      s.rows.push_back({p.category, p.name, p.basis, p.basis_article, p.procedure,
                        p.department_id ? p.department_name : unit_name, join_posts(p.posts), p.note});
    sheets.push_back(std::move(s));
  }
  return formats::write_xlsx(sheets);
}

Result<ImportOutcome> PowerService::import_catalogue(const Principal& who, CatalogueForm form, int64_t unit_id,
                                                     const std::string& xlsx) {
  LF_CHECK(auth::require(who, auth::Permission::org_staff_write));
  LF_TRY(auto sheets, formats::read_xlsx(xlsx));
  const auto& columns = form == CatalogueForm::attachment1 ? kAttachment1 : kEnforcement;
  const std::string name_col = form == CatalogueForm::attachment1 ? "权力名称" : "职权名称";
  const std::string posts_col = form == CatalogueForm::attachment1 ? "办理主体" : "执法岗位";

  return db::write<ImportOutcome>(db_, [&](Connection& c) -> Result<ImportOutcome> {
    ImportOutcome out;
    auto fail = [&](const std::string& sheet, int row, const std::string& column, const Error& e) {
      out.errors.push_back({row, column, sheet, e.message, e.message_en});
    };
    LF_TRY(db::Rows unit, c.query("SELECT name FROM units WHERE id = ?", {unit_id}));
    if (unit.empty()) return make_error("org.unit.not_found", "unit_id", 404);
    const std::string unit_name = unit.text(0, 0);
    LF_TRY(db::Rows depts, c.query("SELECT id, name FROM departments WHERE unit_id = ?", {unit_id}));
    LF_TRY(db::Rows posts, c.query("SELECT id, name, department_id FROM posts WHERE unit_id = ?", {unit_id}));
    LF_TRY(auto cats, store::categories(c, unit_id));

    // Department by name, within the unit; the unit's own name means "the unit itself".
    auto department = [&](const std::string& name) -> std::optional<std::optional<int64_t>> {
      if (name == unit_name) return std::optional<int64_t>();
      for (size_t i = 0; i < depts.size(); ++i)
        if (depts.text(i, 1) == name) return std::optional<int64_t>(depts.integer(i, 0));
      return std::nullopt;
    };

    std::vector<ImportRow> rows;
    bool any_sheet = false;
    for (const auto& sheet : sheets) {
      const int heading = formats::find_heading_row(sheet, columns);
      if (heading < 0) continue;
      any_sheet = true;
      // Headings typed as "权 力\n名 称" on paper forms still match (formats::heading_columns).
      const std::vector<int> col_index = formats::heading_columns(sheet, heading, columns);
      std::optional<std::optional<int64_t>> sheet_dept;
      if (form == CatalogueForm::attachment1) {
        const std::string dept_name = formats::header_field(sheet, heading, {"部门"}).value_or("");
        sheet_dept = department(dept_name);
        if (!sheet_dept) {
          fail(sheet.name, heading, "部门", make_error_arg("import.unknown_department", "", dept_name));
          continue;
        }
      }
      for (size_t r = size_t(heading) + 1; r < sheet.rows.size(); ++r) {
        const auto& cells = sheet.rows[r];
        if (formats::is_footer_row(cells, {"分管校领导", "部门负责人", "分管领导"})) break;
        ImportRow row{sheet.name, int(r) + 1, std::nullopt, {}};
        bool blank = true;
        for (size_t ci = 0; ci < columns.size(); ++ci) {
          const int k = col_index[ci];
          const std::string& col = columns[ci];
          row.cells[col] = k >= 0 && size_t(k) < cells.size() ? trim(cells[size_t(k)]) : "";
          if (!row.cells[col].empty()) blank = false;
        }
        if (blank) continue;
        if (form == CatalogueForm::attachment1) {
          row.department_id = *sheet_dept;
        } else {
          const std::string org = row.cells["实施机构"];
          auto d = department(org.empty() ? unit_name : org);
          if (!d) {
            fail(sheet.name, row.row, "实施机构", make_error_arg("import.unknown_department", "", org));
            continue;
          }
          row.department_id = *d;
        }
        rows.push_back(std::move(row));
      }
    }
    if (!any_sheet) return make_error("import.no_sheet");

    std::set<std::pair<int64_t, std::string>> seen;
    std::vector<std::pair<Power, bool>> planned;  // the power to write, and whether it exists
    for (auto& row : rows) {
      Power p;
      p.unit_id = unit_id;
      p.department_id = row.department_id;
      p.name = row.cells[name_col];
      if (p.name.empty()) {
        fail(row.sheet, row.row, name_col, make_error("import.name_required"));
        continue;
      }
      if (!seen.insert({row.department_id.value_or(0), p.name}).second) {
        fail(row.sheet, row.row, name_col, make_error_arg("import.duplicate_row", "", p.name));
        continue;
      }
      bool row_ok = true;
      for (const auto& post_name : split_names(row.cells[posts_col])) {
        // Prefer the post of that name in the row's department; else the only one in the unit.
        std::vector<int64_t> same_dept, in_unit;
        for (size_t i = 0; i < posts.size(); ++i) {
          if (posts.text(i, 1) != post_name) continue;
          in_unit.push_back(posts.integer(i, 0));
          if (row.department_id && posts.opt_integer(i, 2) == row.department_id) same_dept.push_back(posts.integer(i, 0));
        }
        const auto& pick = same_dept.size() == 1 ? same_dept : in_unit;
        if (pick.size() == 1) {
          p.posts.push_back({pick[0], post_name});
        } else {
          fail(row.sheet, row.row, posts_col,
               make_error_arg(pick.empty() ? "import.unknown_post" : "import.ambiguous_post", "", post_name));
          row_ok = false;
        }
      }
      if (!row_ok) continue;
      LF_TRY(auto existing, store::find_by_name(c, unit_id, row.department_id, p.name));
      if (existing) {
        LF_TRY(auto current, store::find(c, *existing));
        Power next = *current;
        next.posts = p.posts;
        p = std::move(next);
      } else {
        p.status = "draft";
      }
      if (form == CatalogueForm::attachment1) {
        p.content = row.cells["具体内容"];
        p.basis = row.cells["制度依据"];
      } else {
        p.category = row.cells["职权类别"];
        p.basis = row.cells["法定依据"];
        p.basis_article = row.cells["具体条款"];
        p.procedure = row.cells["执法程序"];
        p.note = row.cells["备注"];
        if (!p.category.empty() &&
            std::none_of(cats.begin(), cats.end(), [&](const Category& k) { return k.name == p.category; })) {
          fail(row.sheet, row.row, "职权类别", make_error("power.category_invalid"));
          continue;
        }
      }
      // Scope: the importer must be able to write where the row puts the power.
      LF_TRY(bool mine, p.department_id ? auth::department_in_scope(c, who.scope, *p.department_id)
                                        : auth::unit_in_scope(c, who.scope, unit_id));
      if (!mine) {
        fail(row.sheet, row.row, form == CatalogueForm::attachment1 ? "部门" : "实施机构",
             make_error("auth.out_of_scope"));
        continue;
      }
      for (std::string* text : {&p.name, &p.content, &p.basis, &p.basis_article, &p.procedure, &p.note}) {
        if (utf8_length(*text) > 4000) {
          fail(row.sheet, row.row, name_col, make_error("power.text_too_long"));
          row_ok = false;
        }
      }
      if (utf8_length(p.name) > 200) {
        fail(row.sheet, row.row, name_col, make_error("power.name_too_long"));
        row_ok = false;
      }
      if (row_ok) planned.push_back({std::move(p), existing.has_value()});
    }
    if (!out.errors.empty()) return out;  // nothing written

    for (auto& [p, exists] : planned) {
      if (exists) {
        LF_TRY(auto before, store::find(c, p.id));
        std::sort(p.posts.begin(), p.posts.end(), [](const PostRef& a, const PostRef& b) { return a.id < b.id; });
        auto same_posts = [](const std::vector<PostRef>& a, const std::vector<PostRef>& b) {
          return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const PostRef& x, const PostRef& y) { return x.id == y.id; });
        };
        if (before->content == p.content && before->basis == p.basis && before->category == p.category &&
            before->basis_article == p.basis_article && before->procedure == p.procedure && before->note == p.note &&
            same_posts(before->posts, p.posts)) {
          ++out.unchanged;
          continue;
        }
        LF_CHECK(store::update(c, p));
        LF_TRY(auto after, store::find(c, p.id));
        LF_CHECK(detail::audit_power(c, who, "import", p.id, &*before, &*after));
        ++out.updated;
      } else {
        LF_TRY(p.code, store::next_code(c, unit_id));
        LF_TRY(int64_t id, store::insert(c, p));
        LF_TRY(auto after, store::find(c, id));
        LF_CHECK(detail::audit_power(c, who, "import", id, nullptr, &*after));
        ++out.created;
      }
    }
    out.imported = true;
    return out;
  });
}

}  // namespace lf::powers
