#include "modules/auth/scope_sql.h"

namespace lf::auth {

std::string scope_filter(const Scope& s, const char* unit_col, const char* dept_col, db::Params& params) {
  if (s.all) return {};
  if (s.department_id) {
    if (!dept_col) return " AND 1 = 0";
    params.emplace_back(s.department_path + "%");
    return std::string(" AND ") + dept_col + " IN (SELECT id FROM departments WHERE path LIKE ?)";
  }
  if (s.unit_id) {
    params.emplace_back(s.unit_path + "%");
    return std::string(" AND ") + unit_col + " IN (SELECT id FROM units WHERE path LIKE ?)";
  }
  return " AND 1 = 0";  // a user with a scope that no longer exists sees nothing
}

Result<bool> unit_in_scope(db::Connection& c, const Scope& s, int64_t unit_id) {
  if (s.all) return true;
  if (!s.unit_id) return false;  // department-scoped users never write units
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM units WHERE id = ? AND path LIKE ?", {unit_id, s.unit_path + "%"}));
  return !r.empty();
}

Result<bool> department_in_scope(db::Connection& c, const Scope& s, int64_t department_id) {
  if (s.all) return true;
  db::Params p{department_id};
  std::string sql = "SELECT 1 FROM departments d WHERE d.id = ?" + scope_filter(s, "d.unit_id", "d.id", p);
  LF_TRY(db::Rows r, c.query(sql, p));
  return !r.empty();
}

}  // namespace lf::auth
