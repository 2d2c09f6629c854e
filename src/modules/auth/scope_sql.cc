#include "modules/auth/scope_sql.h"

namespace lf::auth {

std::string subtree(const char* path_col, const std::string& prefix, db::Params& params) {
  // Every path ends in '/', and '0' is the byte after '/': [prefix, prefix less its '/' plus '0') is the subtree.
  std::string upper = prefix.empty() ? std::string("0") : prefix.substr(0, prefix.size() - 1) + "0";
  params.emplace_back(prefix);
  params.emplace_back(std::move(upper));
  return std::string("(") + path_col + " >= ? AND " + path_col + " < ?)";
}

std::string scope_filter(const Scope& s, const char* unit_col, const char* dept_col, db::Params& params) {
  if (s.all) return {};
  if (s.department_id) {
    if (!dept_col) return " AND 1 = 0";
    return std::string(" AND ") + dept_col + " IN (SELECT id FROM departments WHERE " +
           subtree("path", s.department_path, params) + ")";
  }
  if (s.unit_id) {
    return std::string(" AND ") + unit_col + " IN (SELECT id FROM units WHERE " + subtree("path", s.unit_path, params) +
           ")";
  }
  return " AND 1 = 0";  // a user with a scope that no longer exists sees nothing
}

Result<bool> unit_in_scope(db::Connection& c, const Scope& s, int64_t unit_id) {
  if (s.all) return true;
  if (!s.unit_id) return false;  // department-scoped users never write units
  db::Params p{unit_id};
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM units WHERE id = ? AND " + subtree("path", s.unit_path, p), p));
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
