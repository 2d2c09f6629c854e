// SQL for the risk register: risks (scoped reads through auth::scope_filter), their history and objections,
// yearly cycles and snapshots, grading models and categories per unit.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/audit/totals.h"
#include "modules/auth/principal.h"
#include "modules/risks/model.h"

namespace lf::risks::store {

using auth::Scope;
using db::Connection;

Result<Page<Risk>> list(Connection& c, audit::Totals& totals, const Scope& s, const RiskFilter& f, int64_t offset,
                        int64_t limit);
Result<std::optional<Risk>> find(Connection& c, int64_t id);
Result<bool> visible(Connection& c, const Scope& s, int64_t id);
Result<int64_t> insert(Connection& c, const Risk& r);
// Saves every field of `r` (stage, level and dates included) and adds 1 to its version.
Status update(Connection& c, const Risk& r);

Status add_history(Connection& c, int64_t risk_id, const auth::Principal& who, const std::string& action,
                   const std::string& from, const std::string& to, const std::string& level, const std::string& comment);
Result<std::vector<HistoryEntry>> history(Connection& c, int64_t risk_id);
Status add_objection(Connection& c, int64_t risk_id, const std::string& by, const std::string& text);

// The open cycle of a unit for `year`, created when missing. A closed cycle of that year → risk.cycle_closed.
Result<int64_t> open_cycle(Connection& c, int64_t unit_id, int32_t year);
Result<std::optional<Cycle>> find_cycle(Connection& c, int64_t id);
Result<std::vector<Cycle>> cycles(Connection& c, const Scope& s, std::optional<int64_t> unit_id);
// Freezes a cycle: snapshots every risk as JSON, marks it closed.
Status close_cycle(Connection& c, int64_t cycle_id);

// The unit's grading model as stored (JSON), if it chose one.
Result<std::optional<std::string>> grading_model(Connection& c, int64_t unit_id);
Status save_grading_model(Connection& c, int64_t unit_id, const std::string& json);

Result<std::vector<std::pair<std::string, std::string>>> categories(Connection& c, int64_t unit_id);  // name, class

// Current posts of the person behind a user account (a staff member's own posts).
Result<std::vector<int64_t>> own_posts(Connection& c, int64_t user_id);

}  // namespace lf::risks::store
