// The risk forms: 附件二 部门工作廉政风险排查表, 附件三 个人岗位廉政风险排查表 (XLSX out and in) and the
// 廉政风险点排查及防控措施一览表 (XLSX and PDF out), with the exact columns, headers and footers of seed 004.
#include <algorithm>
#include <map>
#include <set>

#include "base/clock.h"
#include "base/text.h"
#include "formats/pdf.h"
#include "formats/xlsx.h"
#include "modules/auth/scope_sql.h"
#include "modules/risks/risk_util.h"
#include "modules/risks/service.h"
#include "modules/risks/store.h"
#include "modules/risks/workflow.h"

namespace lf::risks {
using db::Connection;

namespace {

const std::vector<std::string> kDepartmentColumns = {"部门职责", "廉政风险点", "表现形式", "原因分析", "风险等级", "防控措施", "备注"};
const std::vector<std::string> kPersonalColumns = {"岗位职责", "廉政风险点", "表现形式", "原因分析", "风险等级", "防控措施", "备注"};
const std::vector<std::string> kRegisterColumns = {"序号", "单位/科室", "风险类别", "风险点", "主要内容及表现形式",
                                                   "风险等级", "防控措施", "部门负责人", "责任领导"};
const std::vector<std::string> kPowerMeasureColumns = {"序号", "职权名称", "运行环节", "廉政风险点", "风险等级",
                                                       "防控措施", "责任岗位"};

std::string filled_date() {
  const std::string d = today_utc();
  return d.substr(0, 4) + "年" + d.substr(5, 2) + "月" + d.substr(8, 2) + "日";
}

// Names of the current holders of posts chosen by `where` (joined with 、).
Result<std::string> holders(Connection& c, const std::string& where, const db::Params& p) {
  LF_TRY(db::Rows r, c.query("SELECT pe.name FROM assignments a JOIN people pe ON pe.id = a.person_id JOIN posts po ON "
                             "po.id = a.post_id WHERE (a.end_date IS NULL OR a.end_date >= '" + today_utc() + "') AND " +
                                 where + " ORDER BY po.id, a.start_date",
                             p));
  std::string out;
  for (size_t i = 0; i < r.size(); ++i) out += (out.empty() ? "" : "、") + r.text(i, 0);
  return out;
}

// 部门负责人: holders of the department's first middle-tier post.
Result<std::string> department_head(Connection& c, int64_t dept_id) {
  LF_TRY(db::Rows p, c.query("SELECT id FROM posts WHERE department_id = ? AND tier = 'middle' ORDER BY id LIMIT 1", {dept_id}));
  if (p.empty()) return std::string();
  return holders(c, "po.id = ?", {p.integer(0, 0)});
}

// 责任领导: the holder of the unit's leader post whose duties name the department (分管…财务处…), else of the
// unit's first leader post (its principal, who answers for the rest).
Result<std::string> responsible_leader(Connection& c, int64_t unit_id, const std::string& department) {
  LF_TRY(db::Rows p, c.query("SELECT id, duties FROM posts WHERE unit_id = ? AND tier = 'leader' ORDER BY id", {unit_id}));
  if (p.empty()) return std::string();
  int64_t chosen = p.integer(0, 0);
  for (size_t i = 0; i < p.size() && !department.empty(); ++i) {
    const std::string duties = p.text(i, 1);
    const auto at = duties.find("分管");
    if (at != std::string::npos && duties.find(department, at) != std::string::npos) {
      chosen = p.integer(i, 0);
      break;
    }
  }
  return holders(c, "po.id = ?", {chosen});
}

// 防控措施 of a risk: its measures in force or planned, numbered, with who checks and how often; the text written on
// the form when it has none yet.
Result<std::string> measures_cell(Connection& c, const Risk& r) {
  LF_TRY(db::Rows m, c.query("SELECT description, frequency FROM measures WHERE risk_id = ? AND status <> 'lapsed' "
                             "ORDER BY id",
                             {r.id}));
  if (m.empty()) return r.measures_text;
  static const std::map<std::string, std::string> how_often = {
      {"once", ""}, {"monthly", "（每月）"}, {"quarterly", "（每季度）"}, {"yearly", "（每年）"}, {"per_case", "（每案）"}};
  std::string out;
  for (size_t i = 0; i < m.size(); ++i) {
    auto f = how_often.find(m.text(i, 1));
    out += (i ? "\n" : "") + std::to_string(i + 1) + "．" + m.text(i, 0) + (f == how_often.end() ? "" : f->second);
  }
  return out;
}

// Every risk in scope matching the filter.
Result<std::vector<Risk>> collect(RiskService& svc, const Principal& who, const FormFilter& f, const std::string& scope_level) {
  RiskFilter rf;
  rf.unit_id = f.unit_id;
  rf.department_id = f.department_id;
  rf.post_id = f.post_id;
  rf.year = f.year;
  rf.level = f.level;
  rf.stage = f.stage;
  rf.scope_level = scope_level;
  std::vector<Risk> all;
  for (int64_t offset = 0;; offset += 500) {
    LF_TRY(auto page, svc.list(who, rf, offset, 500));
    all.insert(all.end(), page.items.begin(), page.items.end());
    if (offset + 500 >= page.total) break;
  }
  return all;
}

// "高" → "high", also 一级 / A and the English labels: whatever display a unit chose.
std::optional<std::string> level_from_label(const GradingModel& m, const std::string& text) {
  const std::string t = trim(text);
  for (const auto& l : levels()) {
    if (t == l || t == level_label(m, l) || t == level_label(m, l, true)) return l;
    for (const char* display : {"gzd", "level123", "abc"}) {
      GradingModel other = m;
      other.display = display;
      if (t == level_label(other, l)) return l;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<std::string> RiskService::export_form(const Principal& who, RiskForm form, const FormFilter& f, bool pdf) {
  const std::string scope_level = form == RiskForm::department ? "department" : form == RiskForm::personal ? "post" : "";
  if (form == RiskForm::power_measures && !f.unit_id && !f.department_id) return make_error("risk.unit_required", "unit_id");
  LF_TRY(auto risks, collect(*this, who, f, scope_level));
  std::vector<formats::FormSheet> sheets;
  LF_CHECK(db_.with([&](Connection& c) -> Status {
    int64_t unit_id = f.unit_id.value_or(risks.empty() ? 0 : risks.front().unit_id);
    if (!f.unit_id && f.department_id) {
      LF_TRY(db::Rows d, c.query("SELECT unit_id FROM departments WHERE id = ?", {*f.department_id}));
      if (!d.empty()) unit_id = d.integer(0, 0);
    }
    LF_TRY(db::Rows u, c.query("SELECT name FROM units WHERE id = ?", {unit_id}));
    const std::string unit_name = u.empty() ? "" : u.text(0, 0);
    LF_TRY(GradingModel model, detail::model_for(c, unit_id));

    if (form == RiskForm::register_table) {
      formats::FormSheet s;
      s.name = "一览表";
      s.title = unit_name + "廉政风险点排查及防控措施一览表";
      s.header = {{"单位", unit_name}, {"填表日期", filled_date()}};
      s.columns = kRegisterColumns;
      s.widths = {6, 18, 10, 28, 36, 10, 36, 10, 10};
      std::map<int64_t, std::string> heads;
      std::map<std::pair<int64_t, std::string>, std::string> leaders;
      int n = 0;
      for (const auto& r : risks) {
        if (r.department_id && !heads.count(*r.department_id)) {
          LF_TRY(heads[*r.department_id], department_head(c, *r.department_id));
        }
        const auto leader_key = std::make_pair(r.unit_id, r.department_name);
        if (!leaders.count(leader_key)) {
          LF_TRY(leaders[leader_key], responsible_leader(c, r.unit_id, r.department_name));
        }
        const std::string where = r.department_name.empty() ? unit_name
                                  : r.post_name.empty()     ? r.department_name
                                                            : r.department_name + "/" + r.post_name;
        LF_TRY(std::string measures, measures_cell(c, r));
        s.rows.push_back({std::to_string(++n), where, r.category, r.description, r.manifestation, level_label(model, r.level),
                          measures, r.department_id ? heads[*r.department_id] : "", leaders[leader_key]});
      }
      sheets.push_back(std::move(s));
      return ok();
    }

    if (form == RiskForm::power_measures) {
      formats::FormSheet s;
      s.name = "防控措施表";
      s.title = unit_name + "职权运行和廉政风险防控措施表";
      s.header = {{"单位", unit_name}, {"填表日期", filled_date()}};
      s.columns = kPowerMeasureColumns;
      s.widths = {6, 20, 16, 30, 10, 40, 16};
      // Power by power, in flow order, then the risks on no particular step.
      std::vector<const Risk*> on_powers;
      for (const auto& r : risks)
        if (r.power_id) on_powers.push_back(&r);
      std::map<std::pair<int64_t, std::string>, std::pair<int64_t, std::string>> steps;  // (power, element) → sort, name
      for (const Risk* r : on_powers) {
        const auto key = std::make_pair(*r->power_id, r->step_element);
        if (r->step_element.empty() || steps.count(key)) continue;
        LF_TRY(db::Rows st, c.query("SELECT sort, name FROM flow_steps WHERE power_id = ? AND element_id = ?",
                                    {*r->power_id, r->step_element}));
        steps[key] = st.empty() ? std::make_pair(int64_t(0), std::string()) : std::make_pair(st.integer(0, 0), st.text(0, 1));
      }
      auto step_of = [&](const Risk* r) {
        auto it = steps.find({*r->power_id, r->step_element});
        return it == steps.end() ? std::make_pair(int64_t(INT64_MAX), std::string()) : it->second;
      };
      std::stable_sort(on_powers.begin(), on_powers.end(), [&](const Risk* a, const Risk* b) {
        if (a->power_name != b->power_name) return a->power_name < b->power_name;
        return step_of(a).first < step_of(b).first;
      });
      int n = 0;
      for (const Risk* r : on_powers) {
        LF_TRY(std::string measures, measures_cell(c, *r));
        const std::string post = r->post_name.empty() ? r->department_name : r->department_name + "/" + r->post_name;
        s.rows.push_back({std::to_string(++n), r->power_name, step_of(r).second, r->description,
                          level_label(model, r->level), measures, post});
      }
      s.footer = {{"分管领导", ""}, {"部门负责人", ""}};
      sheets.push_back(std::move(s));
      return ok();
    }

    // One sheet per department (附件二) or per post (附件三), in the order they first appear.
    std::vector<int64_t> order;
    std::map<int64_t, std::vector<const Risk*>> groups;
    for (const auto& r : risks) {
      const int64_t key = form == RiskForm::department ? r.department_id.value_or(0) : r.post_id.value_or(0);
      if (!groups.count(key)) order.push_back(key);
      groups[key].push_back(&r);
    }
    if (order.empty()) order.push_back(form == RiskForm::department ? f.department_id.value_or(0) : f.post_id.value_or(0));
    for (int64_t key : order) {
      formats::FormSheet s;
      s.widths = {28, 24, 30, 20, 10, 30, 10};
      if (form == RiskForm::department) {
        LF_TRY(db::Rows d, c.query("SELECT name FROM departments WHERE id = ?", {key}));
        const std::string name = d.empty() ? unit_name : d.text(0, 0);
        LF_TRY(std::string head, department_head(c, key));
        s.name = name;
        s.title = unit_name + "部门工作廉政风险排查表";
        s.header = {{"部门（盖章）", name}, {"负责人", head}, {"填表日期", filled_date()}};
        s.columns = kDepartmentColumns;
        s.footer = {{"分管领导审核意见", ""}};
      } else {
        LF_TRY(db::Rows p, c.query("SELECT name FROM posts WHERE id = ?", {key}));
        const std::string post = p.empty() ? "" : p.text(0, 0);
        LF_TRY(std::string names, holders(c, "po.id = ?", {key}));
        s.name = post + "-" + std::to_string(key);
        s.title = unit_name + "个人岗位廉政风险排查表";
        s.header = {{"姓名", names}, {"职务", post}, {"填表日期", filled_date()}};
        s.columns = kPersonalColumns;
        s.footer = {{"部门领导审核意见", ""}};
      }
      for (const Risk* r : groups[key])
        s.rows.push_back({r->duty, r->description, r->manifestation, r->causes, level_label(model, r->level),
                          r->measures_text, r->note});
      sheets.push_back(std::move(s));
    }
    return ok();
  }));
  if (pdf) return formats::write_pdf(sheets);
  return formats::write_xlsx(sheets);
}

Result<list::ImportOutcome> RiskService::import_form(const Principal& who, RiskForm form, int64_t unit_id, int32_t year,
                                                     const std::string& xlsx) {
  if (!detail::is_office(who)) return make_error("auth.forbidden", "", 403);
  if (form == RiskForm::register_table || form == RiskForm::power_measures) return make_error("import.variant_invalid", "form");
  LF_TRY(auto sheets, formats::read_xlsx(xlsx));
  const auto& columns = form == RiskForm::department ? kDepartmentColumns : kPersonalColumns;
  const std::string duty_col = columns[0];

  return db::write<list::ImportOutcome>(db_, [&](Connection& c) -> Result<list::ImportOutcome> {
    list::ImportOutcome out;
    auto fail = [&](const std::string& sheet, int row, const std::string& column, const Error& e) {
      out.errors.push_back({row, column, sheet, e.message, e.message_en});
    };
    LF_TRY(db::Rows unit, c.query("SELECT name FROM units WHERE id = ?", {unit_id}));
    if (unit.empty()) return make_error("org.unit.not_found", "unit_id", 404);
    LF_TRY(GradingModel model, detail::model_for(c, unit_id));
    LF_TRY(int64_t cycle_id, store::open_cycle(c, unit_id, year));

    struct Planned {
      Risk risk;
      std::optional<int64_t> existing;
    };
    std::vector<Planned> planned;
    bool any_sheet = false;
    for (const auto& sheet : sheets) {
      const int heading = formats::find_heading_row(sheet, columns);
      if (heading < 0) continue;
      any_sheet = true;
      const std::vector<int> col = formats::heading_columns(sheet, heading, columns);
      // Where the sheet's risks belong: a department (附件二) or the post of the person named (附件三).
      Risk base;
      base.unit_id = unit_id;
      base.cycle_id = cycle_id;
      if (form == RiskForm::department) {
        const std::string name = formats::header_field(sheet, heading, {"部门（盖章）", "部门(盖章)", "部门"}).value_or("");
        LF_TRY(db::Rows d, c.query("SELECT id FROM departments WHERE unit_id = ? AND name = ?", {unit_id, name}));
        if (d.size() != 1) {
          fail(sheet.name, heading, "部门（盖章）", make_error_arg("import.unknown_department", "", name));
          continue;
        }
        base.department_id = d.integer(0, 0);
      } else {
        const std::string people = formats::header_field(sheet, heading, {"姓名"}).value_or("");
        const std::string post = formats::header_field(sheet, heading, {"职务"}).value_or("");
        // The post of that name in the unit held by one of the people named (the export lists every current
        // holder, joined with 、); with no names, the only post of that name.
        std::set<std::string> names;
        for (size_t at = 0; at < people.size();) {
          size_t next = people.find("、", at);
          if (next == std::string::npos) next = people.size();
          if (auto n = trim(people.substr(at, next - at)); !n.empty()) names.insert(n);
          at = next == people.size() ? next : next + std::string("、").size();
        }
        LF_TRY(db::Rows candidates, c.query("SELECT id FROM posts WHERE unit_id = ? AND name = ? ORDER BY id", {unit_id, post}));
        std::vector<int64_t> matching;
        for (size_t i = 0; i < candidates.size(); ++i) {
          if (names.empty()) {
            matching.push_back(candidates.integer(i, 0));
            continue;
          }
          LF_TRY(db::Rows held, c.query("SELECT pe.name FROM assignments a JOIN people pe ON pe.id = a.person_id WHERE "
                                        "a.post_id = ? AND (a.end_date IS NULL OR a.end_date >= ?)",
                                        {candidates.integer(i, 0), today_utc()}));
          for (size_t h = 0; h < held.size(); ++h)
            if (names.count(held.text(h, 0))) {
              matching.push_back(candidates.integer(i, 0));
              break;
            }
        }
        if (matching.size() != 1) {
          fail(sheet.name, heading, "职务",
               make_error_arg(matching.empty() ? "import.unknown_post" : "import.ambiguous_post", "", post));
          continue;
        }
        base.post_id = matching.front();
      }
      for (size_t r = size_t(heading) + 1; r < sheet.rows.size(); ++r) {
        const auto& cells = sheet.rows[r];
        if (formats::is_footer_row(cells, {"分管领导审核意见", "部门领导审核意见"})) break;
        std::map<std::string, std::string> cell;
        bool blank = true;
        for (size_t ci = 0; ci < columns.size(); ++ci) {
          const int k = col[ci];
          cell[columns[ci]] = k >= 0 && size_t(k) < cells.size() ? trim(cells[size_t(k)]) : "";
          if (!cell[columns[ci]].empty()) blank = false;
        }
        if (blank) continue;
        const int row_no = int(r) + 1;
        Risk k = base;
        k.risk_class = "integrity";
        k.duty = cell[duty_col];
        k.description = cell["廉政风险点"];
        k.manifestation = cell["表现形式"];
        k.causes = cell["原因分析"];
        k.measures_text = cell["防控措施"];
        k.note = cell["备注"];
        if (k.description.empty()) {
          fail(sheet.name, row_no, "廉政风险点", make_error("risk.description_required"));
          continue;
        }
        if (!cell["风险等级"].empty()) {
          auto level = level_from_label(model, cell["风险等级"]);
          if (!level) {
            fail(sheet.name, row_no, "风险等级", make_error("risk.level_invalid"));
            continue;
          }
          k.level = *level;
        }
        if (auto st = detail::validate_text(k); !st.ok()) {
          fail(sheet.name, row_no, "廉政风险点", st.error());
          continue;
        }
        if (auto st = detail::place(c, who, k); !st.ok()) {
          fail(sheet.name, row_no, form == RiskForm::department ? "部门（盖章）" : "职务", st.error());
          continue;
        }
        // The same risk point (same place, same description) in this year's register is updated, not doubled.
        LF_TRY(db::Rows same, c.query("SELECT id FROM risks WHERE cycle_id = ? AND description = ? AND "
                                      "COALESCE(post_id, 0) = ? AND COALESCE(department_id, 0) = ? AND scope_level = ?",
                                      {cycle_id, k.description, k.post_id.value_or(0), k.department_id.value_or(0),
                                       k.scope_level}));
        planned.push_back({std::move(k), same.empty() ? std::nullopt : std::optional<int64_t>(same.integer(0, 0))});
      }
    }
    if (!any_sheet) return make_error("import.no_sheet");
    if (!out.errors.empty()) return out;  // nothing written

    for (auto& [k, existing] : planned) {
      if (existing) {
        LF_TRY(Risk before, detail::reload(c, *existing));
        if (before.stage != "draft") {  // only drafts are refilled from a form
          ++out.unchanged;
          continue;
        }
        if (before.duty == k.duty && before.manifestation == k.manifestation && before.causes == k.causes &&
            before.measures_text == k.measures_text && before.note == k.note && before.level == k.level) {
          ++out.unchanged;
          continue;
        }
        Risk next = before;
        next.duty = k.duty;
        next.manifestation = k.manifestation;
        next.causes = k.causes;
        next.measures_text = k.measures_text;
        next.note = k.note;
        if (!k.level.empty()) next.level = k.level;
        LF_CHECK(store::update(c, next));
        LF_TRY(Risk after, detail::reload(c, next.id));
        LF_CHECK(detail::audit_risk(c, who, "import", next.id, &before, &after));
        ++out.updated;
      } else {
        k.stage = "draft";
        k.stage_due = detail::due_after(stage_days("draft"));
        k.filed_by = who.id;
        LF_TRY(int64_t id, store::insert(c, k));
        LF_CHECK(store::add_history(c, id, who, "import", "", "draft", k.level, ""));
        LF_TRY(Risk after, detail::reload(c, id));
        LF_CHECK(detail::audit_risk(c, who, "import", id, nullptr, &after));
        ++out.created;
      }
    }
    out.imported = true;
    return out;
  });
}

}  // namespace lf::risks
