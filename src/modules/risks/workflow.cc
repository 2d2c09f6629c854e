#include "modules/risks/workflow.h"

#include <map>

namespace lf::risks {
namespace {

struct StageRule {
  std::vector<std::string> roles;  // who approves or returns at this stage
  std::string next;                // where approve leads
};

const std::map<std::string, StageRule>& rules() {
  static const std::map<std::string, StageRule> r = {
      {"dept_review", {{"admin", "dept_head"}, "commission_review"}},        // 部门审核
      {"commission_review", {{"admin", "supervisor"}, "appraisal"}},          // 纪委界定
      {"appraisal", {{"admin", "supervisor"}, "leadership_review"}},          // 群众评议 (recorded by the office)
      {"leadership_review", {{"admin", "leader"}, "publicity"}},              // 班子审定
      {"publicity", {{"admin", "supervisor", "leader"}, "filed"}},            // 公示 → 备案
  };
  return r;
}

bool any_role(const auth::Principal& who, const std::vector<std::string>& roles) {
  for (const auto& r : roles)
    if (who.has_role(r)) return true;
  return false;
}

}  // namespace

Result<Move> plan_move(const std::string& stage, const std::string& action, const auth::Principal& who,
                       bool is_filer) {
  if (action == "submit") {
    if (stage != "draft") return make_error("risk.action_invalid", "action");
    if (is_filer || any_role(who, {"admin", "supervisor", "dept_head", "liaison"})) return Move{"dept_review", false};
    return make_error("auth.forbidden", "", 403);
  }
  if (action == "reopen") {
    if (stage != "filed") return make_error("risk.action_invalid", "action");
    if (!any_role(who, {"admin", "supervisor"})) return make_error("auth.forbidden", "", 403);
    return Move{"commission_review", true};
  }
  auto rule = rules().find(stage);
  if (rule == rules().end() || (action != "approve" && action != "return" && action != "object"))
    return make_error("risk.action_invalid", "action");
  if (action == "object") {
    if (stage != "publicity") return make_error("risk.action_invalid", "action");
    if (!any_role(who, {"admin", "supervisor", "leader"})) return make_error("auth.forbidden", "", 403);
    return Move{"publicity", true};
  }
  if (!any_role(who, rule->second.roles)) return make_error("auth.forbidden", "", 403);
  if (action == "return") return Move{"draft", true};
  return Move{rule->second.next, false};
}

std::vector<std::string> actors_of(const std::string& stage) {
  if (stage == "draft") return {"staff", "liaison", "dept_head"};
  auto rule = rules().find(stage);
  return rule == rules().end() ? std::vector<std::string>{} : rule->second.roles;
}

int stage_days(const std::string& stage) {
  if (stage == "draft") return 15;
  if (stage == "publicity") return 10;
  return 10;
}

}  // namespace lf::risks
