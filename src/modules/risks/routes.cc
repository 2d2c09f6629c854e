// Routes of the risk register: parse, call RiskService, serialise.
#include "modules/risks/routes.h"

#include <memory>

#include "http/json.h"
#include "modules/auth/guard.h"
#include "modules/common/cached_list.h"
#include "modules/measures/routes.h"
#include "modules/risks/forms.h"
#include "modules/risks/service.h"

namespace lf::risks {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Result<RiskInput> read_risk(const Request& req) {
  LF_TRY(http::Body b, http::Body::parse(req.body));
  RiskInput in;
  LF_TRY(in.unit_id, b.integer("unit_id"));
  LF_TRY(in.department_id, b.integer("department_id"));
  LF_TRY(in.post_id, b.integer("post_id"));
  if (b.has("power_id")) {
    LF_TRY(auto p, b.integer("power_id"));
    in.power_id = p;
  }
  LF_TRY(in.step_element, b.str("step_element"));
  LF_TRY(in.category, b.str("category"));
  LF_TRY(in.risk_class, b.str("risk_class"));
  LF_TRY(in.duty, b.str("duty"));
  LF_TRY(in.description, b.str("description"));
  LF_TRY(in.manifestation, b.str("manifestation"));
  LF_TRY(in.causes, b.str("causes"));
  LF_TRY(in.finding_method, b.str("finding_method"));
  LF_TRY(in.measures_text, b.str("measures_text"));
  LF_TRY(in.note, b.str("note"));
  LF_TRY(in.level, b.str("level"));
  LF_TRY(in.override_reason, b.str("override_reason"));
  LF_TRY(in.grading_inputs, b.object("grading_inputs"));
  LF_TRY(auto year, b.integer("year"));
  if (year) {
    if (*year < 2000 || *year > 2100) return make_error("request.field_type", "year");
    in.year = int32_t(*year);
  }
  return in;
}

Result<TransitionInput> read_transition(const http::Body& b) {
  TransitionInput in;
  LF_TRY(auto action, b.str("action"));
  LF_TRY(auto comment, b.str("comment"));
  in.action = action.value_or("");
  in.comment = comment.value_or("");
  LF_TRY(in.level, b.str("level"));
  LF_TRY(in.publicity_until, b.str("publicity_until"));
  LF_TRY(in.appraisal, b.object("appraisal"));
  return in;
}

// One risk as GET, POST, PUT and a transition answer it: with its measures and residual levels (lists leave them out).
Result<Response> one_risk(db::Database& db, const Risk& k, int status = 200) {
  json::object out = to_json(k).as_object();
  LF_CHECK(measures::add_to_risk_json(db, out, k.id, k.unit_id, k.level));
  return http::json_response(out, status);
}

json::value grading_json(const GradingModel& m) {
  json::object o = model_to_json(m);
  json::object labels;
  for (const auto& l : levels()) labels[l] = json::object{{"zh", level_label(m, l)}, {"en", level_label(m, l, true)}};
  o["labels"] = std::move(labels);
  return o;
}

}  // namespace

void add_routes(http::Router& r, db::Database& db) {
  auto svc = std::make_shared<RiskService>(db);
  auto cache = std::make_shared<audit::ReadCache>();

  r.add("GET", "/api/v1/risks", [&db, svc, cache](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    return list::cached_answer(*cache, who, req, [&]() -> Result<Response> {
      LF_TRY(http::Page page, http::read_page(req));
      RiskFilter f;
      LF_TRY(f.unit_id, http::query_id(req, "unit_id"));
      LF_TRY(f.department_id, http::query_id(req, "department_id"));
      LF_TRY(f.post_id, http::query_id(req, "post_id"));
      LF_TRY(f.power_id, http::query_id(req, "power_id"));
      LF_TRY(f.cycle_id, http::query_id(req, "cycle_id"));
      LF_TRY(auto year, http::query_id(req, "cycle"));
      if (year) f.year = int32_t(*year);
      f.level = req.q("level").value_or("");
      f.stage = req.q("status").value_or(req.q("stage").value_or(""));
      f.scope_level = req.q("scope_level").value_or("");
      f.q = req.q("q").value_or("");
      LF_TRY(auto found, svc->list(who, f, page.offset(), page.size));
      json::array items;
      for (const auto& k : found.items) items.push_back(to_json(k));
      return http::list_response(std::move(items), found.total, page);
    });
  });
  r.add("GET", "/api/v1/risks/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(Risk k, svc->get(who, id));
    return one_risk(db, k);
  });
  r.add("POST", "/api/v1/risks", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(RiskInput in, read_risk(req));
    LF_TRY(Risk k, svc->create(who, in));
    return one_risk(db, k, 201);
  });
  r.add("PUT", "/api/v1/risks/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(RiskInput in, read_risk(req));
    LF_TRY(Risk k, svc->update(who, id, in));
    return one_risk(db, k);
  });
  r.add("POST", "/api/v1/risks/{id}/transitions", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(http::Body b, http::Body::parse(req.body));
    LF_TRY(TransitionInput in, read_transition(b));
    LF_TRY(Risk k, svc->transition(who, id, in));
    return one_risk(db, k);
  });
  r.add("POST", "/api/v1/risks/transitions", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(http::Body b, http::Body::parse(req.body));
    LF_TRY(TransitionInput in, read_transition(b));
    LF_TRY(auto ids, b.integers("ids"));
    LF_TRY(auto moved, svc->transition_many(who, ids.value_or(std::vector<int64_t>{}), in));
    json::array items;
    for (const auto& k : moved) items.push_back(to_json(k));
    const auto n = int64_t(moved.size());
    return http::json_response(json::object{{"items", std::move(items)}, {"total", n}});
  });
  r.add("GET", "/api/v1/risks/{id}/history", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(auto entries, svc->history(who, id));
    json::array items;
    for (const auto& h : entries) items.push_back(to_json(h));
    const auto n = int64_t(entries.size());
    return http::json_response(json::object{{"items", std::move(items)}, {"total", n}});
  });

  r.add("GET", "/api/v1/risk-categories", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    if (!unit) return make_error("risk.unit_required", "unit_id");
    LF_TRY(auto cats, svc->categories(who, *unit));
    json::array items;
    for (const auto& [name, cls] : cats) items.push_back(json::object{{"name", name}, {"risk_class", cls}});
    const auto n = int64_t(cats.size());
    return http::json_response(json::object{{"items", std::move(items)}, {"total", n}});
  });
  r.add("GET", "/api/v1/grading-models/{unit_id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, http::path_id(req));
    LF_TRY(GradingModel m, svc->grading_model(who, unit));
    return http::json_response(grading_json(m));
  });
  r.add("PUT", "/api/v1/grading-models/{unit_id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, http::path_id(req));
    boost::system::error_code ec;
    json::value v = json::parse(req.body, ec);
    if (ec || !v.is_object()) return make_error("request.bad_json");
    LF_TRY(GradingModel m, svc->set_grading_model(who, unit, v.as_object()));
    return http::json_response(grading_json(m));
  });
  r.add("POST", "/api/v1/grading-models/{unit_id}/grade", [&db, svc](Request& req) -> Result<Response> {
    // Previews the level for inputs without saving anything (the form shows it as the user types).
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, http::path_id(req));
    LF_TRY(http::Body b, http::Body::parse(req.body));
    LF_TRY(auto inputs, b.object("grading_inputs"));
    LF_TRY(GradingModel m, svc->grading_model(who, unit));
    LF_TRY(Grade g, grade(m, inputs.value_or(json::object{})));
    return http::json_response(json::object{{"level", g.level}, {"score", g.score}, {"basis", g.basis},
                                            {"basis_en", g.basis_en}, {"label", level_label(m, g.level)}});
  });

  r.add("GET", "/api/v1/risk-cycles", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    LF_TRY(auto cycles, svc->cycles(who, unit));
    json::array items;
    for (const auto& cy : cycles) items.push_back(to_json(cy));
    const auto n = int64_t(cycles.size());
    return http::json_response(json::object{{"items", std::move(items)}, {"total", n}});
  });
  r.add("POST", "/api/v1/risk-cycles/{id}/close", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(Cycle cy, svc->close_cycle(who, id));
    return http::json_response(to_json(cy));
  });

  r.add("GET", "/api/v1/quality/risks", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    LF_TRY(auto findings, svc->quality(who, unit));
    json::array items;
    for (const auto& f : findings)
      items.push_back(json::object{{"code", f.code}, {"severity", f.severity}, {"entity", f.entity},
                                   {"entity_id", f.entity_id}, {"message", f.message}, {"message_en", f.message_en}});
    const auto n = int64_t(findings.size());
    return http::json_response(json::object{{"items", std::move(items)}, {"total", n}});
  });

  add_form_routes(r, db, svc);
}

}  // namespace lf::risks
