#include "modules/monitoring/service.h"

#include <boost/json.hpp>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/text.h"
#include "engine/flow.h"
#include "engine/monitor.h"
#include "engine/rules.h"
#include "formats/bpmn.h"
#include "formats/event_ndjson.h"
#include "modules/audit/audit.h"
#include "modules/auth/scope_sql.h"
#include "modules/monitoring/findings.h"
#include "modules/monitoring/store.h"

namespace lf::monitoring {

using db::Connection;
namespace json = boost::json;

namespace {

}  // namespace

std::string event_json(const engine::BusinessEvent& e) {
  json::object o{{"source", e.source}, {"case_id", e.case_id}, {"activity", e.activity}, {"time", e.time}};
  if (!e.actor.empty()) o["actor"] = e.actor;
  if (!e.role.empty()) o["role"] = e.role;
  if (!e.unit.empty()) o["unit"] = e.unit;
  if (!e.power.empty()) o["power"] = e.power;
  if (e.amount) o["amount"] = *e.amount;
  if (!e.currency.empty()) o["currency"] = e.currency;
  if (!e.counterparty.empty()) o["counterparty"] = e.counterparty;
  if (!e.attrs.empty()) {
    json::object a;
    for (const auto& [k, v] : e.attrs) a[k] = v;
    o["attrs"] = std::move(a);
  }
  return json::serialize(o);
}

namespace {

Status may_manage(Connection& c, const Principal& who, int64_t unit_id) {
  if (!who.has_role("admin") && !who.has_role("supervisor")) return make_error("auth.forbidden", "", 403);
  LF_TRY(db::Rows u, c.query("SELECT 1 FROM units WHERE id = ?", {unit_id}));
  if (u.empty()) return make_error("org.unit.not_found", "unit_id", 404);
  LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, unit_id));
  if (!mine) return make_error("auth.out_of_scope", "unit_id", 403);
  return ok();
}

Status audit_write(Connection& c, const Principal& who, const char* action, const char* entity, const std::string& id,
                   const json::value& after) {
  audit::Entry e{who.id ? std::optional<int64_t>(who.id) : std::nullopt, who.username.empty() ? "system" : who.username,
                 action, entity, id};
  e.after_json = json::serialize(after);
  return audit::append(c, e);
}

// Flow rules name their model as "power:<code>": the unit's power of that code, its flow compiled.
engine::ModelLoader power_models(Connection& c, int64_t unit_id) {
  return [&c, unit_id](const std::string& ref) -> Result<engine::PetriNet> {
    if (ref.rfind("power:", 0) != 0) return make_error("monitor.model_invalid", "model");
    LF_TRY(db::Rows r, c.query("SELECT f.bpmn FROM power_flows f JOIN powers p ON p.id = f.power_id WHERE p.unit_id = ? "
                               "AND p.code = ?",
                               {unit_id, ref.substr(6)}));
    if (r.empty()) return make_error("monitor.model_invalid", "model");
    LF_TRY(engine::FlowModel flow, formats::read_bpmn(r.text(0, 0)));
    return engine::compile_flow(flow);
  };
}

}  // namespace

Result<std::string> rule_file(Connection& c, int64_t unit_id) {
  LF_TRY(auto rows, store::rules(c, unit_id));
  json::array rules;
  for (const auto& r : rows)
    if (r.enabled) rules.push_back(r.rule);
  if (rules.empty()) return std::string();
  json::object file{{"timezone", "+08:00"}, {"close_after_days", 180}};
  LF_TRY(db::Rows s, c.query("SELECT settings_json FROM monitor_settings WHERE unit_id = ?", {unit_id}));
  if (!s.empty()) {
    boost::system::error_code ec;
    auto v = json::parse(s.text(0, 0), ec);
    if (!ec && v.is_object())
      for (const auto& [k, x] : v.as_object()) file[k] = x;
  }
  // The platform's own days off and make-up days ride along with the official calendar.
  LF_TRY(db::Rows days, c.query("SELECT day, working FROM calendar_days ORDER BY day"));
  json::array holidays, workdays;
  for (size_t i = 0; i < days.size(); ++i) (days.integer(i, 1) ? workdays : holidays).emplace_back(days.text(i, 0));
  file["calendar"] = json::object{{"base", "china"}, {"holidays", holidays}, {"workdays", workdays}};
  file["rules"] = std::move(rules);
  return json::serialize(file);
}

Result<int64_t> MonitoringService::ingest(const std::string& bearer, const std::string& ndjson) {
  if (bearer.empty()) return make_error("auth.token_required", "", 401);
  LF_TRY(auto token, db::read<std::optional<Token>>(db_, [&](Connection& c) { return store::token_by_secret(c, bearer); }));
  if (!token) return make_error("auth.token_invalid", "", 401);
  LF_TRY(auto events, formats::parse_event_ndjson(ndjson));
  if (events.empty()) return make_error("event.batch_empty", "", 400);
  return ingest_for_unit(token->unit_id, events, token->id);
}

Result<int64_t> MonitoringService::ingest_for_unit(int64_t unit_id, const std::vector<engine::BusinessEvent>& events,
                                                   std::optional<int64_t> token_id) {
  return db::write<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    LF_TRY(int64_t seq, store::event_count(c, unit_id));
    for (const auto& e : events) LF_CHECK(store::insert_event(c, unit_id, seq++, token_id, e, event_json(e)));
    // One audit row per batch: who sent how many, and the range they took.
    audit::Entry a{std::nullopt, token_id ? "token:" + std::to_string(*token_id) : "system", "ingest", "events",
                   std::to_string(unit_id)};
    a.after_json = json::serialize(json::object{{"accepted", int64_t(events.size())}, {"last_seq", seq - 1}});
    LF_CHECK(audit::append(c, a));
    return int64_t(events.size());
  });
}

Result<Token> MonitoringService::create_token(const Principal& who, int64_t unit_id, const std::string& name_in) {
  const std::string name = trim(name_in);
  if (name.empty() || utf8_length(name) > 100) return make_error("monitor.token_name_required", "name");
  return db::write<Token>(db_, [&](Connection& c) -> Result<Token> {
    LF_CHECK(may_manage(c, who, unit_id));
    Token t;
    t.secret = "lft_" + random_token(32);
    LF_TRY(t.id, store::insert_token(c, unit_id, name, sha256_hex(t.secret), who.id));
    LF_TRY(auto saved, store::find_token(c, t.id));
    saved->secret = t.secret;
    LF_CHECK(audit_write(c, who, "create", "ingest_token", std::to_string(t.id),
                         json::object{{"unit_id", unit_id}, {"name", name}}));
    return *saved;
  });
}

Result<std::vector<Token>> MonitoringService::tokens(const Principal& who, std::optional<int64_t> unit_id) {
  if (!who.has_role("admin") && !who.has_role("supervisor")) return make_error("auth.forbidden", "", 403);
  return db::read<std::vector<Token>>(db_, [&](Connection& c) -> Result<std::vector<Token>> {
    LF_TRY(auto all, store::tokens(c, unit_id));
    std::vector<Token> out;
    for (auto& t : all) {
      LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, t.unit_id));
      if (mine) out.push_back(std::move(t));
    }
    return out;
  });
}

Status MonitoringService::revoke_token(const Principal& who, int64_t id) {
  return db_.transaction([&](Connection& c) -> Status {
    LF_TRY(auto t, store::find_token(c, id));
    if (!t) return make_error("monitor.token_not_found", "", 404);
    LF_CHECK(may_manage(c, who, t->unit_id));
    LF_CHECK(store::revoke_token(c, id));
    return audit_write(c, who, "revoke", "ingest_token", std::to_string(id), json::object{{"unit_id", t->unit_id}});
  });
}

Result<std::vector<RuleRow>> MonitoringService::rules(const Principal& who, int64_t unit_id) {
  return db::read<std::vector<RuleRow>>(db_, [&](Connection& c) -> Result<std::vector<RuleRow>> {
    LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, unit_id));
    if (!mine) return make_error("org.unit.not_found", "unit_id", 404);
    LF_TRY(auto rows, store::rules(c, unit_id));
    LF_TRY(auto file, rule_file(c, unit_id));
    // The catalogue code of each rule's check, from the engine's own reading of the file.
    if (!file.empty()) {
      auto parsed = engine::parse_rules(file, power_models(c, unit_id));
      if (parsed.ok())
        for (auto& r : rows)
          for (const auto& p : parsed->rules)
            if (p.code == r.code) r.check = p.check();
    }
    return rows;
  });
}

Result<std::vector<RuleRow>> MonitoringService::set_rules(const Principal& who, int64_t unit_id, const std::string& text) {
  return db::write<std::vector<RuleRow>>(db_, [&](Connection& c) -> Result<std::vector<RuleRow>> {
    LF_CHECK(may_manage(c, who, unit_id));
    LF_TRY(auto parsed, engine::parse_rules(text, power_models(c, unit_id)));
    (void)parsed;  // the engine's check of every rule; the stored form is the rule's own JSON
    const json::value v = json::parse(text);
    std::vector<RuleRow> rows;
    for (const auto& r : v.as_object().at("rules").as_array()) {
      RuleRow x;
      x.rule = r.as_object();
      x.code = std::string(x.rule.at("code").as_string());
      if (const auto* risk = x.rule.if_contains("risk_id"); risk && !risk->is_null()) {
        if (!risk->is_int64()) return make_error("monitor.risk_invalid", "risk_id");
        LF_TRY(db::Rows k, c.query("SELECT unit_id FROM risks WHERE id = ?", {risk->as_int64()}));
        if (k.empty() || k.integer(0, 0) != unit_id) return make_error("monitor.risk_invalid", "risk_id");
        x.risk_id = risk->as_int64();
      }
      x.rule.erase("risk_id");
      if (const auto* en = x.rule.if_contains("enabled"); en && en->is_bool()) x.enabled = en->as_bool();
      x.rule.erase("enabled");
      rows.push_back(std::move(x));
    }
    json::object settings;
    for (const char* key : {"timezone", "close_after_days"})
      if (const auto* s = v.as_object().if_contains(key)) settings[key] = *s;
    LF_TRY(db::Rows s, c.query("INSERT INTO monitor_settings(unit_id, settings_json) VALUES (?, ?) ON CONFLICT (unit_id) "
                               "DO UPDATE SET settings_json = excluded.settings_json",
                               {unit_id, json::serialize(settings)}));
    LF_CHECK(store::replace_rules(c, unit_id, rows));
    LF_CHECK(audit_write(c, who, "update", "monitor_rules", std::to_string(unit_id), v));
    return store::rules(c, unit_id);
  });
}

Result<RuleRow> MonitoringService::update_rule(const Principal& who, int64_t id, std::optional<bool> enabled,
                                               std::optional<std::optional<int64_t>> risk_id) {
  return db::write<RuleRow>(db_, [&](Connection& c) -> Result<RuleRow> {
    LF_TRY(auto r, store::find_rule(c, id));
    if (!r) return make_error("monitor.rule_not_found", "", 404);
    LF_CHECK(may_manage(c, who, r->unit_id));
    if (enabled) r->enabled = *enabled;
    if (risk_id) {
      if (*risk_id) {
        LF_TRY(db::Rows k, c.query("SELECT unit_id FROM risks WHERE id = ?", {**risk_id}));
        if (k.empty() || k.integer(0, 0) != r->unit_id) return make_error("monitor.risk_invalid", "risk_id");
      }
      r->risk_id = *risk_id;
    }
    LF_CHECK(store::update_rule(c, *r));
    LF_CHECK(audit_write(c, who, "update", "monitor_rule", std::to_string(id),
                         json::object{{"enabled", r->enabled}, {"risk_id", r->risk_id ? json::value(*r->risk_id) : nullptr}}));
    LF_TRY(auto after, store::find_rule(c, id));
    return *after;
  });
}

Result<json::object> MonitoringService::rule_settings(const Principal& who, int64_t unit_id) {
  return db::read<json::object>(db_, [&](Connection& c) -> Result<json::object> {
    LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, unit_id));
    if (!mine) return make_error("org.unit.not_found", "unit_id", 404);
    LF_TRY(db::Rows s, c.query("SELECT settings_json FROM monitor_settings WHERE unit_id = ?", {unit_id}));
    json::object out;
    if (!s.empty()) {
      boost::system::error_code ec;
      auto v = json::parse(s.text(0, 0), ec);
      if (!ec && v.is_object()) out = v.as_object();
    }
    return out;
  });
}

Result<Status_> MonitoringService::status(const Principal& who, int64_t unit_id) {
  return db::read<Status_>(db_, [&](Connection& c) -> Result<Status_> {
    LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, unit_id));
    if (!mine) return make_error("org.unit.not_found", "unit_id", 404);
    Status_ s;
    LF_TRY(s.received, store::event_count(c, unit_id));
    LF_TRY(auto st, store::state(c, unit_id));
    if (st) {
      s.processed = st->processed;
      s.findings = st->findings;
      s.updated_at = st->updated_at;
      boost::system::error_code ec;
      auto v = json::parse(st->state_json, ec);
      if (!ec && v.is_object())
        if (const auto* cases = v.as_object().if_contains("cases"); cases && cases->is_array())
          s.open_cases = int64_t(cases->as_array().size());
    }
    return s;
  });
}

Result<int64_t> MonitoringService::process(int64_t now_ms, bool check_clock) {
  LF_TRY(auto units, db::read<std::vector<int64_t>>(db_, [](Connection& c) { return store::units_with_rules(c); }));
  int64_t found = 0;
  for (int64_t unit : units) {
    auto n = process_unit(unit, now_ms, check_clock);
    if (!n.ok()) return std::move(n).error();
    found += *n;
  }
  return found;
}

Result<int64_t> MonitoringService::process_unit(int64_t unit_id, int64_t now_ms, bool check_clock) {
  constexpr int64_t kBatch = 5000;
  if (!check_clock) {
    // Nothing new to read: skip the rules, the flow models, the state and the write lock.
    LF_TRY(bool fresh, db::read<bool>(db_, [&](Connection& c) -> Result<bool> {
      LF_TRY(int64_t received, store::event_count(c, unit_id));
      LF_TRY(auto st, store::state(c, unit_id));
      return received > (st ? st->processed : 0);
    }));
    if (!fresh) return int64_t{0};
  }
  return db::write<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    LF_TRY(std::string file, rule_file(c, unit_id));
    if (file.empty()) return int64_t{0};
    LF_TRY(auto rules, engine::parse_rules(file, power_models(c, unit_id)));
    const std::string fingerprint = std::to_string(rules.fingerprint);
    engine::Monitor monitor(std::make_shared<const engine::RuleSet>(std::move(rules)));
    LF_TRY(auto saved, store::state(c, unit_id));
    store::State st;
    if (saved) {
      st = *saved;
      // Rules changed since the state was saved: the open cases start afresh from the next event (the events
      // already checked are not checked again under the new rules).
      if (saved->fingerprint == fingerprint) LF_CHECK(monitor.restore_state(saved->state_json));
    }
    std::vector<engine::Finding> findings;
    formats::EventNdjsonReader reader;
    for (;;) {
      LF_TRY(auto lines, store::events_from(c, unit_id, st.processed, kBatch));
      if (lines.empty()) break;
      std::string text;
      for (const auto& l : lines) text += l + "\n";
      const auto padded = formats::padded_copy(text);
      LF_CHECK(reader.read(padded.text(), [&](const engine::EventView& e, uint64_t) { monitor.process(e, findings); }));
      st.processed += int64_t(lines.size());
      if (int64_t(lines.size()) < kBatch) break;
    }
    if (check_clock) monitor.advance_clock(now_ms, findings);
    // Event indices count the events this monitor has seen; with a fresh monitor after a rule change they start
    // at the change, so map them back onto the unit's sequence.
    const int64_t first_seq = st.processed - monitor.events();
    for (auto& f : findings) LF_CHECK(warn(c, unit_id, f, first_seq));
    st.findings += int64_t(findings.size());
    st.fingerprint = fingerprint;
    st.state_json = monitor.save_state();
    // Nothing new: no write (the server asks every few seconds).
    const bool same = saved && saved->processed == st.processed && saved->fingerprint == st.fingerprint &&
                      saved->state_json == st.state_json && findings.empty();
    if (!same) LF_CHECK(store::save_state(c, unit_id, st));
    return int64_t(findings.size());
  });
}

}  // namespace lf::monitoring
