#include "modules/monitoring/store.h"

#include <boost/json.hpp>

#include "base/clock.h"
#include "base/crypto.h"

namespace lf::monitoring::store {

namespace json = boost::json;

namespace {

Token token_from(const db::Rows& r, size_t i) {
  Token t;
  t.id = r.integer(i, 0);
  t.unit_id = r.integer(i, 1);
  t.name = r.text(i, 2);
  t.created_at = r.text(i, 3);
  if (!r.is_null(i, 4)) t.revoked_at = r.text(i, 4);
  return t;
}

const char* kTokenSelect = "SELECT id, unit_id, name, created_at, revoked_at FROM ingest_tokens";

RuleRow rule_from(const db::Rows& r, size_t i) {
  RuleRow x;
  x.id = r.integer(i, 0);
  x.unit_id = r.integer(i, 1);
  x.code = r.text(i, 2);
  boost::system::error_code ec;
  auto v = json::parse(r.text(i, 3), ec);
  if (!ec && v.is_object()) x.rule = v.as_object();
  if (const auto* n = x.rule.if_contains("name"); n && n->is_string()) x.name = std::string(n->as_string());
  if (const auto* k = x.rule.if_contains("kind"); k && k->is_string()) x.kind = std::string(k->as_string());
  x.risk_id = r.opt_integer(i, 4);
  x.enabled = r.integer(i, 5) != 0;
  x.risk_description = r.text(i, 6);
  x.hits = r.integer(i, 7);
  x.open_hits = r.integer(i, 8);
  if (!r.is_null(i, 9)) x.last_hit = r.text(i, 9);
  return x;
}

// Hits are the warnings the rule raised (source 'rule', source_ref its code, in its unit).
const char* kRuleSelect =
    "SELECT m.id, m.unit_id, m.code, m.rule_json, m.risk_id, m.enabled, COALESCE(r.description, ''), "
    "(SELECT COUNT(*) FROM warnings w WHERE w.unit_id = m.unit_id AND w.source = 'rule' AND w.source_ref = m.code), "
    "(SELECT COUNT(*) FROM warnings w WHERE w.unit_id = m.unit_id AND w.source = 'rule' AND w.source_ref = m.code AND "
    "w.status NOT IN ('closed', 'cancelled')), "
    "(SELECT MAX(w.issued_at) FROM warnings w WHERE w.unit_id = m.unit_id AND w.source = 'rule' AND w.source_ref = m.code) "
    "FROM monitor_rules m LEFT JOIN risks r ON r.id = m.risk_id";

}  // namespace

Result<std::optional<Token>> token_by_secret(Connection& c, const std::string& secret) {
  LF_TRY(db::Rows r, c.query(std::string(kTokenSelect) + " WHERE token_hash = ? AND revoked_at IS NULL", {sha256_hex(secret)}));
  if (r.empty()) return std::optional<Token>{};
  return std::optional<Token>{token_from(r, 0)};
}

Result<int64_t> insert_token(Connection& c, int64_t unit_id, const std::string& name, const std::string& hash,
                             std::optional<int64_t> by) {
  LF_TRY(db::Rows r, c.query("INSERT INTO ingest_tokens(unit_id, name, token_hash, created_by, created_at) VALUES "
                             "(?, ?, ?, ?, ?) RETURNING id",
                             {unit_id, name, hash, db::nullable(by), now_utc()}));
  return r.integer(0, 0);
}

Result<std::vector<Token>> tokens(Connection& c, std::optional<int64_t> unit_id) {
  db::Rows r;
  if (unit_id) {
    LF_TRY(r, c.query(std::string(kTokenSelect) + " WHERE unit_id = ? ORDER BY id", {*unit_id}));
  } else {
    LF_TRY(r, c.query(std::string(kTokenSelect) + " ORDER BY id"));
  }
  std::vector<Token> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(token_from(r, i));
  return out;
}

Result<std::optional<Token>> find_token(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string(kTokenSelect) + " WHERE id = ?", {id}));
  if (r.empty()) return std::optional<Token>{};
  return std::optional<Token>{token_from(r, 0)};
}

Status revoke_token(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query("UPDATE ingest_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {now_utc(), id}));
  return ok();
}

Result<int64_t> event_count(Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows r, c.query("SELECT COALESCE(MAX(seq) + 1, 0) FROM events WHERE unit_id = ?", {unit_id}));
  return r.integer(0, 0);
}

Status insert_event(Connection& c, int64_t unit_id, int64_t seq, std::optional<int64_t> token_id,
                    const engine::BusinessEvent& e, const std::string& text) {
  LF_TRY(db::Rows r, c.query("INSERT INTO events(unit_id, seq, token_id, received_at, case_id, activity, event_json) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)",
                             {unit_id, seq, db::nullable(token_id), now_utc(), e.case_id, e.activity, text}));
  return ok();
}

Result<std::vector<std::string>> events_from(Connection& c, int64_t unit_id, int64_t from, int64_t limit) {
  LF_TRY(db::Rows r, c.query("SELECT event_json FROM events WHERE unit_id = ? AND seq >= ? ORDER BY seq LIMIT ?",
                             {unit_id, from, limit}));
  std::vector<std::string> out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) out.push_back(r.text(i, 0));
  return out;
}

Result<std::vector<int64_t>> units_with_rules(Connection& c) {
  LF_TRY(db::Rows r, c.query("SELECT DISTINCT unit_id FROM monitor_rules WHERE enabled = 1 ORDER BY unit_id"));
  std::vector<int64_t> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(r.integer(i, 0));
  return out;
}

Result<std::vector<RuleRow>> rules(Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows r, c.query(std::string(kRuleSelect) + " WHERE m.unit_id = ? ORDER BY m.sort, m.id", {unit_id}));
  std::vector<RuleRow> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(rule_from(r, i));
  return out;
}

Result<std::optional<RuleRow>> find_rule(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string(kRuleSelect) + " WHERE m.id = ?", {id}));
  if (r.empty()) return std::optional<RuleRow>{};
  return std::optional<RuleRow>{rule_from(r, 0)};
}

Status replace_rules(Connection& c, int64_t unit_id, const std::vector<RuleRow>& rows) {
  LF_TRY(db::Rows d, c.query("DELETE FROM monitor_rules WHERE unit_id = ?", {unit_id}));
  int64_t sort = 0;
  for (const auto& x : rows) {
    LF_TRY(db::Rows r, c.query("INSERT INTO monitor_rules(unit_id, code, rule_json, risk_id, enabled, sort, updated_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)",
                               {unit_id, x.code, json::serialize(x.rule), db::nullable(x.risk_id), int64_t(x.enabled),
                                ++sort, now_utc()}));
  }
  return ok();
}

Status update_rule(Connection& c, const RuleRow& x) {
  LF_TRY(db::Rows r, c.query("UPDATE monitor_rules SET enabled = ?, risk_id = ?, updated_at = ? WHERE id = ?",
                             {int64_t(x.enabled), db::nullable(x.risk_id), now_utc(), x.id}));
  return ok();
}

Result<std::optional<State>> state(Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows r, c.query("SELECT processed, findings, fingerprint, state_json, updated_at FROM monitor_state WHERE "
                             "unit_id = ?",
                             {unit_id}));
  if (r.empty()) return std::optional<State>{};
  return std::optional<State>{State{r.integer(0, 0), r.integer(0, 1), r.text(0, 2), r.text(0, 3), r.text(0, 4)}};
}

Status save_state(Connection& c, int64_t unit_id, const State& s) {
  LF_TRY(db::Rows r, c.query("INSERT INTO monitor_state(unit_id, processed, findings, fingerprint, state_json, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id) DO UPDATE SET processed = excluded.processed, "
                             "findings = excluded.findings, fingerprint = excluded.fingerprint, "
                             "state_json = excluded.state_json, updated_at = excluded.updated_at",
                             {unit_id, s.processed, s.findings, s.fingerprint, s.state_json, now_utc()}));
  return ok();
}

}  // namespace lf::monitoring::store
