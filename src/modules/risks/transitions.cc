// The grading workflow applied: a move planned by workflow.cc, checked against scope, written with its history
// row and one audit row.
#include <boost/json.hpp>

#include "base/clock.h"
#include "modules/auth/scope_sql.h"
#include "modules/risks/risk_util.h"
#include "modules/risks/service.h"
#include "modules/risks/store.h"
#include "modules/risks/workflow.h"

namespace lf::risks {
using db::Connection;

namespace {

constexpr int kPublicityDays = 5;

// Applies `in` to `r` inside the caller's transaction.
Result<Risk> apply_move(Connection& c, const Principal& who, int64_t id, const TransitionInput& in) {
  // Acting on a risk outside one's scope is a refused write (403), as for every other write.
  LF_TRY(Risk before, detail::reload(c, id));
  LF_TRY(bool seen, store::visible(c, who.scope, id));
  if (!seen) return make_error("auth.out_of_scope", "", 403);
  if (before.cycle_closed) return make_error("risk.cycle_closed", "", 409);
  LF_TRY(Move move, plan_move(before.stage, in.action, who, before.filed_by == who.id));
  // Acting also needs the risk in the actor's scope for writing (a leader of another unit may read, not act).
  LF_TRY(bool mine, before.department_id ? auth::department_in_scope(c, who.scope, *before.department_id)
                                         : auth::unit_in_scope(c, who.scope, before.unit_id));
  if (!mine) return make_error("auth.out_of_scope", "", 403);
  if (move.needs_comment && in.comment.empty()) return make_error("risk.comment_required", "comment");

  Risk next = before;
  std::string comment = in.comment;
  if (in.action == "approve" && before.stage == "commission_review" && in.level && !in.level->empty()) {
    // 纪委界定: the office defines the level; a level other than the computed one is an override whose reason is
    // the comment.
    if (std::find(levels().begin(), levels().end(), *in.level) == levels().end())
      return make_error("risk.level_invalid", "level");
    if (!next.computed_level.empty() && *in.level != next.computed_level && in.comment.empty())
      return make_error("risk.override_reason_required", "comment");
    if (*in.level != next.level) {
      next.level = *in.level;
      next.override_reason = next.computed_level.empty() || *in.level == next.computed_level ? "" : in.comment;
    }
  }
  if (in.action == "approve" && before.stage == "commission_review" && next.level.empty())
    return make_error("risk.level_required", "level");
  if (in.action == "approve" && before.stage == "appraisal" && in.appraisal) next.appraisal = *in.appraisal;
  if (in.action == "approve" && before.stage == "leadership_review") {
    const std::string until = in.publicity_until.value_or(detail::due_after(kPublicityDays));
    if (!is_valid_date(until)) return make_error("risk.publicity_until_invalid", "publicity_until");
    next.publicity_until = until;
  }
  if (in.action == "approve" && before.stage == "publicity") {
    // 备案 only once the publicity period has run.
    if (before.publicity_until && *before.publicity_until > today_utc())
      return make_error("risk.publicity_running", "publicity_until", 409);
    LF_TRY(GradingModel m, detail::model_for(c, before.unit_id));
    next.valid_until = std::to_string(std::stoi(today_utc().substr(0, 4)) + m.validity_years) + today_utc().substr(4);
  }
  if (in.action == "object") LF_CHECK(store::add_objection(c, id, who.username, in.comment));
  next.stage = move.to_stage;
  next.stage_due = move.to_stage == "filed" ? std::optional<std::string>() : detail::due_after(stage_days(move.to_stage));
  LF_CHECK(store::update(c, next));
  LF_CHECK(store::add_history(c, id, who, in.action, before.stage, next.stage, next.level, comment));
  LF_TRY(Risk after, detail::reload(c, id));
  LF_CHECK(detail::audit_risk(c, who, "transition", id, &before, &after));
  return after;
}

}  // namespace

// Sends a filed risk back to 纪委界定 for re-rating, with the reason in its history.
Status reopen(Connection& c, int64_t id, const Principal& who, const std::string& reason) {
  LF_TRY(Risk before, detail::reload(c, id));
  Risk next = before;
  next.stage = "commission_review";
  next.stage_due = detail::due_after(stage_days(next.stage));
  LF_CHECK(store::update(c, next));
  LF_CHECK(store::add_history(c, id, who, "reopen", before.stage, next.stage, next.level, reason));
  LF_TRY(Risk after, detail::reload(c, id));
  return detail::audit_risk(c, who, "reopen", id, &before, &after);
}

Result<Risk> RiskService::transition(const Principal& who, int64_t id, const TransitionInput& in) {
  return db::write<Risk>(db_, [&](Connection& c) { return apply_move(c, who, id, in); });
}

Result<std::vector<Risk>> RiskService::transition_many(const Principal& who, const std::vector<int64_t>& ids,
                                                       const TransitionInput& in) {
  if (ids.empty() || ids.size() > 500) return make_error("risk.batch_size", "ids");
  return db::write<std::vector<Risk>>(db_, [&](Connection& c) -> Result<std::vector<Risk>> {
    std::vector<Risk> out;
    for (int64_t id : ids) {
      auto moved = apply_move(c, who, id, in);
      if (!moved.ok()) {
        Error e = std::move(moved).error();
        e.field = "ids";
        e.message += "（编号 " + std::to_string(id) + "）";
        e.message_en += " (id " + std::to_string(id) + ")";
        return e;  // the transaction rolls back: none moved
      }
      out.push_back(std::move(moved).value());
    }
    return out;
  });
}

Status reopen_for_post(Connection& c, int64_t post_id, const Principal& who) {
  LF_TRY(db::Rows ids, c.query("SELECT r.id FROM risks r JOIN risk_cycles cy ON cy.id = r.cycle_id WHERE r.post_id = ? "
                               "AND r.stage = 'filed' AND cy.status = 'open'",
                               {post_id}));
  for (size_t i = 0; i < ids.size(); ++i)
    LF_CHECK(reopen(c, ids.integer(i, 0), who, "岗位职责变更，重新评定 / post duties changed: re-rating"));
  return ok();
}

Result<int64_t> RiskService::reopen_expired() {
  return db::write<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    LF_TRY(db::Rows ids, c.query("SELECT r.id FROM risks r JOIN risk_cycles cy ON cy.id = r.cycle_id WHERE "
                                 "r.stage = 'filed' AND r.valid_until IS NOT NULL AND r.valid_until < ? AND cy.status = 'open'",
                                 {today_utc()}));
    Principal system;
    system.username = "system";
    for (size_t i = 0; i < ids.size(); ++i)
      LF_CHECK(reopen(c, ids.integer(i, 0), system, "评定有效期已过，重新评定 / rating expired: re-rating"));
    return int64_t(ids.size());
  });
}

}  // namespace lf::risks
