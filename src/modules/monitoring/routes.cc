// Routes of electronic monitoring: parse, call MonitoringService, serialise.
#include "modules/monitoring/routes.h"

#include <memory>

#include "http/json.h"
#include "modules/auth/guard.h"
#include "modules/monitoring/service.h"

namespace lf::monitoring {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

json::value token_json(const Token& t) {
  json::object o{{"id", t.id}, {"unit_id", t.unit_id}, {"name", t.name}, {"created_at", t.created_at},
                 {"revoked_at", t.revoked_at ? json::value(*t.revoked_at) : nullptr}};
  if (!t.secret.empty()) o["token"] = t.secret;
  return o;
}

json::value rule_json(const RuleRow& r) {
  return json::object{{"id", r.id},
                      {"unit_id", r.unit_id},
                      {"code", r.code},
                      {"name", r.name},
                      {"kind", r.kind},
                      {"check", r.check},
                      {"rule", r.rule},
                      {"risk_id", r.risk_id ? json::value(*r.risk_id) : nullptr},
                      {"risk_description", r.risk_description},
                      {"enabled", r.enabled},
                      {"hits", r.hits},
                      {"open_hits", r.open_hits},
                      {"last_hit", r.last_hit ? json::value(*r.last_hit) : nullptr}};
}

json::value rules_json(const std::vector<RuleRow>& rows) {
  json::array items;
  for (const auto& r : rows) items.push_back(rule_json(r));
  const auto n = int64_t(rows.size());
  return json::object{{"items", std::move(items)}, {"total", n}};
}

Result<int64_t> unit_param(const Request& req) {
  LF_TRY(auto unit, http::query_id(req, "unit_id"));
  if (!unit) return make_error("risk.unit_required", "unit_id");
  return *unit;
}

}  // namespace

void add_routes(http::Router& r, db::Database& db) {
  auto svc = std::make_shared<MonitoringService>(db);

  // Business systems authenticate with a token, not a session: no cookie, so no CSRF.
  r.add("POST", "/api/v1/events", [svc](Request& req) -> Result<Response> {
    const std::string auth = req.header("authorization");
    const std::string bearer = auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : "";
    LF_TRY(int64_t n, svc->ingest(bearer, req.body));
    return http::json_response(json::object{{"accepted", n}}, 202);
  });
  r.add("GET", "/api/v1/ingest-tokens", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    LF_TRY(auto list, svc->tokens(who, unit));
    json::array items;
    for (const auto& t : list) items.push_back(token_json(t));
    const auto n = int64_t(list.size());
    return http::json_response(json::object{{"items", std::move(items)}, {"total", n}});
  });
  r.add("POST", "/api/v1/ingest-tokens", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(http::Body b, http::Body::parse(req.body));
    LF_TRY(auto unit, b.integer("unit_id"));
    LF_TRY(auto name, b.str("name"));
    if (!unit) return make_error("risk.unit_required", "unit_id");
    LF_TRY(Token t, svc->create_token(who, *unit, name.value_or("")));
    return http::json_response(token_json(t), 201);
  });
  r.add("DELETE", "/api/v1/ingest-tokens/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_CHECK(svc->revoke_token(who, id));
    return Response{204, "", "", {}};
  });
  r.add("GET", "/api/v1/monitor-rules", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, unit_param(req));
    LF_TRY(auto rows, svc->rules(who, unit));
    LF_TRY(json::object settings, svc->rule_settings(who, unit));
    json::value out = rules_json(rows);
    out.as_object()["settings"] = std::move(settings);  // timezone, close_after_days: the rest of the rule file
    return http::json_response(out);
  });
  r.add("PUT", "/api/v1/monitor-rules", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, unit_param(req));
    LF_TRY(auto rows, svc->set_rules(who, unit, req.body));
    return http::json_response(rules_json(rows));
  });
  r.add("PUT", "/api/v1/monitor-rules/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(http::Body b, http::Body::parse(req.body));
    LF_TRY(auto enabled, b.boolean("enabled"));
    std::optional<std::optional<int64_t>> risk;
    if (b.has("risk_id")) {
      LF_TRY(auto v, b.integer("risk_id"));
      risk = v;
    }
    LF_TRY(RuleRow row, svc->update_rule(who, id, enabled, risk));
    return http::json_response(rule_json(row));
  });
  r.add("GET", "/api/v1/monitor/status", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, unit_param(req));
    LF_TRY(Status_ s, svc->status(who, unit));
    return http::json_response(json::object{{"received", s.received}, {"processed", s.processed},
                                            {"open_cases", s.open_cases}, {"findings", s.findings},
                                            {"updated_at", s.updated_at}});
  });
}

}  // namespace lf::monitoring
