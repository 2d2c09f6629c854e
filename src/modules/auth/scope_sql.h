// SQL fragments that confine a query to a principal's scope. Every store query of a scoped table goes
// through one of these, so that scope is enforced where the data is read, not in the routes.
#pragma once
#include <string>

#include "db/database.h"
#include "modules/auth/principal.h"

namespace lf::auth {

// " AND (<unit_col> in the scope's unit subtree / <dept_col> in its department subtree)", or "" for all.
// `dept_col` may be null for tables without a department (then a department scope sees nothing of them).
std::string scope_filter(const Scope& s, const char* unit_col, const char* dept_col, db::Params& params);

// Whether a unit, or a department of a unit, lies inside the scope (for write checks).
Result<bool> unit_in_scope(db::Connection& c, const Scope& s, int64_t unit_id);
Result<bool> department_in_scope(db::Connection& c, const Scope& s, int64_t department_id);

}  // namespace lf::auth
