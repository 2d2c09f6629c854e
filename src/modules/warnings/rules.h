// The rules of warnings that need no store, kept pure so that they can be tested as tables:
// levels, routing to a recipient tier, the lifecycle's moves and who may make them, deadlines.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace lf::warnings {

// 提醒 / 预警 / 报警, shown blue / yellow / red by default.
inline const std::vector<std::string>& levels() {
  static const std::vector<std::string> l = {"reminder", "warning", "alarm"};
  return l;
}
inline const std::vector<std::string>& sources() {
  static const std::vector<std::string> s = {"rule",      "complaint", "case",    "inspection",
                                             "audit",     "appraisal", "opinion", "manual"};
  return s;
}
// 提醒, 督导, 纠错, 廉政谈话, 诫勉谈话, 书面预警, 通报批评, 限期整改
inline const std::vector<std::string>& responses() {
  static const std::vector<std::string> r = {"提醒",     "督导",     "纠错",     "廉政谈话",
                                             "诫勉谈话", "书面预警", "通报批评", "限期整改"};
  return r;
}
inline const std::vector<std::string>& statuses() {
  static const std::vector<std::string> s = {"issued", "signed", "handling", "rectifying", "verified", "closed", "cancelled"};
  return s;
}

// Recipient tiers: 0 the subject's department head, 1 the unit's discipline office, 2 the discipline office one
// level up.
inline constexpr int kTopTier = 2;

// Where a new warning goes: reminders to the department head, warnings to the discipline office, alarms one level
// up; a warning on a high risk point (supervision class A) goes one tier higher than its level alone says.
int route_tier(const std::string& level, const std::string& highest_risk_level);
// The next level up (alarm stays alarm).
std::string raised(const std::string& level);

// Who acts at a step.
enum class Actor { recipient, subject, issuer };

struct Move {
  std::string to;  // the status after the action
  Actor by;
};
// The move `action` makes from `status`, or an error (warning.action_invalid) when it cannot be made there.
// sign: issued → signed; handle: signed|handling → handling; commit: handling → rectifying; verify: handling|
// rectifying → verified (weak rectification: back to handling one level up); close: verified → closed; cancel
// (摘牌): any open status → cancelled.
Result<Move> plan(const std::string& status, const std::string& action);
bool is_open(const std::string& status);

// Working days a recipient has to sign for a warning of `level`, and to handle it once signed; after a talk
// (廉政谈话, 诫勉谈话) the subject commits within kCommitDays (seed 003: 5 days).
int sign_days(const std::string& level);
inline constexpr int kHandleDays = 5;
inline constexpr int kCommitDays = 5;
inline constexpr int kVerifyDays = 10;
// Whether the measures taken include a talk, after which the subject owes a commitment.
bool includes_talk(const std::vector<std::string>& measures);

}  // namespace lf::warnings
