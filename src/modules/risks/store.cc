// SQL for risks, history, objections, cycles, grading models and categories.
#include "modules/risks/store.h"

#include <boost/json.hpp>

#include "base/clock.h"
#include "modules/auth/scope_sql.h"
#include "modules/common/list_query.h"

namespace lf::risks::store {
namespace {


boost::json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  return !ec && v.is_object() ? v.as_object() : boost::json::object{};
}

const char* kColumns =
    "SELECT r.id, r.cycle_id, cy.year, r.unit_id, r.department_id, COALESCE(d.name, ''), r.post_id, "
    "COALESCE(po.name, ''), r.power_id, COALESCE(pw.name, ''), r.step_element, r.scope_level, r.category, "
    "r.risk_class, r.duty, r.description, r.manifestation, r.causes, r.finding_method, r.measures_text, r.note, "
    "r.grading_inputs, r.computed_level, r.grading_basis, r.level, r.override_reason, r.stage, r.stage_due, "
    "r.publicity_until, r.appraisal_json, r.valid_until, r.filed_by, COALESCE(u.display_name, ''), cy.status, "
    "r.version, r.updated_at "
    "FROM risks r JOIN risk_cycles cy ON cy.id = r.cycle_id LEFT JOIN departments d ON d.id = r.department_id "
    "LEFT JOIN posts po ON po.id = r.post_id LEFT JOIN powers pw ON pw.id = r.power_id "
    "LEFT JOIN users u ON u.id = r.filed_by";

std::optional<std::string> opt_cell(const db::Rows& r, size_t i, size_t c) {
  if (r.is_null(i, c)) return std::nullopt;
  return r.text(i, c);
}

Risk from_row(const db::Rows& r, size_t i) {
  Risk k;
  k.id = r.integer(i, 0);
  k.cycle_id = r.integer(i, 1);
  k.year = int32_t(r.integer(i, 2));
  k.unit_id = r.integer(i, 3);
  k.department_id = r.opt_integer(i, 4);
  k.department_name = r.text(i, 5);
  k.post_id = r.opt_integer(i, 6);
  k.post_name = r.text(i, 7);
  k.power_id = r.opt_integer(i, 8);
  k.power_name = r.text(i, 9);
  k.step_element = r.text(i, 10);
  k.scope_level = r.text(i, 11);
  k.category = r.text(i, 12);
  k.risk_class = r.text(i, 13);
  k.duty = r.text(i, 14);
  k.description = r.text(i, 15);
  k.manifestation = r.text(i, 16);
  k.causes = r.text(i, 17);
  k.finding_method = r.text(i, 18);
  k.measures_text = r.text(i, 19);
  k.note = r.text(i, 20);
  k.grading_inputs = parse_object(r.text(i, 21));
  k.computed_level = r.text(i, 22);
  k.grading_basis = r.text(i, 23);
  k.level = r.text(i, 24);
  k.override_reason = r.text(i, 25);
  k.stage = r.text(i, 26);
  k.stage_due = opt_cell(r, i, 27);
  k.publicity_until = opt_cell(r, i, 28);
  k.appraisal = parse_object(r.text(i, 29));
  k.valid_until = opt_cell(r, i, 30);
  k.filed_by = r.opt_integer(i, 31);
  k.filed_by_name = r.text(i, 32);
  k.cycle_closed = r.text(i, 33) == "closed";
  k.version = r.integer(i, 34);
  k.updated_at = r.text(i, 35);
  return k;
}

db::Params values(const Risk& k) {
  return {k.cycle_id,          k.unit_id,          db::nullable(k.department_id), db::nullable(k.post_id),
          db::nullable(k.power_id),     k.step_element,     k.scope_level,        k.category,
          k.risk_class,        k.duty,             k.description,        k.manifestation,
          k.causes,            k.finding_method,   k.measures_text,      k.note,
          boost::json::serialize(k.grading_inputs), k.computed_level,    k.grading_basis,
          k.level,             k.override_reason,  k.stage,              db::nullable(k.stage_due),
          db::nullable(k.publicity_until), boost::json::serialize(k.appraisal), db::nullable(k.valid_until)};
}

}  // namespace

Result<Page<Risk>> list(Connection& c, audit::Totals& totals, const Scope& s, const RiskFilter& f, int64_t offset,
                        int64_t limit) {
  list::Where w;
  w.sql += auth::scope_filter(s, "r.unit_id", "r.department_id", w.params);
  if (f.unit_id) w.equals("r.unit_id", *f.unit_id);
  if (f.department_id) LF_CHECK(w.in_department_subtree(c, "r.department_id", *f.department_id));
  if (f.post_id) w.equals("r.post_id", *f.post_id);
  if (f.power_id) w.equals("r.power_id", *f.power_id);
  if (f.cycle_id) w.equals("r.cycle_id", *f.cycle_id);
  if (f.year) w.sql += " AND r.cycle_id IN (SELECT id FROM risk_cycles WHERE year = " + std::to_string(*f.year) + ")";
  if (!f.level.empty()) w.equals("r.level", f.level);
  if (!f.stage.empty()) w.equals("r.stage", f.stage);
  if (!f.scope_level.empty()) w.equals("r.scope_level", f.scope_level);
  if (!f.q.empty()) w.contains({"r.description", "r.manifestation"}, f.q);
  return list::fetch_page<Risk>(c, totals, "FROM risks r", kColumns, w, "r.id", offset, limit, from_row);
}

Result<std::optional<Risk>> find(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string(kColumns) + " WHERE r.id = ?", {id}));
  if (r.empty()) return std::optional<Risk>();
  return std::optional<Risk>(from_row(r, 0));
}

Result<bool> visible(Connection& c, const Scope& s, int64_t id) {
  db::Params p{id};
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM risks r WHERE r.id = ?" + auth::scope_filter(s, "r.unit_id", "r.department_id", p), p));
  return !r.empty();
}

Result<int64_t> insert(Connection& c, const Risk& k) {
  db::Params p = values(k);
  p.emplace_back(db::nullable(k.filed_by));
  const auto now = now_utc();
  p.emplace_back(now);
  p.emplace_back(now);
  LF_TRY(db::Rows r, c.query("INSERT INTO risks(cycle_id, unit_id, department_id, post_id, power_id, step_element, "
                             "scope_level, category, risk_class, duty, description, manifestation, causes, "
                             "finding_method, measures_text, note, grading_inputs, computed_level, grading_basis, level, "
                             "override_reason, stage, stage_due, publicity_until, appraisal_json, valid_until, filed_by, "
                             "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                             "RETURNING id",
                             p));
  return r.integer(0, 0);
}

Status update(Connection& c, const Risk& k) {
  db::Params p = values(k);
  p.emplace_back(now_utc());
  p.emplace_back(k.id);
  LF_CHECK(c.query("UPDATE risks SET cycle_id = ?, unit_id = ?, department_id = ?, post_id = ?, power_id = ?, "
                   "step_element = ?, scope_level = ?, category = ?, risk_class = ?, duty = ?, description = ?, "
                   "manifestation = ?, causes = ?, finding_method = ?, measures_text = ?, note = ?, grading_inputs = ?, "
                   "computed_level = ?, grading_basis = ?, level = ?, override_reason = ?, stage = ?, stage_due = ?, "
                   "publicity_until = ?, appraisal_json = ?, valid_until = ?, version = version + 1, updated_at = ? "
                   "WHERE id = ?",
                   p));
  return ok();
}

Status add_history(Connection& c, int64_t risk_id, const auth::Principal& who, const std::string& action,
                   const std::string& from, const std::string& to, const std::string& level, const std::string& comment) {
  db::Value actor_id = who.id ? db::Value{who.id} : db::Value{nullptr};
  LF_CHECK(c.query("INSERT INTO risk_history(risk_id, at, actor_id, actor, action, from_stage, to_stage, level, comment) "
                   "VALUES (?,?,?,?,?,?,?,?,?)",
                   {risk_id, now_utc(), actor_id, who.username.empty() ? std::string("system") : who.username, action,
                    from, to, level, comment}));
  return ok();
}

Result<std::vector<HistoryEntry>> history(Connection& c, int64_t risk_id) {
  LF_TRY(db::Rows r, c.query("SELECT id, at, actor, action, from_stage, to_stage, level, comment FROM risk_history "
                             "WHERE risk_id = ? ORDER BY id",
                             {risk_id}));
  std::vector<HistoryEntry> out;
  for (size_t i = 0; i < r.size(); ++i)
    out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5), r.text(i, 6),
                   r.text(i, 7)});
  return out;
}

Status add_objection(Connection& c, int64_t risk_id, const std::string& by, const std::string& text) {
  LF_CHECK(c.query("INSERT INTO risk_objections(risk_id, at, recorded_by, text) VALUES (?,?,?,?)",
                   {risk_id, now_utc(), by, text}));
  return ok();
}

Result<int64_t> open_cycle(Connection& c, int64_t unit_id, int32_t year) {
  LF_TRY(db::Rows r, c.query("SELECT id, status FROM risk_cycles WHERE unit_id = ? AND year = ?", {unit_id, int64_t{year}}));
  if (!r.empty()) {
    if (r.text(0, 1) == "closed") return make_error("risk.cycle_closed", "cycle_id", 409);
    return r.integer(0, 0);
  }
  LF_TRY(db::Rows ins, c.query("INSERT INTO risk_cycles(unit_id, year, status, opened_at) VALUES (?,?,'open',?) RETURNING id",
                               {unit_id, int64_t{year}, now_utc()}));
  return ins.integer(0, 0);
}

namespace {
const char* kCycleColumns =
    "SELECT cy.id, cy.unit_id, cy.year, cy.status, cy.opened_at, cy.closed_at, "
    "(SELECT COUNT(*) FROM risks r WHERE r.cycle_id = cy.id) FROM risk_cycles cy";
Cycle cycle_from(const db::Rows& r, size_t i) {
  Cycle cy{r.integer(i, 0), r.integer(i, 1), int32_t(r.integer(i, 2)), r.text(i, 3), r.text(i, 4), std::nullopt,
           r.integer(i, 6)};
  if (!r.is_null(i, 5)) cy.closed_at = r.text(i, 5);
  return cy;
}
}  // namespace

Result<std::optional<Cycle>> find_cycle(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string(kCycleColumns) + " WHERE cy.id = ?", {id}));
  if (r.empty()) return std::optional<Cycle>();
  return std::optional<Cycle>(cycle_from(r, 0));
}

Result<std::vector<Cycle>> cycles(Connection& c, const Scope& s, std::optional<int64_t> unit_id) {
  db::Params p;
  std::string sql = std::string(kCycleColumns) + " WHERE 1 = 1";
  if (!s.all) {
    // Cycles belong to units: a department-scoped user sees the cycles of the unit holding the department.
    if (s.department_id) {
      sql += " AND cy.unit_id = ?";
      p.emplace_back(s.department_unit_id);
    } else {
      sql += " AND cy.unit_id IN (SELECT id FROM units WHERE " + auth::subtree("path", s.unit_path, p) + ")";
    }
  }
  if (unit_id) {
    sql += " AND cy.unit_id = ?";
    p.emplace_back(*unit_id);
  }
  LF_TRY(db::Rows r, c.query(sql + " ORDER BY cy.unit_id, cy.year DESC", p));
  std::vector<Cycle> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(cycle_from(r, i));
  return out;
}

Status close_cycle(Connection& c, int64_t cycle_id) {
  LF_TRY(db::Rows ids, c.query("SELECT id FROM risks WHERE cycle_id = ? ORDER BY id", {cycle_id}));
  for (size_t i = 0; i < ids.size(); ++i) {
    LF_TRY(auto k, find(c, ids.integer(i, 0)));
    LF_CHECK(c.query("INSERT INTO risk_snapshots(cycle_id, risk_id, risk_json) VALUES (?,?,?)",
                     {cycle_id, k->id, boost::json::serialize(to_json(*k))}));
  }
  LF_CHECK(c.query("UPDATE risk_cycles SET status = 'closed', closed_at = ? WHERE id = ?", {now_utc(), cycle_id}));
  return ok();
}

Result<std::optional<std::string>> grading_model(Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows r, c.query("SELECT model_json FROM grading_models WHERE unit_id = ?", {unit_id}));
  if (r.empty()) return std::optional<std::string>();
  return std::optional<std::string>(r.text(0, 0));
}

Status save_grading_model(Connection& c, int64_t unit_id, const std::string& json) {
  LF_TRY(db::Rows had, c.query("SELECT 1 FROM grading_models WHERE unit_id = ?", {unit_id}));
  if (had.empty())
    LF_CHECK(c.query("INSERT INTO grading_models(unit_id, model_json, updated_at) VALUES (?,?,?)", {unit_id, json, now_utc()}));
  else
    LF_CHECK(c.query("UPDATE grading_models SET model_json = ?, updated_at = ? WHERE unit_id = ?", {json, now_utc(), unit_id}));
  return ok();
}

Result<std::vector<std::pair<std::string, std::string>>> categories(Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows r, c.query("SELECT name, risk_class FROM risk_categories WHERE unit_id IS NULL OR unit_id = ? "
                             "ORDER BY sort, id",
                             {unit_id}));
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < r.size(); ++i) out.emplace_back(r.text(i, 0), r.text(i, 1));
  return out;
}

Result<std::vector<int64_t>> own_posts(Connection& c, int64_t user_id) {
  LF_TRY(db::Rows r, c.query("SELECT a.post_id FROM users u JOIN assignments a ON a.person_id = u.person_id "
                             "WHERE u.id = ? AND (a.end_date IS NULL OR a.end_date >= ?)",
                             {user_id, today_utc()}));
  std::vector<int64_t> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(r.integer(i, 0));
  return out;
}

}  // namespace lf::risks::store
