// SQL for powers, their posts, search terms, categories and flows.
#include "modules/powers/store.h"

#include <boost/json.hpp>
#include <charconv>
#include <map>
#include <sstream>

#include "base/clock.h"
#include "base/text.h"
#include "modules/auth/scope_sql.h"

namespace lf::powers::store {
namespace {


const char* kColumns =
    "SELECT pw.id, pw.unit_id, pw.department_id, COALESCE(d.name, ''), pw.code, pw.name, pw.category, pw.content, "
    "pw.basis, pw.basis_article, pw.enforcement_procedure, pw.time_limit_days, pw.supervision_channel, pw.materials, "
    "pw.service_commitment, pw.note, pw.is_public, pw.status, pw.version, pw.updated_at, "
    "(SELECT COUNT(*) FROM power_flows f WHERE f.power_id = pw.id), "
    "(SELECT COUNT(*) FROM flow_steps s WHERE s.power_id = pw.id) "
    "FROM powers pw LEFT JOIN departments d ON d.id = pw.department_id";

Power from_row(const db::Rows& r, size_t i) {
  Power p;
  p.id = r.integer(i, 0);
  p.unit_id = r.integer(i, 1);
  p.department_id = r.opt_integer(i, 2);
  p.department_name = r.text(i, 3);
  p.code = r.text(i, 4);
  p.name = r.text(i, 5);
  p.category = r.text(i, 6);
  p.content = r.text(i, 7);
  p.basis = r.text(i, 8);
  p.basis_article = r.text(i, 9);
  p.procedure = r.text(i, 10);
  if (auto t = r.opt_integer(i, 11)) p.time_limit_days = int32_t(*t);
  p.supervision_channel = r.text(i, 12);
  p.materials = r.text(i, 13);
  p.service_commitment = r.text(i, 14);
  p.note = r.text(i, 15);
  p.is_public = r.integer(i, 16) != 0;
  p.status = r.text(i, 17);
  p.version = r.integer(i, 18);
  p.updated_at = r.text(i, 19);
  p.has_flow = r.integer(i, 20) > 0;
  p.step_count = r.integer(i, 21);
  return p;
}

// Fills the posts of the given powers with one query.
Status fill_posts(Connection& c, std::vector<Power>& powers) {
  if (powers.empty()) return ok();
  db::Params p;
  std::string in;
  for (const auto& pw : powers) {
    in += in.empty() ? "?" : ",?";
    p.emplace_back(pw.id);
  }
  LF_TRY(db::Rows r, c.query("SELECT pp.power_id, po.id, po.name FROM power_posts pp JOIN posts po ON po.id = "
                             "pp.post_id WHERE pp.power_id IN (" + in + ") ORDER BY po.id",
                             p));
  std::map<int64_t, std::vector<PostRef>> by_power;
  for (size_t i = 0; i < r.size(); ++i) by_power[r.integer(i, 0)].push_back({r.integer(i, 1), r.text(i, 2)});
  for (auto& pw : powers)
    if (auto it = by_power.find(pw.id); it != by_power.end()) pw.posts = it->second;
  return ok();
}

db::Params values(const Power& p) {
  return {p.unit_id, db::nullable(p.department_id), p.code, p.name, p.category, p.content, p.basis, p.basis_article,
          p.procedure, db::nullable(p.time_limit_days), p.supervision_channel, p.materials, p.service_commitment, p.note,
          int64_t{p.is_public ? 1 : 0}, p.status};
}

// Rewrites the power's posts and search terms.
Status write_children(Connection& c, const Power& p) {
  LF_CHECK(c.query("DELETE FROM power_posts WHERE power_id = ?", {p.id}));
  for (const auto& post : p.posts)
    LF_CHECK(c.query("INSERT INTO power_posts(power_id, post_id) VALUES (?, ?)", {p.id, post.id}));
  const std::string terms = search_terms(p.name + " " + p.content + " " + p.basis + " " + p.basis_article + " " + p.code);
  if (c.dialect() == db::Dialect::sqlite) {
    LF_CHECK(c.query("DELETE FROM power_search WHERE power_id = ?", {p.id}));
    LF_CHECK(c.query("INSERT INTO power_search(terms, power_id) VALUES (?, ?)", {terms, p.id}));
  } else {
    LF_CHECK(c.query("INSERT INTO power_search(power_id, terms) VALUES (?, string_to_array(?, ' ')) "
                     "ON CONFLICT (power_id) DO UPDATE SET terms = excluded.terms",
                     {p.id, terms}));
  }
  return ok();
}

// " AND pw.id IN (powers whose terms hold every query term)".
std::string search_filter(db::Dialect d, const std::vector<std::string>& terms, db::Params& p) {
  std::string joined;
  for (const auto& t : terms) {
    if (d == db::Dialect::sqlite) joined += (joined.empty() ? "\"" : " \"") + t + "\"";
    else joined += (joined.empty() ? "" : " ") + t;
  }
  p.emplace_back(joined);
  if (d == db::Dialect::sqlite)
    return " AND pw.id IN (SELECT power_id FROM power_search WHERE power_search MATCH ?)";
  return " AND pw.id IN (SELECT power_id FROM power_search WHERE terms @> string_to_array(?, ' '))";
}

}  // namespace

Result<Page<Power>> list(Connection& c, audit::Totals& totals, const Scope& s, const PowerFilter& f, int64_t offset,
                         int64_t limit) {
  list::Where w;
  w.sql += auth::scope_filter(s, "pw.unit_id", "pw.department_id", w.params);
  if (f.unit_id) w.equals("pw.unit_id", *f.unit_id);
  if (f.department_id) LF_CHECK(w.in_department_subtree(c, "pw.department_id", *f.department_id));
  if (!f.category.empty()) w.equals("pw.category", f.category);
  if (!f.status.empty()) w.equals("pw.status", f.status);
  if (f.has_flow) w.sql += *f.has_flow ? " AND pw.id IN (SELECT power_id FROM power_flows)"
                                       : " AND pw.id NOT IN (SELECT power_id FROM power_flows)";
  if (!f.q.empty()) {
    auto terms = query_terms(f.q);
    if (terms.empty()) w.sql += " AND 1 = 0";
    else w.sql += search_filter(c.dialect(), terms, w.params);
  }
  LF_TRY(Page<Power> out, list::fetch_page<Power>(c, totals, "FROM powers pw", kColumns, w, "pw.id", offset, limit,
                                                  from_row));
  LF_CHECK(fill_posts(c, out.items));
  return out;
}

Result<std::optional<Power>> find(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string(kColumns) + " WHERE pw.id = ?", {id}));
  if (r.empty()) return std::optional<Power>();
  std::vector<Power> one{from_row(r, 0)};
  LF_CHECK(fill_posts(c, one));
  return std::optional<Power>(std::move(one[0]));
}

Result<bool> visible(Connection& c, const Scope& s, int64_t id) {
  db::Params p{id};
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM powers pw WHERE pw.id = ?" +
                                 auth::scope_filter(s, "pw.unit_id", "pw.department_id", p),
                             p));
  return !r.empty();
}

Result<bool> code_taken(Connection& c, int64_t unit_id, const std::string& code, int64_t except_id) {
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM powers WHERE unit_id = ? AND code = ? AND id <> ?", {unit_id, code, except_id}));
  return !r.empty();
}

Result<std::optional<int64_t>> find_by_name(Connection& c, int64_t unit_id, std::optional<int64_t> dept,
                                            const std::string& name) {
  db::Params p{unit_id, name};
  std::string sql = "SELECT id FROM powers WHERE unit_id = ? AND name = ?";
  if (dept) {
    sql += " AND department_id = ?";
    p.emplace_back(*dept);
  } else {
    sql += " AND department_id IS NULL";
  }
  LF_TRY(db::Rows r, c.query(sql + " ORDER BY id LIMIT 1", p));
  if (r.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(r.integer(0, 0));
}

Result<std::string> next_code(Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows u, c.query("SELECT code FROM units WHERE id = ?", {unit_id}));
  const std::string prefix = (u.empty() ? std::string("P") : u.text(0, 0)) + "-";
  LF_TRY(db::Rows n, c.query("SELECT COUNT(*) FROM powers WHERE unit_id = ?", {unit_id}));
  for (int64_t k = n.integer(0, 0) + 1;; ++k) {
    std::string number = std::to_string(k);
    if (number.size() < 3) number.insert(0, 3 - number.size(), '0');
    LF_TRY(bool taken, code_taken(c, unit_id, prefix + number, 0));
    if (!taken) return prefix + number;
  }
}

Result<int64_t> insert(Connection& c, const Power& p) {
  db::Params v = values(p);
  const auto now = now_utc();
  v.emplace_back(now);
  v.emplace_back(now);
  LF_TRY(db::Rows r, c.query("INSERT INTO powers(unit_id, department_id, code, name, category, content, basis, "
                             "basis_article, enforcement_procedure, time_limit_days, supervision_channel, materials, "
                             "service_commitment, note, is_public, status, version, created_at, updated_at) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?) RETURNING id",
                             v));
  Power saved = p;
  saved.id = r.integer(0, 0);
  LF_CHECK(write_children(c, saved));
  return saved.id;
}

Status update(Connection& c, const Power& p) {
  db::Params v = values(p);
  v.emplace_back(now_utc());
  v.emplace_back(p.id);
  LF_CHECK(c.query("UPDATE powers SET unit_id = ?, department_id = ?, code = ?, name = ?, category = ?, content = ?, "
                   "basis = ?, basis_article = ?, enforcement_procedure = ?, time_limit_days = ?, "
                   "supervision_channel = ?, materials = ?, service_commitment = ?, note = ?, is_public = ?, "
                   "status = ?, version = version + 1, updated_at = ? WHERE id = ?",
                   v));
  return write_children(c, p);
}

Status remove(Connection& c, int64_t id) {
  for (const char* sql : {"DELETE FROM power_posts WHERE power_id = ?", "DELETE FROM power_search WHERE power_id = ?",
                          "DELETE FROM flow_steps WHERE power_id = ?", "DELETE FROM power_flows WHERE power_id = ?",
                          "DELETE FROM powers WHERE id = ?"})
    LF_CHECK(c.query(sql, {id}));
  return ok();
}

Result<std::vector<PostRef>> unit_posts(Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows r, c.query("SELECT id, name FROM posts WHERE unit_id = ? ORDER BY id", {unit_id}));
  std::vector<PostRef> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back({r.integer(i, 0), r.text(i, 1)});
  return out;
}

// ---- categories ----

namespace {
const char* kCategoryColumns = "SELECT id, unit_id, name, grp, sort FROM power_categories";
Category category_from(const db::Rows& r, size_t i) {
  return Category{r.integer(i, 0), r.opt_integer(i, 1), r.text(i, 2), r.text(i, 3), r.integer(i, 4)};
}
}  // namespace

Result<std::vector<Category>> categories(Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows r, c.query(std::string(kCategoryColumns) +
                                 " WHERE unit_id IS NULL OR unit_id = ? ORDER BY grp DESC, sort, id",
                             {unit_id}));
  std::vector<Category> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(category_from(r, i));
  return out;
}

Result<std::optional<Category>> find_category(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string(kCategoryColumns) + " WHERE id = ?", {id}));
  if (r.empty()) return std::optional<Category>();
  return std::optional<Category>(category_from(r, 0));
}

Result<int64_t> insert_category(Connection& c, const Category& cat) {
  LF_TRY(db::Rows r, c.query("INSERT INTO power_categories(unit_id, name, grp, sort) VALUES (?,?,?,?) RETURNING id",
                             {db::nullable(cat.unit_id), cat.name, cat.group, cat.sort}));
  return r.integer(0, 0);
}

Status delete_category(Connection& c, int64_t id) {
  LF_CHECK(c.query("DELETE FROM power_categories WHERE id = ?", {id}));
  return ok();
}

// ---- flows ----

Result<std::optional<FlowDocument>> flow_document(Connection& c, int64_t power_id) {
  LF_TRY(db::Rows r, c.query("SELECT bpmn, pnml, updated_at FROM power_flows WHERE power_id = ?", {power_id}));
  if (r.empty()) return std::optional<FlowDocument>();
  FlowDocument d{r.text(0, 0), std::nullopt, r.text(0, 2)};
  if (!r.is_null(0, 1)) d.pnml = r.text(0, 1);
  return std::optional<FlowDocument>(std::move(d));
}

Status save_flow(Connection& c, int64_t power_id, const std::string& bpmn, const engine::FlowModel& flow) {
  const auto now = now_utc();
  LF_TRY(db::Rows had, c.query("SELECT 1 FROM power_flows WHERE power_id = ?", {power_id}));
  if (had.empty()) LF_CHECK(c.query("INSERT INTO power_flows(power_id, bpmn, updated_at) VALUES (?,?,?)", {power_id, bpmn, now}));
  else LF_CHECK(c.query("UPDATE power_flows SET bpmn = ?, updated_at = ? WHERE power_id = ?", {bpmn, now, power_id}));
  LF_CHECK(c.query("DELETE FROM flow_steps WHERE power_id = ?", {power_id}));
  int64_t sort = 0;
  for (const engine::FlowNode* t : flow.tasks()) {
    boost::json::array limits;
    for (const auto& l : t->limits) limits.push_back(boost::json::object{{"post", l.post}, {"amount_fen", l.amount_fen}});
    std::string sod;
    for (const auto& d : t->different_from) sod += (sod.empty() ? "" : " ") + d;
    // check_flow resolved every post to an id; anything else is stored as "no post".
    std::optional<int64_t> post;
    int64_t id = 0;
    auto [end, ec] = std::from_chars(t->post.data(), t->post.data() + t->post.size(), id);
    if (ec == std::errc() && end == t->post.data() + t->post.size() && !t->post.empty()) post = id;
    LF_CHECK(c.query("INSERT INTO flow_steps(power_id, element_id, name, post_id, lane, time_limit_days, "
                     "different_from, limits_json, collective_above_fen, materials, supervision_point, sort) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                     {power_id, t->id, t->name, db::nullable(post), t->lane, db::nullable(t->time_limit_days), sod,
                      boost::json::serialize(limits), db::nullable(t->collective_above_fen), t->materials,
                      int64_t{t->supervision_point ? 1 : 0}, ++sort}));
  }
  LF_CHECK(c.query("UPDATE powers SET version = version + 1, updated_at = ? WHERE id = ?", {now, power_id}));
  return ok();
}

Status save_net(Connection& c, int64_t power_id, const std::string& pnml) {
  LF_CHECK(c.query("UPDATE power_flows SET pnml = ?, updated_at = ? WHERE power_id = ?", {pnml, now_utc(), power_id}));
  return ok();
}

Result<std::vector<Step>> steps(Connection& c, int64_t power_id) {
  LF_TRY(db::Rows r, c.query("SELECT s.element_id, s.name, s.post_id, COALESCE(po.name, ''), s.lane, s.time_limit_days, "
                             "s.different_from, s.limits_json, s.collective_above_fen, s.materials, s.supervision_point "
                             "FROM flow_steps s LEFT JOIN posts po ON po.id = s.post_id WHERE s.power_id = ? "
                             "ORDER BY s.sort",
                             {power_id}));
  std::vector<Step> out;
  for (size_t i = 0; i < r.size(); ++i) {
    Step s;
    s.element_id = r.text(i, 0);
    s.name = r.text(i, 1);
    s.post_id = r.opt_integer(i, 2);
    s.post_name = r.text(i, 3);
    s.lane = r.text(i, 4);
    if (auto t = r.opt_integer(i, 5)) s.time_limit_days = int32_t(*t);
    std::istringstream sod(r.text(i, 6));
    for (std::string id; sod >> id;) s.different_from.push_back(id);
    boost::system::error_code ec;
    auto limits = boost::json::parse(r.text(i, 7), ec);
    if (!ec && limits.is_array())
      for (const auto& l : limits.as_array())
        if (l.is_object() && l.as_object().contains("post") && l.as_object().contains("amount_fen"))
          s.limits.push_back({std::string(l.at("post").as_string()), "", l.at("amount_fen").to_number<int64_t>()});
    s.collective_above_fen = r.opt_integer(i, 8);
    s.materials = r.text(i, 9);
    s.supervision_point = r.integer(i, 10) != 0;
    out.push_back(std::move(s));
  }
  // Limits name posts by id: resolve them for display.
  LF_TRY(db::Rows names, c.query("SELECT po.id, po.name FROM posts po JOIN powers pw ON pw.unit_id = po.unit_id WHERE "
                                 "pw.id = ?",
                                 {power_id}));
  std::map<std::string, std::string> by_id;
  for (size_t i = 0; i < names.size(); ++i) by_id[names.text(i, 0)] = names.text(i, 1);
  for (auto& s : out)
    for (auto& l : s.limits) l.post_name = by_id.count(l.post) ? by_id[l.post] : l.post;
  return out;
}

Result<PowerSummary> summary(Connection& c, const Scope& s, const PowerFilter& f) {
  db::Params p;
  std::string where = " WHERE 1 = 1" + auth::scope_filter(s, "pw.unit_id", "pw.department_id", p);
  if (f.unit_id) {
    where += " AND pw.unit_id = ?";
    p.emplace_back(*f.unit_id);
  }
  PowerSummary out;
  LF_TRY(db::Rows t, c.query("SELECT COUNT(*), SUM(CASE WHEN pw.id IN (SELECT power_id FROM power_flows) THEN 1 ELSE 0 END) "
                             "FROM powers pw" + where, p));
  out.total = t.integer(0, 0);
  out.with_flow = t.opt_integer(0, 1).value_or(0);
  LF_TRY(db::Rows cat, c.query("SELECT pw.category, COUNT(*) FROM powers pw" + where + " GROUP BY pw.category ORDER BY 2 DESC, 1", p));
  for (size_t i = 0; i < cat.size(); ++i) out.by_category.emplace_back(cat.text(i, 0), cat.integer(i, 1));
  LF_TRY(db::Rows st, c.query("SELECT pw.status, COUNT(*) FROM powers pw" + where + " GROUP BY pw.status ORDER BY 1", p));
  for (size_t i = 0; i < st.size(); ++i) out.by_status.emplace_back(st.text(i, 0), st.integer(i, 1));
  return out;
}

}  // namespace lf::powers::store
