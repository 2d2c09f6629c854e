// SQL fragments that confine a query to a principal's scope. Every store query of a scoped table goes
// through one of these, so that scope is enforced where the data is read, not in the routes.
#pragma once
#include <string>

#include "db/database.h"
#include "modules/auth/principal.h"

namespace lf::auth {

// "<path_col> >= ? AND <path_col> < ?": the rows whose materialised path starts with `prefix` (which ends in
// '/'). A range rather than LIKE: SQLite re-prepares a statement on every run when a bound parameter feeds a
// LIKE on an indexed column, and a range uses the path index on both stores (PostgreSQL's path columns use
// the "C" collation so that bytes order as they do in SQLite).
std::string subtree(const char* path_col, const std::string& prefix, db::Params& params);

// " AND (<unit_col> in the scope's unit subtree / <dept_col> in its department subtree)", or "" for all.
// `dept_col` may be null for tables without a department (then a department scope sees nothing of them).
std::string scope_filter(const Scope& s, const char* unit_col, const char* dept_col, db::Params& params);

// Whether a unit, or a department of a unit, lies inside the scope (for write checks).
Result<bool> unit_in_scope(db::Connection& c, const Scope& s, int64_t unit_id);
Result<bool> department_in_scope(db::Connection& c, const Scope& s, int64_t department_id);

}  // namespace lf::auth
