// SQL for units and departments.
#include "base/clock.h"
#include "modules/auth/scope_sql.h"
#include "modules/org/store.h"

namespace lf::org::store {
namespace {


const char* kUnitColumns = "SELECT u.id, u.parent_id, u.path, u.code, u.name, u.kind, u.sort FROM units u";

Unit unit_from(const db::Rows& r, size_t i) {
  return Unit{r.integer(i, 0), r.opt_integer(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5),
              r.integer(i, 6)};
}

// Units a scope can read: its subtree, or for a department scope the one unit holding the department.
std::string unit_scope(const Scope& s, db::Params& p) {
  if (s.all) return {};
  if (s.department_id) {
    p.emplace_back(s.department_unit_id);
    return " AND u.id = ?";
  }
  if (s.unit_id) {
    return " AND " + auth::subtree("u.path", s.unit_path, p);
  }
  return " AND 1 = 0";
}

const char* kDeptColumns =
    "SELECT d.id, d.unit_id, d.parent_id, d.path, d.code, d.name, d.sort, "
    "(SELECT COUNT(*) FROM posts p WHERE p.department_id = d.id) FROM departments d";

Department dept_from(const db::Rows& r, size_t i) {
  return Department{r.integer(i, 0), r.integer(i, 1), r.opt_integer(i, 2), r.text(i, 3),
                    r.text(i, 4),    r.text(i, 5),    r.integer(i, 6),     r.integer(i, 7)};
}

// Rewrites the materialised paths of a subtree that moved from `old_path` to `new_path` (`table` is
// "units" or "departments", never user input).
Status move_subtree(Connection& c, const char* table, const std::string& old_path, const std::string& new_path) {
  if (old_path == new_path) return ok();
  db::Params p{new_path, int64_t(old_path.size() + 1)};
  LF_CHECK(c.query(std::string("UPDATE ") + table + " SET path = ? || substr(path, ?) WHERE " +
                       auth::subtree("path", old_path, p),
                   p));
  return ok();
}

}  // namespace

// ---- units ----

Result<std::vector<Unit>> list_units(Connection& c, const Scope& s, std::optional<int64_t> parent_id) {
  db::Params p;
  std::string sql = std::string(kUnitColumns) + " WHERE 1 = 1" + unit_scope(s, p);
  if (parent_id) {
    sql += " AND u.parent_id = ?";
    p.emplace_back(*parent_id);
  }
  sql += " ORDER BY u.sort, u.id";
  LF_TRY(db::Rows r, c.query(sql, p));
  std::vector<Unit> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(unit_from(r, i));
  return out;
}

Result<std::optional<Unit>> find_unit(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string(kUnitColumns) + " WHERE u.id = ?", {id}));
  if (r.empty()) return std::optional<Unit>();
  return std::optional<Unit>(unit_from(r, 0));
}

Result<bool> unit_visible(Connection& c, const Scope& s, int64_t id) {
  db::Params p{id};
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM units u WHERE u.id = ?" + unit_scope(s, p), p));
  return !r.empty();
}

Result<int64_t> insert_unit(Connection& c, const Unit& u, const std::string& parent_path) {
  const auto now = now_utc();
  LF_TRY(db::Rows r, c.query("INSERT INTO units(parent_id, path, code, name, kind, sort, created_at, updated_at) "
                             "VALUES (?, '', ?, ?, ?, ?, ?, ?) RETURNING id",
                             {db::nullable(u.parent_id), u.code, u.name, u.kind, u.sort, now, now}));
  const int64_t id = r.integer(0, 0);
  LF_CHECK(c.query("UPDATE units SET path = ? WHERE id = ?", {parent_path + std::to_string(id) + "/", id}));
  return id;
}

Status update_unit(Connection& c, const Unit& u, const std::string& old_path, const std::string& new_path) {
  LF_CHECK(c.query("UPDATE units SET parent_id = ?, code = ?, name = ?, kind = ?, sort = ?, updated_at = ? WHERE id = ?",
                   {db::nullable(u.parent_id), u.code, u.name, u.kind, u.sort, now_utc(), u.id}));
  return move_subtree(c, "units", old_path, new_path);
}

Result<bool> unit_has_dependents(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query("SELECT (SELECT COUNT(*) FROM units WHERE parent_id = ?) + "
                             "(SELECT COUNT(*) FROM departments WHERE unit_id = ?) + "
                             "(SELECT COUNT(*) FROM people WHERE unit_id = ?) + "
                             "(SELECT COUNT(*) FROM users WHERE scope_unit_id = ?)",
                             {id, id, id, id}));
  return r.integer(0, 0) > 0;
}

Status delete_unit(Connection& c, int64_t id) {
  LF_CHECK(c.query("DELETE FROM units WHERE id = ?", {id}));
  return ok();
}

Result<bool> unit_code_taken(Connection& c, const std::string& code, int64_t except_id) {
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM units WHERE code = ? AND id <> ?", {code, except_id}));
  return !r.empty();
}

// ---- departments ----

Result<Page<Department>> list_departments(Connection& c, audit::Totals& totals, const Scope& s, std::optional<int64_t> unit_id,
                                          std::optional<int64_t> parent_id, int64_t offset, int64_t limit) {
  db::Params p;
  std::string where = " WHERE 1 = 1" + auth::scope_filter(s, "d.unit_id", "d.id", p);
  if (unit_id) {
    where += " AND d.unit_id = ?";
    p.emplace_back(*unit_id);
  }
  if (parent_id) {
    where += " AND d.parent_id = ?";
    p.emplace_back(*parent_id);
  }
  Page<Department> out;
  LF_TRY(auto snap, totals.open(c));
  LF_TRY(out.total, snap.count("SELECT COUNT(*) FROM departments d" + where, p));
  p.emplace_back(limit);
  p.emplace_back(offset);
  LF_TRY(db::Rows r, c.query(kDeptColumns + where + " ORDER BY d.unit_id, d.sort, d.id LIMIT ? OFFSET ?", p));
  for (size_t i = 0; i < r.size(); ++i) out.items.push_back(dept_from(r, i));
  return out;
}

Result<std::optional<Department>> find_department(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string(kDeptColumns) + " WHERE d.id = ?", {id}));
  if (r.empty()) return std::optional<Department>();
  return std::optional<Department>(dept_from(r, 0));
}

Result<bool> department_visible(Connection& c, const Scope& s, int64_t id) {
  db::Params p{id};
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM departments d WHERE d.id = ?" + auth::scope_filter(s, "d.unit_id", "d.id", p), p));
  return !r.empty();
}

Result<bool> sibling_name_taken(Connection& c, int64_t unit_id, std::optional<int64_t> parent_id,
                                const std::string& name, int64_t except_id) {
  db::Params p{unit_id, name, except_id};
  std::string sql = "SELECT 1 FROM departments WHERE unit_id = ? AND name = ? AND id <> ?";
  if (parent_id) {
    sql += " AND parent_id = ?";
    p.emplace_back(*parent_id);
  } else {
    sql += " AND parent_id IS NULL";
  }
  LF_TRY(db::Rows r, c.query(sql, p));
  return !r.empty();
}

Result<int64_t> insert_department(Connection& c, const Department& d, const std::string& parent_path) {
  const auto now = now_utc();
  LF_TRY(db::Rows r, c.query("INSERT INTO departments(unit_id, parent_id, path, code, name, sort, created_at, "
                             "updated_at) VALUES (?, ?, '', ?, ?, ?, ?, ?) RETURNING id",
                             {d.unit_id, db::nullable(d.parent_id), d.code, d.name, d.sort, now, now}));
  const int64_t id = r.integer(0, 0);
  LF_CHECK(c.query("UPDATE departments SET path = ? WHERE id = ?", {parent_path + std::to_string(id) + "/", id}));
  return id;
}

Status update_department(Connection& c, const Department& d, const std::string& old_path, const std::string& new_path) {
  LF_CHECK(c.query("UPDATE departments SET parent_id = ?, code = ?, name = ?, sort = ?, updated_at = ? WHERE id = ?",
                   {db::nullable(d.parent_id), d.code, d.name, d.sort, now_utc(), d.id}));
  return move_subtree(c, "departments", old_path, new_path);
}

Result<bool> department_has_dependents(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query("SELECT (SELECT COUNT(*) FROM departments WHERE parent_id = ?) + "
                             "(SELECT COUNT(*) FROM posts WHERE department_id = ?) + "
                             "(SELECT COUNT(*) FROM people WHERE department_id = ?) + "
                             "(SELECT COUNT(*) FROM users WHERE scope_department_id = ?)",
                             {id, id, id, id}));
  return r.integer(0, 0) > 0;
}

Status delete_department(Connection& c, int64_t id) {
  LF_CHECK(c.query("DELETE FROM departments WHERE id = ?", {id}));
  return ok();
}

}  // namespace lf::org::store
