// The grading workflow as data: which action moves a risk from which stage to which, and who may take it.
// Pure; the service applies it inside a transaction after checking scope.
#pragma once
#include <string>
#include <vector>

#include "base/result.h"
#include "modules/auth/principal.h"

namespace lf::risks {

// Actions: submit (自查自报 → 部门审核), approve (passes the current review stage), return (back to 自查自报 with a
// comment), object (records an objection during 公示, stays), reopen (备案 → 纪委界定, for re-rating).
struct Move {
  std::string to_stage;
  bool needs_comment = false;
};

// The move `action` makes from `stage` for `who`, or an error: risk.action_invalid (400) when the action does
// not apply to the stage, auth.forbidden (403) when the stage needs another role. `is_filer` says whether
// `who` filed the risk (staff may submit their own).
Result<Move> plan_move(const std::string& stage, const std::string& action, const auth::Principal& who, bool is_filer);

// Roles that act at a stage (for the UI's to-do lists and the quality check of stuck risks).
std::vector<std::string> actors_of(const std::string& stage);

// Working days a stage may take before the risk counts as stuck.
int stage_days(const std::string& stage);

}  // namespace lf::risks
