// Steps shared by the measure service's files.
#pragma once
#include <string>

#include "db/database.h"
#include "modules/auth/principal.h"
#include "modules/measures/model.h"

namespace lf::measures::detail {

// A measure the caller may read: 404 when absent or outside the scope (owners read their own).
Result<Measure> readable(db::Connection& c, const auth::Principal& who, int64_t id);
Result<Measure> reload(db::Connection& c, int64_t id);  // with `applied` derived
// Whether the caller may record checks of the measure: its owner, or a register keeper in scope.
Result<bool> may_check(db::Connection& c, const auth::Principal& who, const Measure& m);
// Creates the check tasks a measure in force owes up to `today`.
Status schedule(db::Connection& c, const Measure& m, const std::string& today);
Status audit_measure(db::Connection& c, const auth::Principal& who, const char* action, int64_t id,
                     const Measure* before, const Measure* after);

}  // namespace lf::measures::detail
