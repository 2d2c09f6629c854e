// Routes of warnings: parse, call WarningService, serialise.
#include "modules/warnings/routes.h"

#include <memory>

#include "http/json.h"
#include "modules/auth/guard.h"
#include "modules/warnings/service.h"

namespace lf::warnings {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Result<WarningInput> read_warning(const Request& req) {
  LF_TRY(http::Body b, http::Body::parse(req.body));
  WarningInput in;
  LF_TRY(auto kind, b.str("subject_kind"));
  in.subject_kind = kind.value_or("");
  LF_TRY(in.subject_id, b.integer("subject_id"));
  for (auto [key, out] : {std::pair{"source", &in.source}, {"source_ref", &in.source_ref}, {"situation", &in.situation},
                          {"required_measures", &in.required_measures}, {"level", &in.level}}) {
    LF_TRY(auto v, b.str(key));
    if (v) *out = *v;
  }
  LF_TRY(auto risks, b.integers("risk_ids"));
  in.risk_ids = risks.value_or(std::vector<int64_t>{});
  LF_TRY(in.power_id, b.integer("power_id"));
  LF_TRY(in.deadline, b.str("deadline"));
  const json::value v = json::parse(req.body.empty() ? std::string("{}") : req.body);
  if (const auto* ev = v.as_object().if_contains("evidence"); ev && !ev->is_null()) {
    if (!ev->is_array()) return make_error("request.field_type", "evidence");
    in.evidence = ev->as_array();
  }
  return in;
}

Result<ActionInput> read_action(const Request& req) {
  LF_TRY(http::Body b, http::Body::parse(req.body));
  ActionInput in;
  for (auto [key, out] : {std::pair{"action", &in.action}, {"comment", &in.comment}, {"handler_name", &in.handler_name},
                          {"handler_title", &in.handler_title}, {"commitment", &in.commitment}, {"result", &in.result}}) {
    LF_TRY(auto v, b.str(key));
    if (v) *out = *v;
  }
  LF_TRY(auto measures, b.strings("measures"));
  in.measures = measures.value_or(std::vector<std::string>{});
  return in;
}

json::value stats_json(const Stats& s) {
  auto counts = [](const std::vector<std::pair<std::string, int64_t>>& v) {
    json::object o;
    for (const auto& [k, n] : v) o[k.empty() ? "（单位）" : k] = n;
    return o;
  };
  return json::object{{"total", s.total},
                      {"open", s.open},
                      {"overdue", s.overdue},
                      {"escalated", s.escalated},
                      {"by_level", counts(s.by_level)},
                      {"by_status", counts(s.by_status)},
                      {"by_source", counts(s.by_source)},
                      {"by_department", counts(s.by_department)}};
}

json::value settings_json(const Settings& s) {
  json::object colours;
  for (const auto& [k, v] : s.colours) colours[k] = v;
  return json::object{{"colours", std::move(colours)}, {"repeat_threshold", s.repeat_threshold}};
}

Response document(std::string bytes, const std::string& type, const std::string& name, const std::string& ascii) {
  Response res{200, type, std::move(bytes), {}};
  res.headers.emplace_back("Content-Disposition", http::attachment(name, ascii));
  return res;
}

}  // namespace

void add_routes(http::Router& r, db::Database& db) {
  auto svc = std::make_shared<WarningService>(db);

  r.add("GET", "/api/v1/warnings", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(http::Page page, http::read_page(req));
    WarningFilter f;
    LF_TRY(f.unit_id, http::query_id(req, "unit_id"));
    LF_TRY(f.department_id, http::query_id(req, "department_id"));
    LF_TRY(f.risk_id, http::query_id(req, "risk_id"));
    LF_TRY(f.subject_person_id, http::query_id(req, "subject_person_id"));
    f.level = req.q("level").value_or("");
    f.status = req.q("status").value_or("");
    f.source = req.q("source").value_or("");
    f.subject = req.q("subject").value_or("");
    f.q = req.q("q").value_or("");
    f.overdue = http::query_flag(req, "overdue");
    f.inbox = http::query_flag(req, "inbox");
    f.mine = http::query_flag(req, "mine");
    f.open = http::query_flag(req, "open");
    LF_TRY(auto found, svc->list(who, f, page.offset(), page.size));
    json::array items;
    for (const auto& w : found.items) items.push_back(to_json(w));
    return http::list_response(std::move(items), found.total, page);
  });
  r.add("GET", "/api/v1/warnings/stats", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    LF_TRY(Stats s, svc->stats(who, unit));
    return http::json_response(stats_json(s));
  });
  r.add("POST", "/api/v1/warnings", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(WarningInput in, read_warning(req));
    LF_TRY(Warning w, svc->issue(who, in));
    return http::json_response(to_json(w), 201);
  });
  r.add("GET", "/api/v1/warnings/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(Warning w, svc->get(who, id));
    LF_TRY(auto history, svc->history(who, id));
    json::object out = to_json(w).as_object();
    json::array timeline;
    for (const auto& h : history) timeline.push_back(to_json(h));
    out["timeline"] = std::move(timeline);
    return http::json_response(out);
  });
  r.add("POST", "/api/v1/warnings/{id}/transitions", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(ActionInput in, read_action(req));
    LF_TRY(Warning w, svc->act(who, id, in));
    return http::json_response(to_json(w));
  });
  r.add("GET", "/api/v1/warnings/{id}/record.pdf", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(std::string bytes, svc->record(who, id, true));
    return document(std::move(bytes), "application/pdf", "廉政风险预警处置记录单.pdf", "warning-record.pdf");
  });
  r.add("GET", "/api/v1/warnings/{id}/record.xlsx", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(std::string bytes, svc->record(who, id, false));
    return document(std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "廉政风险预警处置记录单.xlsx", "warning-record.xlsx");
  });
  r.add("GET", "/api/v1/warnings/{id}/notice.pdf", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    const std::string kind = req.q("kind").value_or("prompt");
    LF_TRY(std::string bytes, svc->notice(who, id, kind));
    return document(std::move(bytes), "application/pdf", "预警通知书.pdf", "warning-notice.pdf");
  });
  r.add("GET", "/api/v1/warning-proposals", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto list, svc->proposals(who));
    json::array items;
    for (const auto& p : list) items.push_back(to_json(p));
    const auto n = int64_t(list.size());
    return http::json_response(json::object{{"items", std::move(items)}, {"total", n}});
  });
  r.add("GET", "/api/v1/warning-settings", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    (void)who;
    LF_TRY(Settings s, svc->settings());
    return http::json_response(settings_json(s));
  });
  r.add("PUT", "/api/v1/warning-settings", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(http::Body b, http::Body::parse(req.body));
    const json::value v = json::parse(req.body.empty() ? std::string("{}") : req.body);
    LF_TRY(Settings s, svc->set_settings(who, v.as_object()));
    return http::json_response(settings_json(s));
  });
  r.add("GET", "/api/v1/notice-templates", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    if (!unit) return make_error("risk.unit_required", "unit_id");
    json::object out;
    for (const auto& kind : notice_kinds()) {
      LF_TRY(std::string body, svc->notice_template(who, *unit, kind));
      out[kind] = body;
    }
    return http::json_response(out);
  });
  r.add("PUT", "/api/v1/notice-templates", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    if (!unit) return make_error("risk.unit_required", "unit_id");
    LF_TRY(http::Body b, http::Body::parse(req.body));
    LF_TRY(auto kind, b.str("kind"));
    LF_TRY(auto body, b.str("body"));
    LF_TRY(std::string saved, svc->set_notice_template(who, *unit, kind.value_or(""), body.value_or("")));
    return http::json_response(json::object{{"kind", kind.value_or("")}, {"body", saved}});
  });
}

}  // namespace lf::warnings
