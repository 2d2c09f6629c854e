// SQL of electronic monitoring: tokens, events, rules and the monitor's state.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/monitoring/service.h"

namespace lf::monitoring::store {

using db::Connection;

Result<std::optional<Token>> token_by_secret(Connection& c, const std::string& secret);
Result<int64_t> insert_token(Connection& c, int64_t unit_id, const std::string& name, const std::string& hash,
                             std::optional<int64_t> by);
Result<std::vector<Token>> tokens(Connection& c, std::optional<int64_t> unit_id);
Result<std::optional<Token>> find_token(Connection& c, int64_t id);
Status revoke_token(Connection& c, int64_t id);

// Next sequence number of the unit's events (how many it has).
Result<int64_t> event_count(Connection& c, int64_t unit_id);
Status insert_event(Connection& c, int64_t unit_id, int64_t seq, std::optional<int64_t> token_id,
                    const engine::BusinessEvent& e, const std::string& json);
// Events seq >= from, up to `limit`, as their stored JSON lines.
Result<std::vector<std::string>> events_from(Connection& c, int64_t unit_id, int64_t from, int64_t limit);
Result<std::vector<int64_t>> units_with_rules(Connection& c);

Result<std::vector<RuleRow>> rules(Connection& c, int64_t unit_id);
Result<std::optional<RuleRow>> find_rule(Connection& c, int64_t id);
Status replace_rules(Connection& c, int64_t unit_id, const std::vector<RuleRow>& rows);
Status update_rule(Connection& c, const RuleRow& r);

struct State {
  int64_t processed = 0, findings = 0;
  std::string fingerprint, state_json, updated_at;
};
Result<std::optional<State>> state(Connection& c, int64_t unit_id);
Status save_state(Connection& c, int64_t unit_id, const State& s);

}  // namespace lf::monitoring::store
