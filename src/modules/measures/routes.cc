// Routes of control measures: parse, call MeasureService, serialise.
#include "modules/measures/routes.h"

#include <memory>

#include "http/json.h"
#include "modules/auth/guard.h"
#include "modules/measures/service.h"

namespace lf::measures {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Result<std::optional<Indicator>> read_indicator(const json::object& o) {
  LF_TRY(http::Body b, http::Body::parse(json::serialize(o)));
  Indicator i;
  LF_TRY(auto type, b.str("type"));
  LF_TRY(auto direction, b.str("direction"));
  LF_TRY(auto unit, b.str("unit"));
  i.type = type.value_or("");
  if (i.type.empty()) return std::optional<Indicator>{};
  i.direction = direction.value_or("higher");
  i.unit = unit.value_or("");
  LF_TRY(i.baseline, b.number("baseline"));
  LF_TRY(i.target, b.number("target"));
  LF_TRY(i.baseline_date, b.str("baseline_date"));
  LF_TRY(i.target_date, b.str("target_date"));
  return std::optional<Indicator>{i};
}

Result<MeasureInput> read_measure(const Request& req) {
  LF_TRY(http::Body b, http::Body::parse(req.body));
  MeasureInput in;
  LF_TRY(in.risk_id, b.integer("risk_id"));
  for (auto [key, out] : {std::pair{"line", &in.line}, {"control_type", &in.control_type},
                          {"description", &in.description}, {"supervision", &in.supervision},
                          {"frequency", &in.frequency}, {"start_date", &in.start_date}, {"evidence", &in.evidence},
                          {"status", &in.status}, {"specificity", &in.specificity}, {"template_code", &in.template_code}}) {
    LF_TRY(*out, b.str(key));
  }
  // Present and null clears; absent keeps.
  for (auto [key, out] : {std::pair{"owner_post_id", &in.owner_post_id}, {"owner_person_id", &in.owner_person_id}}) {
    if (!b.has(key)) continue;
    LF_TRY(auto v, b.integer(key));
    *out = v;
  }
  if (b.has("due_date")) {
    LF_TRY(auto v, b.str("due_date"));
    in.due_date = v && !v->empty() ? v : std::nullopt;
  }
  if (b.has("indicator")) {
    LF_TRY(auto o, b.object("indicator"));
    if (!o) in.indicator = std::optional<Indicator>{};
    else {
      LF_TRY(auto ind, read_indicator(*o));
      in.indicator = ind;
    }
  }
  return in;
}

json::value stats_json(const Stats& s) {
  auto counts = [](const std::vector<std::pair<std::string, int64_t>>& v) {
    json::object o;
    for (const auto& [k, n] : v) o[k] = n;
    return o;
  };
  return json::object{{"measures", s.measures},         {"applied", s.applied},
                      {"overdue_measures", s.overdue_measures}, {"open_tasks", s.open_tasks},
                      {"overdue_tasks", s.overdue_tasks}, {"by_status", counts(s.by_status)},
                      {"by_line", counts(s.by_line)},   {"by_level", counts(s.by_level)}};
}

Result<std::vector<Template>> read_templates(const Request& req) {
  LF_TRY(http::Body b, http::Body::parse(req.body));
  if (!b.has("items")) return make_error("request.field_type", "items");
  json::value v = json::parse(req.body);
  const auto* items = v.as_object().at("items").if_array();
  if (!items) return make_error("request.field_type", "items");
  std::vector<Template> out;
  for (const auto& e : *items) {
    if (!e.is_object()) return make_error("request.field_type", "items");
    LF_TRY(http::Body t, http::Body::parse(json::serialize(e)));
    Template x;
    for (auto [key, field] : {std::pair{"level", &x.level}, {"code", &x.code}, {"line", &x.line},
                              {"control_type", &x.control_type}, {"description", &x.description},
                              {"frequency", &x.frequency}, {"specificity", &x.specificity}, {"evidence", &x.evidence}}) {
      LF_TRY(auto s, t.str(key));
      if (s) *field = *s;
    }
    out.push_back(std::move(x));
  }
  return out;
}

json::value templates_json(bool own, const std::vector<Template>& list) {
  json::array items;
  for (const auto& t : list) items.push_back(to_json(t));
  return json::object{{"own", own}, {"items", std::move(items)}};
}

}  // namespace

Status add_to_risk_json(db::Database& db, json::object& risk, int64_t risk_id, int64_t unit_id, const std::string& level) {
  MeasureService svc(db);
  LF_TRY(RiskMeasures rm, svc.for_risk(risk_id, unit_id, level));
  json::array items;
  for (const auto& m : rm.measures) items.push_back(to_json(m));
  risk["measures"] = std::move(items);
  risk["inherent_level"] = rm.levels.inherent;
  risk["residual_level"] = rm.levels.residual;
  risk["residual_after_monitoring"] = rm.levels.after_monitoring;
  return ok();
}

void add_routes(http::Router& r, db::Database& db) {
  auto svc = std::make_shared<MeasureService>(db);

  r.add("GET", "/api/v1/measures", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(http::Page page, http::read_page(req));
    MeasureFilter f;
    LF_TRY(f.risk_id, http::query_id(req, "risk_id"));
    LF_TRY(f.unit_id, http::query_id(req, "unit_id"));
    LF_TRY(f.department_id, http::query_id(req, "department_id"));
    LF_TRY(f.owner_post_id, http::query_id(req, "owner_post_id"));
    LF_TRY(f.owner_person_id, http::query_id(req, "owner_person_id"));
    f.mine = req.q("owner").value_or("") == "me" || http::query_flag(req, "mine");
    if (!f.mine && req.q("owner")) {
      LF_TRY(f.owner_post_id, http::query_id(req, "owner"));
    }
    f.overdue = http::query_flag(req, "overdue");
    f.status = req.q("status").value_or("");
    f.level = req.q("level").value_or("");
    f.q = req.q("q").value_or("");
    LF_TRY(auto found, svc->list(who, f, page.offset(), page.size));
    json::array items;
    for (const auto& m : found.items) items.push_back(to_json(m));
    return http::list_response(std::move(items), found.total, page);
  });
  r.add("GET", "/api/v1/measures/stats", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    LF_TRY(auto dept, http::query_id(req, "department_id"));
    LF_TRY(Stats s, svc->stats(who, unit, dept));
    return http::json_response(stats_json(s));
  });
  r.add("GET", "/api/v1/measures/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(Measure m, svc->get(who, id));
    return http::json_response(to_json(m));
  });
  r.add("POST", "/api/v1/measures", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(MeasureInput in, read_measure(req));
    LF_TRY(Measure m, svc->create(who, in));
    return http::json_response(to_json(m), 201);
  });
  r.add("PUT", "/api/v1/measures/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(MeasureInput in, read_measure(req));
    LF_TRY(Measure m, svc->update(who, id, in));
    return http::json_response(to_json(m));
  });
  r.add("DELETE", "/api/v1/measures/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_CHECK(svc->remove(who, id));
    return Response{204, "", "", {}};
  });
  r.add("GET", "/api/v1/measures/{id}/measurements", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(auto list, svc->measurements(who, id));
    json::array items;
    for (const auto& m : list) items.push_back(to_json(m));
    const auto n = int64_t(list.size());
    return http::json_response(json::object{{"items", std::move(items)}, {"total", n}});
  });
  r.add("POST", "/api/v1/measures/{id}/measurements", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(http::Body b, http::Body::parse(req.body));
    MeasurementInput in;
    LF_TRY(auto value, b.number("value"));
    if (!value) return make_error("measure.value_required", "value");
    in.value = *value;
    LF_TRY(auto on, b.str("measured_on"));
    in.measured_on = on.value_or("");
    LF_TRY(auto note, b.str("note"));
    in.note = note.value_or("");
    LF_TRY(in.file_id, b.integer("file_id"));
    LF_TRY(Measure m, svc->add_measurement(who, id, in));
    return http::json_response(to_json(m), 201);
  });

  r.add("GET", "/api/v1/tasks", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(http::Page page, http::read_page(req));
    TaskFilter f;
    LF_TRY(f.measure_id, http::query_id(req, "measure_id"));
    LF_TRY(f.unit_id, http::query_id(req, "unit_id"));
    LF_TRY(f.department_id, http::query_id(req, "department_id"));
    f.mine = http::query_flag(req, "mine") || req.q("owner").value_or("") == "me";
    f.overdue = http::query_flag(req, "overdue");
    f.status = req.q("status").value_or("");
    LF_TRY(auto found, svc->tasks(who, f, page.offset(), page.size));
    json::array items;
    for (const auto& t : found.items) items.push_back(to_json(t));
    return http::list_response(std::move(items), found.total, page);
  });
  r.add("POST", "/api/v1/tasks/{id}/complete", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(http::Body b, http::Body::parse(req.body));
    LF_TRY(auto note, b.str("note"));
    LF_TRY(auto file, b.integer("file_id"));
    LF_TRY(Task t, svc->complete_task(who, id, note.value_or(""), file));
    return http::json_response(to_json(t));
  });

  r.add("POST", "/api/v1/files", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(store::File f, svc->upload(who, req.q("name").value_or(""), req.body));
    return http::json_response(json::object{{"id", f.id}, {"name", f.name}, {"content_type", f.content_type},
                                            {"size", f.size}, {"sha256", f.sha256}},
                               201);
  });
  r.add("GET", "/api/v1/files/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(store::File f, svc->download(who, id));
    Response res{200, f.content_type, std::move(f.data), {}};
    res.headers.emplace_back("Content-Disposition", http::attachment(f.name, "evidence-" + std::to_string(f.id)));
    return res;
  });

  r.add("GET", "/api/v1/risks/{id}/proposals", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(auto list, svc->proposals(who, id));
    return http::json_response(templates_json(false, list));
  });
  r.add("GET", "/api/v1/measure-templates", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    if (!unit) return make_error("risk.unit_required", "unit_id");
    LF_TRY(auto got, svc->templates(who, *unit));
    return http::json_response(templates_json(got.first, got.second));
  });
  r.add("PUT", "/api/v1/measure-templates", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    if (!unit) return make_error("risk.unit_required", "unit_id");
    LF_TRY(auto list, read_templates(req));
    LF_TRY(auto saved, svc->set_templates(who, *unit, list));
    return http::json_response(templates_json(true, saved));
  });
  r.add("GET", "/api/v1/measure-settings", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    if (!unit) return make_error("risk.unit_required", "unit_id");
    LF_TRY(Settings s, svc->settings(who, *unit));
    return http::json_response(to_json(s));
  });
  r.add("PUT", "/api/v1/measure-settings", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    if (!unit) return make_error("risk.unit_required", "unit_id");
    LF_TRY(http::Body b, http::Body::parse(req.body));
    json::value v = json::parse(req.body.empty() ? std::string("{}") : req.body);
    LF_TRY(Settings s, svc->set_settings(who, *unit, v.as_object()));
    return http::json_response(to_json(s));
  });
}

}  // namespace lf::measures
