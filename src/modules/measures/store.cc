#include "modules/measures/store.h"

#include "base/clock.h"
#include "modules/auth/scope_sql.h"

namespace lf::measures::store {

using db::nullable;

namespace {

const char* kMeasureSelect =
    "SELECT m.id, m.risk_id, r.description, r.level, r.unit_id, r.department_id, COALESCE(d.name, ''), m.line, "
    "m.control_type, m.description, m.owner_post_id, COALESCE(op.name, ''), m.owner_person_id, COALESCE(pp.name, ''), "
    "m.supervision, m.frequency, m.start_date, m.due_date, m.evidence, m.status, m.specificity, m.template_code, "
    "m.indicator_type, m.indicator_direction, m.indicator_unit, m.baseline, m.baseline_date, m.target, m.target_date, "
    "m.version, m.updated_at, "
    "(SELECT COUNT(*) FROM measure_tasks t WHERE t.measure_id = m.id AND t.status = 'open'), "
    "(SELECT COUNT(*) FROM measure_tasks t WHERE t.measure_id = m.id AND t.status = 'open' AND t.due_date < ?), "
    "(SELECT COUNT(*) FROM measure_tasks t WHERE t.measure_id = m.id AND t.status = 'done'), "
    "(SELECT x.value FROM measurements x WHERE x.measure_id = m.id ORDER BY x.measured_on DESC, x.id DESC LIMIT 1), "
    "(SELECT x.measured_on FROM measurements x WHERE x.measure_id = m.id ORDER BY x.measured_on DESC, x.id DESC LIMIT 1) ";
const char* kMeasureFrom =
    "FROM measures m JOIN risks r ON r.id = m.risk_id LEFT JOIN departments d ON d.id = r.department_id "
    "LEFT JOIN posts op ON op.id = m.owner_post_id LEFT JOIN people pp ON pp.id = m.owner_person_id";

Measure measure_from_row(const db::Rows& r, size_t i) {
  Measure m;
  m.id = r.integer(i, 0);
  m.risk_id = r.integer(i, 1);
  m.risk_description = r.text(i, 2);
  m.risk_level = r.text(i, 3);
  m.unit_id = r.integer(i, 4);
  m.department_id = r.opt_integer(i, 5);
  m.department_name = r.text(i, 6);
  m.line = r.text(i, 7);
  m.control_type = r.text(i, 8);
  m.description = r.text(i, 9);
  m.owner_post_id = r.opt_integer(i, 10);
  m.owner_post_name = r.text(i, 11);
  m.owner_person_id = r.opt_integer(i, 12);
  m.owner_person_name = r.text(i, 13);
  m.supervision = r.text(i, 14);
  m.frequency = r.text(i, 15);
  m.start_date = r.text(i, 16);
  m.due_date = r.opt_text(i, 17);
  m.evidence = r.text(i, 18);
  m.status = r.text(i, 19);
  m.specificity = r.text(i, 20);
  m.template_code = r.text(i, 21);
  m.indicator.type = r.text(i, 22);
  m.indicator.direction = r.text(i, 23);
  m.indicator.unit = r.text(i, 24);
  m.indicator.baseline = r.opt_real(i, 25);
  m.indicator.baseline_date = r.opt_text(i, 26);
  m.indicator.target = r.opt_real(i, 27);
  m.indicator.target_date = r.opt_text(i, 28);
  m.version = r.integer(i, 29);
  m.updated_at = r.text(i, 30);
  m.open_tasks = r.integer(i, 31);
  m.overdue_tasks = r.integer(i, 32);
  m.done_tasks = r.integer(i, 33);
  if (!r.is_null(i, 34)) {
    Measurement latest;
    latest.measure_id = m.id;
    latest.value = r.real(i, 34);
    latest.measured_on = r.text(i, 35);
    m.latest = latest;
  }
  return m;
}

// " AND the measure is the user's": their person, or a post their person holds on `today`.
std::string mine_sql(const char* alias, int64_t user_id, const std::string& today, db::Params& p) {
  const std::string a = alias;
  p.insert(p.end(), {user_id, user_id, today});
  return " AND (" + a + ".owner_person_id = (SELECT person_id FROM users WHERE id = ?) OR " + a +
         ".owner_post_id IN (SELECT x.post_id FROM assignments x JOIN users u ON u.person_id = x.person_id "
         "WHERE u.id = ? AND (x.end_date IS NULL OR x.end_date >= ?)))";
}

db::Params measure_values(const Measure& m) {
  return {m.line,
          m.control_type,
          m.description,
          nullable(m.owner_post_id),
          nullable(m.owner_person_id),
          m.supervision,
          m.frequency,
          m.start_date,
          nullable(m.due_date),
          m.evidence,
          m.status,
          m.specificity,
          m.template_code,
          m.indicator.type,
          m.indicator.direction,
          m.indicator.unit,
          nullable(m.indicator.baseline),
          nullable(m.indicator.baseline_date),
          nullable(m.indicator.target),
          nullable(m.indicator.target_date)};
}

}  // namespace

Result<Page<Measure>> list(Connection& c, audit::Totals& totals, const Scope& s, const MeasureFilter& f,
                           int64_t user_id, const std::string& today, int64_t offset, int64_t limit) {
  list::Where w;
  if (f.mine) {
    // Ownership is the right to see one's own measures, whatever the account's scope.
    w.sql += mine_sql("m", user_id, today, w.params);
  } else {
    w.sql += auth::scope_filter(s, "r.unit_id", "r.department_id", w.params);
  }
  if (f.risk_id) w.equals("m.risk_id", *f.risk_id);
  if (f.unit_id) w.equals("r.unit_id", *f.unit_id);
  if (f.department_id) LF_CHECK(w.in_department_subtree(c, "r.department_id", *f.department_id));
  if (f.owner_post_id) w.equals("m.owner_post_id", *f.owner_post_id);
  if (f.owner_person_id) w.equals("m.owner_person_id", *f.owner_person_id);
  if (!f.status.empty()) w.equals("m.status", f.status);
  if (!f.level.empty()) w.equals("r.level", f.level);
  if (f.overdue) {
    w.sql += " AND EXISTS (SELECT 1 FROM measure_tasks t WHERE t.measure_id = m.id AND t.status = 'open' AND t.due_date < ?)";
    w.params.emplace_back(today);
  }
  if (!f.q.empty()) w.contains({"m.description", "r.description"}, f.q);
  // The select's own parameter (today, for the overdue count) comes before the conditions'.
  list::Where with_today = w;
  with_today.params.insert(with_today.params.begin(), today);
  Page<Measure> out;
  LF_TRY(auto snap, totals.open(c));
  const std::string count_sql = std::string("SELECT COUNT(*) ") + kMeasureFrom + w.sql;
  LF_TRY(out.total, snap.count(count_sql, w.params));
  if (offset >= out.total) return out;
  LF_TRY(db::Rows r, c.query(std::string(kMeasureSelect) + kMeasureFrom + w.sql + " ORDER BY m.id LIMIT ? OFFSET ?",
                             [&] {
                               db::Params p = with_today.params;
                               p.emplace_back(limit);
                               p.emplace_back(offset);
                               return p;
                             }()));
  for (size_t i = 0; i < r.size(); ++i) out.items.push_back(measure_from_row(r, i));
  return out;
}

Result<std::optional<Measure>> find(Connection& c, int64_t id, const std::string& today) {
  LF_TRY(db::Rows r, c.query(std::string(kMeasureSelect) + kMeasureFrom + " WHERE m.id = ?", {today, id}));
  if (r.empty()) return std::optional<Measure>{};
  return std::optional<Measure>{measure_from_row(r, 0)};
}

Result<std::vector<Measure>> for_risk(Connection& c, int64_t risk_id, const std::string& today) {
  LF_TRY(db::Rows r,
         c.query(std::string(kMeasureSelect) + kMeasureFrom + " WHERE m.risk_id = ? ORDER BY m.id", {today, risk_id}));
  std::vector<Measure> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(measure_from_row(r, i));
  return out;
}

Result<bool> visible(Connection& c, const Scope& s, int64_t id) {
  db::Params p{id};
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM measures m JOIN risks r ON r.id = m.risk_id WHERE m.id = ?" +
                                 auth::scope_filter(s, "r.unit_id", "r.department_id", p),
                             p));
  return !r.empty();
}

Result<int64_t> insert(Connection& c, const Measure& m) {
  db::Params p{m.risk_id};
  auto v = measure_values(m);
  p.insert(p.end(), v.begin(), v.end());
  const auto now = now_utc();
  p.emplace_back(now);
  p.emplace_back(now);
  LF_TRY(db::Rows r,
         c.query("INSERT INTO measures(risk_id, line, control_type, description, owner_post_id, owner_person_id, "
                 "supervision, frequency, start_date, due_date, evidence, status, specificity, template_code, "
                 "indicator_type, indicator_direction, indicator_unit, baseline, baseline_date, target, target_date, "
                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "RETURNING id",
                 p));
  return r.integer(0, 0);
}

Status update(Connection& c, const Measure& m) {
  db::Params p = measure_values(m);
  p.emplace_back(now_utc());
  p.emplace_back(m.id);
  LF_TRY(db::Rows r,
         c.query("UPDATE measures SET line = ?, control_type = ?, description = ?, owner_post_id = ?, "
                 "owner_person_id = ?, supervision = ?, frequency = ?, start_date = ?, due_date = ?, evidence = ?, "
                 "status = ?, specificity = ?, template_code = ?, indicator_type = ?, indicator_direction = ?, "
                 "indicator_unit = ?, baseline = ?, baseline_date = ?, target = ?, target_date = ?, updated_at = ?, "
                 "version = version + 1 WHERE id = ?",
                 p));
  return ok();
}

Status remove(Connection& c, int64_t id) {
  LF_TRY(db::Rows a, c.query("DELETE FROM measure_tasks WHERE measure_id = ?", {id}));
  LF_TRY(db::Rows b, c.query("DELETE FROM measurements WHERE measure_id = ?", {id}));
  LF_TRY(db::Rows d, c.query("DELETE FROM measures WHERE id = ?", {id}));
  return ok();
}

Result<bool> owned_by(Connection& c, const Measure& m, int64_t user_id, const std::string& today) {
  db::Params p{m.id};
  const std::string sql = "SELECT 1 FROM measures m WHERE m.id = ?" + mine_sql("m", user_id, today, p);
  LF_TRY(db::Rows r, c.query(sql, p));
  return !r.empty();
}

Result<std::vector<Measurement>> measurements(Connection& c, int64_t measure_id) {
  LF_TRY(db::Rows r, c.query("SELECT x.id, x.value, x.measured_on, x.note, x.file_id, COALESCE(f.name, ''), "
                             "x.recorded_by, x.recorded_at FROM measurements x LEFT JOIN files f ON f.id = x.file_id "
                             "WHERE x.measure_id = ? ORDER BY x.measured_on, x.id",
                             {measure_id}));
  std::vector<Measurement> out;
  for (size_t i = 0; i < r.size(); ++i) {
    Measurement m;
    m.id = r.integer(i, 0);
    m.measure_id = measure_id;
    m.value = r.real(i, 1);
    m.measured_on = r.text(i, 2);
    m.note = r.text(i, 3);
    m.file_id = r.opt_integer(i, 4);
    m.file_name = r.text(i, 5);
    m.recorded_by = r.text(i, 6);
    m.recorded_at = r.text(i, 7);
    out.push_back(std::move(m));
  }
  return out;
}

Result<int64_t> add_measurement(Connection& c, const Measurement& m) {
  LF_TRY(db::Rows r, c.query("INSERT INTO measurements(measure_id, value, measured_on, note, file_id, recorded_by, "
                             "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                             {m.measure_id, m.value, m.measured_on, m.note, nullable(m.file_id), m.recorded_by, now_utc()}));
  return r.integer(0, 0);
}

}  // namespace lf::measures::store
