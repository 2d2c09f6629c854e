#pragma once
#include <memory>

#include "db/database.h"
#include "http/router.h"
#include "modules/risks/service.h"

namespace lf::risks {
// GET /api/v1/exports/risk-department.xlsx (附件二), /risk-personal.xlsx (附件三), /risk-register.xlsx and .pdf
// (一览表); POST /api/v1/imports/risk-department and /risk-personal.
void add_form_routes(http::Router& r, db::Database& db, std::shared_ptr<RiskService> svc);
}  // namespace lf::risks
