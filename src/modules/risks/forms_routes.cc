// Routes of the risk forms: downloads and all-or-nothing uploads.
#include "base/clock.h"
#include "http/json.h"
#include "modules/auth/guard.h"
#include "modules/risks/forms.h"

namespace lf::risks {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Result<FormFilter> read_filter(const Request& req) {
  FormFilter f;
  LF_TRY(f.unit_id, http::query_id(req, "unit_id"));
  LF_TRY(f.department_id, http::query_id(req, "department_id"));
  LF_TRY(f.post_id, http::query_id(req, "post_id"));
  LF_TRY(auto year, http::query_id(req, "cycle"));
  if (year) f.year = int32_t(*year);
  f.level = req.q("level").value_or("");
  f.stage = req.q("stage").value_or("");
  return f;
}

Response file(std::string bytes, bool pdf, const char* encoded_name) {
  Response res;
  res.content_type = pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  res.body = std::move(bytes);
  res.headers.emplace_back("Content-Disposition", std::string("attachment; filename=\"risks.") + (pdf ? "pdf" : "xlsx") +
                                                      "\"; filename*=UTF-8''" + encoded_name + (pdf ? ".pdf" : ".xlsx"));
  return res;
}

void add_export(http::Router& r, db::Database& db, std::shared_ptr<RiskService> svc, const std::string& path,
                RiskForm form, bool pdf, const char* encoded_name) {
  r.add("GET", path, [&db, svc, form, pdf, encoded_name](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(FormFilter f, read_filter(req));
    LF_TRY(std::string bytes, svc->export_form(who, form, f, pdf));
    return file(std::move(bytes), pdf, encoded_name);
  });
}

void add_import(http::Router& r, db::Database& db, std::shared_ptr<RiskService> svc, const std::string& path,
                RiskForm form) {
  r.add("POST", path, [&db, svc, form](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(auto unit, http::query_id(req, "unit_id"));
    if (!unit) return make_error("risk.unit_required", "unit_id");
    LF_TRY(auto year, http::query_id(req, "cycle"));
    const int32_t y = year ? int32_t(*year) : std::stoi(today_utc().substr(0, 4));
    LF_TRY(list::ImportOutcome out, svc->import_form(who, form, *unit, y, req.body));
    if (!out.imported) {
      json::array rows;
      for (const auto& e : out.errors)
        rows.push_back(json::object{{"sheet", e.sheet}, {"row", e.row}, {"column", e.column}, {"message", e.message},
                                    {"message_en", e.message_en}});
      Error e = make_error("import.invalid");
      return http::json_response(
          json::object{{"error", json::object{{"code", e.code}, {"message", e.message}, {"message_en", e.message_en}}},
                       {"rows", std::move(rows)}},
          400);
    }
    return http::json_response(
        json::object{{"created", out.created}, {"updated", out.updated}, {"unchanged", out.unchanged}});
  });
}

}  // namespace

void add_form_routes(http::Router& r, db::Database& db, std::shared_ptr<RiskService> svc) {
  // File names: 部门工作廉政风险排查表, 个人岗位廉政风险排查表, 廉政风险点排查及防控措施一览表 (percent-encoded UTF-8).
  static const char* kDept = "%E9%83%A8%E9%97%A8%E5%B7%A5%E4%BD%9C%E5%BB%89%E6%94%BF%E9%A3%8E%E9%99%A9%E6%8E%92%E6%9F%A5%E8%A1%A8";
  static const char* kPersonal = "%E4%B8%AA%E4%BA%BA%E5%B2%97%E4%BD%8D%E5%BB%89%E6%94%BF%E9%A3%8E%E9%99%A9%E6%8E%92%E6%9F%A5%E8%A1%A8";
  static const char* kRegister = "%E5%BB%89%E6%94%BF%E9%A3%8E%E9%99%A9%E7%82%B9%E4%B8%80%E8%A7%88%E8%A1%A8";
  add_export(r, db, svc, "/api/v1/exports/risk-department.xlsx", RiskForm::department, false, kDept);
  add_export(r, db, svc, "/api/v1/exports/risk-personal.xlsx", RiskForm::personal, false, kPersonal);
  add_export(r, db, svc, "/api/v1/exports/risk-register.xlsx", RiskForm::register_table, false, kRegister);
  add_export(r, db, svc, "/api/v1/exports/risk-register.pdf", RiskForm::register_table, true, kRegister);
  // 职权运行和廉政风险防控措施表
  static const char* kPowerMeasures =
      "%E8%81%8C%E6%9D%83%E8%BF%90%E8%A1%8C%E5%92%8C%E5%BB%89%E6%94%BF%E9%A3%8E%E9%99%A9%E9%98%B2%E6%8E%A7%E6%8E%AA%E6%96%BD%E8%A1%A8";
  add_export(r, db, svc, "/api/v1/exports/power-measures.xlsx", RiskForm::power_measures, false, kPowerMeasures);
  add_export(r, db, svc, "/api/v1/exports/power-measures.pdf", RiskForm::power_measures, true, kPowerMeasures);
  add_import(r, db, svc, "/api/v1/imports/risk-department", RiskForm::department);
  add_import(r, db, svc, "/api/v1/imports/risk-personal", RiskForm::personal);
}

}  // namespace lf::risks
