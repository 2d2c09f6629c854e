// Steps shared by the risk service's files.
#pragma once
#include <optional>
#include <string>

#include "db/database.h"
#include "modules/auth/principal.h"
#include "modules/risks/grading.h"
#include "modules/risks/model.h"

namespace lf::risks::detail {

// Roles that keep a register (as opposed to staff filing for their own post).
bool is_office(const auth::Principal& who);
// A risk the caller may read (404 when absent or out of scope) or write (403 when out of scope; 409 when its
// cycle is closed).
Result<Risk> readable(db::Connection& c, const auth::Principal& who, int64_t id);
Result<Risk> writable(db::Connection& c, const auth::Principal& who, int64_t id);
Result<Risk> reload(db::Connection& c, int64_t id);
Status audit_risk(db::Connection& c, const auth::Principal& who, const char* action, int64_t id, const Risk* before,
                  const Risk* after);
// The unit's grading model (its own, else the 3×3 matrix preset).
Result<GradingModel> model_for(db::Connection& c, int64_t unit_id);
// Grades `r` from its inputs with the unit's model. `level` given and different from the computed one is an
// override and needs `reason`; with no inputs a given level is taken as declared (as on the paper forms).
Status grade_into(db::Connection& c, Risk& r, const std::optional<std::string>& level, const std::string& reason);
// Text fields trimmed and bounded; finding method and class from their lists.
Status validate_text(Risk& r);
// Places the risk: a post gives its department and unit, a department its unit; checks the writer's scope
// (staff: their own posts only), the unit's categories, the power and its step.
Status place(db::Connection& c, const auth::Principal& who, Risk& r);
// The date `days` working days from today on China's official schedule (weekends, holidays, 调休).
std::string due_after(int days);

}  // namespace lf::risks::detail
