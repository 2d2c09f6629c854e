// Electronic monitoring in the server (科技防控): business systems push events with an ingest token; the events
// are stored before they are acknowledged; a worker checks each unit's events in arrival order against the
// unit's rules (engine/monitor.h) and turns findings into warnings tied to the rules' risk points. The monitor's
// state is saved in the same transaction as the warnings and the count of checked events, so a restart resumes
// where the last commit left off: no finding lost, none repeated.
#pragma once
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "engine/event.h"
#include "modules/auth/principal.h"

namespace lf::monitoring {

using auth::Principal;

struct Token {
  int64_t id = 0, unit_id = 0;
  std::string name, created_at;
  std::optional<std::string> revoked_at;
  std::string secret;  // only when just created
};

struct RuleRow {
  int64_t id = 0, unit_id = 0;
  std::string code, name, kind, check;
  boost::json::object rule;
  std::optional<int64_t> risk_id;
  std::string risk_description;
  bool enabled = true;
  int64_t hits = 0, open_hits = 0;
  std::optional<std::string> last_hit;
};

struct Status_ {
  int64_t received = 0, processed = 0, open_cases = 0, findings = 0;
  std::string updated_at;
};

class MonitoringService {
 public:
  explicit MonitoringService(db::Database& db) : db_(db) {}

  // Stores a batch for the token's unit: every line, or none (400 naming the line and field). Returns how many.
  Result<int64_t> ingest(const std::string& bearer, const std::string& ndjson);
  // The same for a unit given directly (the CLI, with the store's own access).
  Result<int64_t> ingest_for_unit(int64_t unit_id, const std::vector<engine::BusinessEvent>& events,
                                  std::optional<int64_t> token_id = std::nullopt);

  Result<Token> create_token(const Principal& who, int64_t unit_id, const std::string& name);
  Result<std::vector<Token>> tokens(const Principal& who, std::optional<int64_t> unit_id);
  Status revoke_token(const Principal& who, int64_t id);

  Result<std::vector<RuleRow>> rules(const Principal& who, int64_t unit_id);
  // Replaces the unit's rules with a rule file (checked by the engine's parser; a rule may carry "risk_id").
  Result<std::vector<RuleRow>> set_rules(const Principal& who, int64_t unit_id, const std::string& rule_file);
  Result<RuleRow> update_rule(const Principal& who, int64_t id, std::optional<bool> enabled,
                              std::optional<std::optional<int64_t>> risk_id);
  Result<Status_> status(const Principal& who, int64_t unit_id);
  // The file-level settings of the unit's rule file (timezone, close_after_days), as last set.
  Result<boost::json::object> rule_settings(const Principal& who, int64_t unit_id);

  // Checks every unit's new events and, when `check_clock`, the time limits against `now`; returns the findings
  // made. A unit with no new events and no clock check costs one read and no write.
  Result<int64_t> process(int64_t now_ms, bool check_clock = true);

 private:
  Result<int64_t> process_unit(int64_t unit_id, int64_t now_ms, bool check_clock);
  db::Database& db_;
};

// An event as stored and as evidence: the NDJSON object the business system sent, normalised.
std::string event_json(const engine::BusinessEvent& e);

// The rule file of a unit as the engine reads it (its enabled rules, its settings); "" when it has none.
Result<std::string> rule_file(db::Connection& c, int64_t unit_id);

}  // namespace lf::monitoring
