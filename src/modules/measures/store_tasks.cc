// SQL for check tasks, templates, settings and evidence files.
#include "base/clock.h"
#include "modules/auth/scope_sql.h"
#include "modules/measures/store.h"

namespace lf::measures::store {

using db::nullable;

namespace {

const char* kTaskSelect =
    "SELECT t.id, t.measure_id, m.description, m.control_type, r.id, r.description, r.level, COALESCE(op.name, ''), "
    "COALESCE(pp.name, ''), t.period, t.due_date, t.status, t.done_at, t.done_by, t.note, t.file_id, "
    "COALESCE(f.name, '') ";
const char* kTaskFrom =
    "FROM measure_tasks t JOIN measures m ON m.id = t.measure_id JOIN risks r ON r.id = m.risk_id "
    "LEFT JOIN posts op ON op.id = m.owner_post_id LEFT JOIN people pp ON pp.id = m.owner_person_id "
    "LEFT JOIN files f ON f.id = t.file_id";

Task task_from_row(const db::Rows& r, size_t i, const std::string& today) {
  Task t;
  t.id = r.integer(i, 0);
  t.measure_id = r.integer(i, 1);
  t.measure_description = r.text(i, 2);
  t.control_type = r.text(i, 3);
  t.risk_id = r.integer(i, 4);
  t.risk_description = r.text(i, 5);
  t.risk_level = r.text(i, 6);
  t.owner_post_name = r.text(i, 7);
  t.owner_person_name = r.text(i, 8);
  t.period = r.text(i, 9);
  t.due_date = r.text(i, 10);
  t.status = r.text(i, 11);
  if (!r.is_null(i, 12)) t.done_at = r.text(i, 12);
  t.done_by = r.text(i, 13);
  t.note = r.text(i, 14);
  t.file_id = r.opt_integer(i, 15);
  t.file_name = r.text(i, 16);
  t.overdue = t.status == "open" && t.due_date < today;
  return t;
}

}  // namespace

Result<Page<Task>> tasks(Connection& c, audit::Totals& totals, const Scope& s, const TaskFilter& f, int64_t user_id,
                         const std::string& today, int64_t offset, int64_t limit) {
  list::Where w;
  if (f.mine) {
    w.params.insert(w.params.end(), {user_id, user_id, today});
    w.sql += " AND (m.owner_person_id = (SELECT person_id FROM users WHERE id = ?) OR m.owner_post_id IN "
             "(SELECT x.post_id FROM assignments x JOIN users u ON u.person_id = x.person_id WHERE u.id = ? AND "
             "(x.end_date IS NULL OR x.end_date >= ?)))";
  } else {
    w.sql += auth::scope_filter(s, "r.unit_id", "r.department_id", w.params);
  }
  if (f.measure_id) w.equals("t.measure_id", *f.measure_id);
  if (f.unit_id) w.equals("r.unit_id", *f.unit_id);
  if (f.department_id) LF_CHECK(w.in_department_subtree(c, "r.department_id", *f.department_id));
  if (!f.status.empty()) w.equals("t.status", f.status);
  if (f.overdue) {
    w.sql += " AND t.status = 'open' AND t.due_date < ?";
    w.params.emplace_back(today);
  }
  Page<Task> out;
  LF_TRY(auto snap, totals.open(c));
  LF_TRY(out.total, snap.count(std::string("SELECT COUNT(*) ") + kTaskFrom + w.sql, w.params));
  if (offset >= out.total) return out;
  db::Params p = w.params;
  p.emplace_back(limit);
  p.emplace_back(offset);
  // Open tasks first, the most urgent on top; then the done ones, the most recently done first.
  LF_TRY(db::Rows r, c.query(std::string(kTaskSelect) + kTaskFrom + w.sql +
                                 " ORDER BY CASE WHEN t.status = 'open' THEN 0 ELSE 1 END, "
                                 "CASE WHEN t.status = 'open' THEN t.due_date END, t.done_at DESC, t.id LIMIT ? OFFSET ?",
                             p));
  for (size_t i = 0; i < r.size(); ++i) out.items.push_back(task_from_row(r, i, today));
  return out;
}

Result<std::optional<Task>> find_task(Connection& c, int64_t id, const std::string& today) {
  LF_TRY(db::Rows r, c.query(std::string(kTaskSelect) + kTaskFrom + " WHERE t.id = ?", {id}));
  if (r.empty()) return std::optional<Task>{};
  return std::optional<Task>{task_from_row(r, 0, today)};
}

Status complete_task(Connection& c, int64_t id, const std::string& by, const std::string& note,
                     std::optional<int64_t> file_id) {
  LF_TRY(db::Rows r, c.query("UPDATE measure_tasks SET status = 'done', done_at = ?, done_by = ?, note = ?, file_id = ? "
                             "WHERE id = ?",
                             {now_utc(), by, note, nullable(file_id), id}));
  return ok();
}

Result<int64_t> ensure_tasks(Connection& c, int64_t measure_id, const std::vector<TaskSlot>& slots) {
  int64_t added = 0;
  for (const auto& s : slots) {
    LF_TRY(db::Rows r, c.query("INSERT INTO measure_tasks(measure_id, period, due_date) VALUES (?, ?, ?) "
                               "ON CONFLICT (measure_id, period) DO NOTHING RETURNING id",
                               {measure_id, s.period, s.due_date}));
    added += int64_t(r.size());
  }
  return added;
}

Result<std::vector<Scheduled>> scheduled(Connection& c) {
  LF_TRY(db::Rows r, c.query("SELECT id, frequency, start_date, due_date FROM measures WHERE status = 'in_force' AND "
                             "frequency IN ('once', 'monthly', 'quarterly', 'yearly') ORDER BY id"));
  std::vector<Scheduled> out;
  for (size_t i = 0; i < r.size(); ++i) {
    Scheduled s{r.integer(i, 0), r.text(i, 1), r.text(i, 2), std::nullopt};
    if (!r.is_null(i, 3)) s.due_date = r.text(i, 3);
    out.push_back(std::move(s));
  }
  return out;
}

Result<bool> has_own_templates(Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM measure_templates WHERE unit_id = ? LIMIT 1", {unit_id}));
  return !r.empty();
}

Result<std::vector<Template>> templates(Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows r, c.query("SELECT level, code, line, control_type, description, frequency, specificity, evidence "
                             "FROM measure_templates WHERE unit_id = ? ORDER BY sort, id",
                             {unit_id}));
  std::vector<Template> out;
  for (size_t i = 0; i < r.size(); ++i)
    out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5), r.text(i, 6),
                   r.text(i, 7)});
  return out;
}

Status save_templates(Connection& c, int64_t unit_id, const std::vector<Template>& list) {
  LF_TRY(db::Rows d, c.query("DELETE FROM measure_templates WHERE unit_id = ?", {unit_id}));
  int64_t sort = 0;
  for (const auto& t : list) {
    LF_TRY(db::Rows r, c.query("INSERT INTO measure_templates(unit_id, level, code, line, control_type, description, "
                               "frequency, specificity, evidence, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               {unit_id, t.level, t.code, t.line, t.control_type, t.description, t.frequency,
                                t.specificity, t.evidence, ++sort}));
  }
  return ok();
}

Result<std::optional<std::string>> settings(Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows r, c.query("SELECT settings_json FROM measure_settings WHERE unit_id = ?", {unit_id}));
  if (r.empty()) return std::optional<std::string>{};
  return std::optional<std::string>{r.text(0, 0)};
}

Status save_settings(Connection& c, int64_t unit_id, const std::string& json) {
  LF_TRY(db::Rows r, c.query("INSERT INTO measure_settings(unit_id, settings_json) VALUES (?, ?) ON CONFLICT (unit_id) "
                             "DO UPDATE SET settings_json = excluded.settings_json",
                             {unit_id, json}));
  return ok();
}

Result<int64_t> insert_file(Connection& c, const File& f) {
  LF_TRY(db::Rows r, c.query("INSERT INTO files(name, content_type, size, sha256, data_base64, uploaded_by, uploaded_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                             {f.name, f.content_type, f.size, f.sha256, f.data, nullable(f.uploaded_by), now_utc()}));
  return r.integer(0, 0);
}

Result<std::optional<File>> find_file(Connection& c, int64_t id, bool with_data) {
  LF_TRY(db::Rows r, c.query(std::string("SELECT id, name, content_type, size, sha256, uploaded_by") +
                                 (with_data ? ", data_base64" : ", ''") + " FROM files WHERE id = ?",
                             {id}));
  if (r.empty()) return std::optional<File>{};
  File f;
  f.id = r.integer(0, 0);
  f.name = r.text(0, 1);
  f.content_type = r.text(0, 2);
  f.size = r.integer(0, 3);
  f.sha256 = r.text(0, 4);
  f.uploaded_by = r.opt_integer(0, 5);
  f.data = r.text(0, 6);
  return std::optional<File>{std::move(f)};
}

Result<std::vector<int64_t>> file_measures(Connection& c, int64_t file_id) {
  LF_TRY(db::Rows r, c.query("SELECT measure_id FROM measure_tasks WHERE file_id = ? UNION "
                             "SELECT measure_id FROM measurements WHERE file_id = ?",
                             {file_id, file_id}));
  std::vector<int64_t> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(r.integer(i, 0));
  return out;
}

}  // namespace lf::measures::store
