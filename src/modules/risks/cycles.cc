// Yearly cycles and the unit's grading model.
#include <boost/json.hpp>

#include "base/clock.h"
#include "modules/audit/audit.h"
#include "modules/auth/scope_sql.h"
#include "modules/risks/risk_util.h"
#include "modules/risks/service.h"
#include "modules/risks/store.h"
#include "modules/risks/workflow.h"

namespace lf::risks {
using db::Connection;

Result<std::vector<Cycle>> RiskService::cycles(const Principal& who, std::optional<int64_t> unit_id) {
  return db::read<std::vector<Cycle>>(db_, [&](Connection& c) { return store::cycles(c, who.scope, unit_id); });
}

Result<Cycle> RiskService::close_cycle(const Principal& who, int64_t cycle_id) {
  if (!who.has_role("admin") && !who.has_role("supervisor")) return make_error("auth.forbidden", "", 403);
  return db::write<Cycle>(db_, [&](Connection& c) -> Result<Cycle> {
    LF_TRY(auto cycle, store::find_cycle(c, cycle_id));
    if (!cycle) return make_error("risk.cycle_not_found", "", 404);
    LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, cycle->unit_id));
    if (!mine) return make_error("auth.out_of_scope", "", 403);
    if (cycle->status == "closed") return make_error("risk.cycle_closed", "", 409);
    LF_CHECK(store::close_cycle(c, cycle_id));
    // The next year starts from this year's register, every risk back in 自查自报 for review.
    LF_TRY(int64_t next_id, store::open_cycle(c, cycle->unit_id, cycle->year + 1));
    LF_TRY(db::Rows ids, c.query("SELECT id FROM risks WHERE cycle_id = ? ORDER BY id", {cycle_id}));
    for (size_t i = 0; i < ids.size(); ++i) {
      LF_TRY(Risk old, detail::reload(c, ids.integer(i, 0)));
      Risk copy = old;
      copy.cycle_id = next_id;
      copy.stage = "draft";
      copy.stage_due = detail::due_after(stage_days("draft"));
      copy.publicity_until.reset();
      copy.valid_until.reset();
      copy.appraisal = {};
      LF_TRY(int64_t id, store::insert(c, copy));
      LF_CHECK(c.query("UPDATE risks SET source_risk_id = ? WHERE id = ?", {old.id, id}));
      LF_CHECK(store::add_history(c, id, who, "carry_over", "", "draft", copy.level,
                                  std::to_string(cycle->year) + " 年度风险点转入 / carried over from " +
                                      std::to_string(cycle->year)));
    }
    LF_TRY(auto closed, store::find_cycle(c, cycle_id));
    LF_CHECK(audit::append(c, {who.id, who.username, "close", "risk_cycle", std::to_string(cycle_id),
                               boost::json::serialize(to_json(*cycle)), boost::json::serialize(to_json(*closed))}));
    return *closed;
  });
}

Result<GradingModel> RiskService::grading_model(const Principal& who, int64_t unit_id) {
  return db::read<GradingModel>(db_, [&](Connection& c) { return detail::model_for(c, unit_id); });
}

Result<GradingModel> RiskService::set_grading_model(const Principal& who, int64_t unit_id,
                                                    const boost::json::object& model) {
  if (!who.has_role("admin") && !who.has_role("supervisor")) return make_error("auth.forbidden", "", 403);
  LF_TRY(GradingModel m, model_from_json(model));
  return db::write<GradingModel>(db_, [&](Connection& c) -> Result<GradingModel> {
    LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, unit_id));
    if (!mine) return make_error("auth.out_of_scope", "unit_id", 403);
    LF_TRY(auto before, store::grading_model(c, unit_id));
    const std::string after = boost::json::serialize(model_to_json(m));
    LF_CHECK(store::save_grading_model(c, unit_id, after));
    LF_CHECK(audit::append(c, {who.id, who.username, "update", "grading_model", std::to_string(unit_id),
                               before.value_or("null"), after}));
    return m;
  });
}

}  // namespace lf::risks
