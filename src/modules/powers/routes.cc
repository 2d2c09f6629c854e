// Routes of the power catalogue and flows: parse, call PowerService, serialise.
#include "modules/powers/routes.h"

#include <memory>

#include "http/json.h"
#include "modules/auth/guard.h"
#include "modules/common/cached_list.h"
#include "modules/powers/service.h"

namespace lf::powers {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Result<PowerInput> read_power(const Request& req) {
  LF_TRY(http::Body b, http::Body::parse(req.body));
  PowerInput in;
  LF_TRY(in.unit_id, b.integer("unit_id"));
  if (b.has("department_id")) {
    LF_TRY(auto d, b.integer("department_id"));
    in.department_id = d;
  }
  LF_TRY(in.code, b.str("code"));
  LF_TRY(in.name, b.str("name"));
  LF_TRY(in.category, b.str("category"));
  LF_TRY(in.content, b.str("content"));
  LF_TRY(in.basis, b.str("basis"));
  LF_TRY(in.basis_article, b.str("basis_article"));
  LF_TRY(in.procedure, b.str("procedure"));
  LF_TRY(in.supervision_channel, b.str("supervision_channel"));
  LF_TRY(in.materials, b.str("materials"));
  LF_TRY(in.service_commitment, b.str("service_commitment"));
  LF_TRY(in.note, b.str("note"));
  LF_TRY(in.status, b.str("status"));
  LF_TRY(in.is_public, b.boolean("public"));
  if (b.has("time_limit_days")) {
    LF_TRY(auto t, b.integer("time_limit_days"));
    if (t && (*t < INT32_MIN || *t > INT32_MAX)) return make_error("power.time_limit_invalid", "time_limit_days");
    in.time_limit_days = t ? std::optional<int32_t>(int32_t(*t)) : std::optional<int32_t>();
  }
  LF_TRY(in.post_ids, b.integers("post_ids"));
  return in;
}

Result<CatalogueForm> read_form(const Request& req) {
  const std::string f = req.q("form").value_or("attachment1");
  if (f == "attachment1") return CatalogueForm::attachment1;
  if (f == "enforcement") return CatalogueForm::enforcement;
  return make_error("import.variant_invalid", "form");
}

Response document(std::string body, const char* type) {
  Response r;
  r.content_type = type;
  r.body = std::move(body);
  return r;
}

Response flow_refused(const FlowSave& out) {
  Error e = make_error("flow.invalid");
  json::array issues;
  for (const auto& i : out.issues) issues.push_back(to_json(i));
  json::object err{{"code", e.code}, {"message", e.message}, {"message_en", e.message_en}};
  if (!out.issues.empty()) {
    // The first issue's text makes the headline concrete.
    err["message"] = e.message + "：" + out.issues.front().message;
    err["message_en"] = e.message_en + ": " + out.issues.front().message_en;
  }
  return http::json_response(json::object{{"error", std::move(err)}, {"issues", std::move(issues)}}, 400);
}

}  // namespace

void add_routes(http::Router& r, db::Database& db) {
  auto svc = std::make_shared<PowerService>(db);
  auto cache = std::make_shared<audit::ReadCache>();

  r.add("GET", "/api/v1/powers", [&db, svc, cache](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    return list::cached_answer(*cache, who, req, [&]() -> Result<Response> {
      LF_TRY(http::Page page, http::read_page(req));
      PowerFilter f;
      LF_TRY(f.unit_id, http::query_id(req, "unit_id"));
      LF_TRY(f.department_id, http::query_id(req, "department_id"));
      f.category = req.q("category").value_or("");
      f.status = req.q("status").value_or("");
      f.q = req.q("q").value_or("");
      if (auto h = req.q("has_flow"); h && !h->empty()) f.has_flow = *h == "true" || *h == "1";
      LF_TRY(auto found, svc->list(who, f, page.offset(), page.size));
      json::array items;
      for (const auto& p : found.items) items.push_back(to_json(p));
      return http::list_response(std::move(items), found.total, page);
    });
  });
  r.add("GET", "/api/v1/powers/summary", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    PowerFilter f;
    LF_TRY(f.unit_id, http::query_id(req, "unit_id"));
    LF_TRY(PowerSummary s, svc->summary(who, f));
    return http::json_response(to_json(s));
  });
  r.add("GET", "/api/v1/powers/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(Power p, svc->get(who, id));
    return http::json_response(to_json(p));
  });
  r.add("POST", "/api/v1/powers", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(PowerInput in, read_power(req));
    LF_TRY(Power p, svc->create(who, in));
    return http::json_response(to_json(p), 201);
  });
  r.add("PUT", "/api/v1/powers/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(PowerInput in, read_power(req));
    LF_TRY(Power p, svc->update(who, id, in));
    return http::json_response(to_json(p));
  });
  r.add("DELETE", "/api/v1/powers/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_CHECK(svc->remove(who, id));
    return http::json_response(json::object{{"ok", true}});
  });

  r.add("GET", "/api/v1/power-categories", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    if (!unit) return make_error("power.unit_required", "unit_id");
    LF_TRY(auto cats, svc->categories(who, *unit));
    json::array items;
    for (const auto& c : cats) items.push_back(to_json(c));
    const auto n = int64_t(cats.size());
    return http::json_response(json::object{{"items", std::move(items)}, {"total", n}});
  });
  r.add("POST", "/api/v1/power-categories", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(http::Body b, http::Body::parse(req.body));
    LF_TRY(auto unit, b.integer("unit_id"));
    LF_TRY(auto name, b.str("name"));
    LF_TRY(auto group, b.str("group"));
    if (!unit) return make_error("power.unit_required", "unit_id");
    LF_TRY(Category c, svc->add_category(who, *unit, name.value_or(""), group.value_or("type")));
    return http::json_response(to_json(c), 201);
  });
  r.add("DELETE", "/api/v1/power-categories/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_CHECK(svc->remove_category(who, id));
    return http::json_response(json::object{{"ok", true}});
  });

  r.add("GET", "/api/v1/powers/{id}/flow", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(FlowView v, svc->flow(who, id));
    return http::json_response(to_json(v));
  });
  r.add("PUT", "/api/v1/powers/{id}/flow", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(FlowSave out, svc->save_flow(who, id, req.body));
    if (!out.saved) return flow_refused(out);
    return http::json_response(to_json(out.view));
  });
  r.add("GET", "/api/v1/powers/{id}/flow.bpmn", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(std::string xml, svc->flow_bpmn(who, id));
    return document(std::move(xml), "application/xml; charset=utf-8");
  });
  r.add("GET", "/api/v1/powers/{id}/flow.svg", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(std::string svg, svc->flow_svg(who, id));
    return document(std::move(svg), "image/svg+xml; charset=utf-8");
  });
  r.add("GET", "/api/v1/powers/{id}/flow.pnml", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(std::string xml, svc->flow_pnml(who, id));
    return document(std::move(xml), "application/xml; charset=utf-8");
  });
  r.add("PUT", "/api/v1/powers/{id}/net", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_CHECK(svc->save_net(who, id, req.body));
    return http::json_response(json::object{{"ok", true}});
  });

  r.add("GET", "/api/v1/exports/power-catalogue.xlsx", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(CatalogueForm form, read_form(req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    LF_TRY(auto dept, http::query_id(req, "department_id"));
    LF_TRY(std::string bytes, svc->export_catalogue(who, form, unit, dept));
    Response res = document(std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    res.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"power-catalogue.xlsx\"; filename*=UTF-8''%E8%81%8C%E6%9D%83%E7%9B%AE%E5%BD%95.xlsx");
    return res;
  });
  r.add("POST", "/api/v1/imports/power-catalogue", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(CatalogueForm form, read_form(req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    if (!unit) return make_error("power.unit_required", "unit_id");
    LF_TRY(ImportOutcome out, svc->import_catalogue(who, form, *unit, req.body));
    json::array errors;
    for (const auto& e : out.errors)
      errors.push_back(json::object{{"sheet", e.sheet}, {"row", e.row}, {"column", e.column}, {"message", e.message},
                                    {"message_en", e.message_en}});
    if (!out.imported) {
      Error e = make_error("import.invalid");
      return http::json_response(
          json::object{{"error", json::object{{"code", e.code}, {"message", e.message}, {"message_en", e.message_en}}},
                       {"rows", std::move(errors)}},
          400);
    }
    return http::json_response(
        json::object{{"created", out.created}, {"updated", out.updated}, {"unchanged", out.unchanged}});
  });
}

}  // namespace lf::powers
