// Routes of procurement: parse, call ProcurementService, serialise.
#include "modules/procurement/routes.h"

#include <memory>

#include "http/json.h"
#include "modules/auth/guard.h"
#include "modules/procurement/service.h"

namespace lf::procurement {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

json::value opt_num(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::array flags_json(const std::vector<Flag>& flags) {
  json::array a;
  for (const auto& f : flags)
    a.push_back(json::object{{"group", f.group}, {"subject_id", f.subject_id}, {"indicator", f.indicator},
                             {"name", f.name}, {"value", opt_num(f.value)},
                             {"warning_id", f.warning_id ? json::value(*f.warning_id) : nullptr},
                             {"first_seen", f.first_seen}});
  return a;
}

json::object process_json(const Process& p) {
  json::object o{{"id", p.id},         {"ocid", p.ocid},         {"buyer_id", p.buyer_id}, {"buyer_name", p.buyer_name},
                 {"title", p.title},   {"method", p.method},     {"value", opt_num(p.value)}, {"currency", p.currency},
                 {"published", p.published}, {"bids", p.bids}, {"flags", flags_json(p.flags)}};
  if (!p.release.empty()) o["release"] = p.release;
  return o;
}

json::object party_json(const Party& p) {
  json::object o{{"id", p.id},   {"name", p.name},       {"bids", p.bids},
                 {"wins", p.wins}, {"processes", p.processes}, {"awarded", p.awarded}, {"flags", flags_json(p.flags)}};
  if (!p.history.empty()) {
    json::array h;
    for (const auto& x : p.history)
      h.push_back(json::object{{"ocid", x.ocid}, {"title", x.title}, {"role", x.role}, {"status", x.status},
                               {"amount", opt_num(x.amount)}, {"currency", x.currency}});
    o["history"] = std::move(h);
  }
  return o;
}

json::object buyer_json(const BuyerStats& b) {
  json::object methods, top;
  for (const auto& [k, n] : b.by_method) methods[k.empty() ? "（未注明）" : k] = n;
  json::array suppliers;
  for (const auto& [name, v] : b.top_suppliers) suppliers.push_back(json::object{{"name", name}, {"awarded", v}});
  return json::object{{"id", b.id}, {"name", b.name}, {"processes", b.processes}, {"flagged_processes", b.flagged_processes},
                      {"single_bid", b.single_bid}, {"total_value", b.total_value}, {"by_method", methods},
                      {"top_suppliers", suppliers}, {"flags", flags_json(b.flags)}};
}

json::value outcome_json(const UploadOutcome& o) {
  return json::object{{"stored", o.stored}, {"new_flags", o.new_flags}, {"warnings", o.warnings}};
}

Result<int64_t> unit_param(const Request& req) {
  LF_TRY(auto unit, http::query_id(req, "unit_id"));
  if (!unit) return make_error("risk.unit_required", "unit_id");
  return *unit;
}

json::value settings_json(const Settings& s) {
  return json::object{{"ini", s.ini}, {"debarment_csv", s.debarment_csv},
                      {"department_id", s.department_id ? json::value(*s.department_id) : nullptr},
                      {"risk_id", s.risk_id ? json::value(*s.risk_id) : nullptr}};
}

}  // namespace

void add_routes(http::Router& r, db::Database& db) {
  auto svc = std::make_shared<ProcurementService>(db);

  r.add("POST", "/api/v1/procurement/releases", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, unit_param(req));
    LF_TRY(UploadOutcome o, svc->upload_ocds(who, unit, req.body));
    return http::json_response(outcome_json(o), 201);
  });
  r.add("POST", "/api/v1/procurement/csv", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, unit_param(req));
    LF_TRY(http::Body b, http::Body::parse(req.body));
    LF_TRY(auto tenders, b.str("tenders"));
    LF_TRY(auto bids, b.str("bids"));
    LF_TRY(auto awards, b.str("awards"));
    if (!tenders) return make_error("procurement.empty", "tenders");
    LF_TRY(UploadOutcome o, svc->upload_csv(who, unit, *tenders, bids, awards));
    return http::json_response(outcome_json(o), 201);
  });
  r.add("GET", "/api/v1/procurement/processes", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, unit_param(req));
    LF_TRY(http::Page page, http::read_page(req));
    ProcessFilter f;
    if (auto v = req.q("buyer_id")) f.buyer_id = *v;
    if (auto v = req.q("party_id")) f.party_id = *v;
    f.flagged = http::query_flag(req, "flagged");
    f.indicator = req.q("indicator").value_or("");
    f.q = req.q("q").value_or("");
    LF_TRY(auto found, svc->processes(who, unit, f, page.offset(), page.size));
    json::array items;
    for (const auto& p : found.items) items.push_back(process_json(p));
    return http::list_response(std::move(items), found.total, page);
  });
  r.add("GET", "/api/v1/procurement/processes/{id}", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(Process p, svc->process(who, id));
    return http::json_response(process_json(p));
  });
  r.add("GET", "/api/v1/procurement/suppliers", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, unit_param(req));
    if (auto id = req.q("party_id")) {
      LF_TRY(Party p, svc->supplier(who, unit, *id));
      return http::json_response(party_json(p));
    }
    LF_TRY(http::Page page, http::read_page(req));
    LF_TRY(auto found, svc->suppliers(who, unit, req.q("q").value_or(""), page.offset(), page.size));
    json::array items;
    for (const auto& p : found.items) items.push_back(party_json(p));
    return http::list_response(std::move(items), found.total, page);
  });
  r.add("GET", "/api/v1/procurement/buyers", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, unit_param(req));
    if (auto id = req.q("buyer_id")) {
      LF_TRY(BuyerStats b, svc->buyer(who, unit, *id));
      return http::json_response(buyer_json(b));
    }
    LF_TRY(auto all, svc->buyers(who, unit));
    json::array items;
    for (const auto& b : all) items.push_back(buyer_json(b));
    const auto n = int64_t(all.size());
    return http::json_response(json::object{{"items", std::move(items)}, {"total", n}});
  });
  r.add("GET", "/api/v1/procurement/settings", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, unit_param(req));
    LF_TRY(Settings s, svc->settings(who, unit));
    return http::json_response(settings_json(s));
  });
  r.add("PUT", "/api/v1/procurement/settings", [&db, svc](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t unit, unit_param(req));
    LF_TRY(http::Body b, http::Body::parse(req.body));
    Settings s;
    LF_TRY(auto ini, b.str("ini"));
    LF_TRY(auto csv, b.str("debarment_csv"));
    s.ini = ini.value_or("");
    s.debarment_csv = csv.value_or("");
    LF_TRY(s.department_id, b.integer("department_id"));
    LF_TRY(s.risk_id, b.integer("risk_id"));
    LF_TRY(Settings saved, svc->set_settings(who, unit, s));
    return http::json_response(settings_json(saved));
  });
}

}  // namespace lf::procurement
