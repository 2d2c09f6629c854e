#pragma once
#include "db/database.h"
#include "http/router.h"

namespace lf::risks {
// /api/v1/risks*, /api/v1/risk-cycles*, /api/v1/grading-models/{unit_id}, /api/v1/risk-categories,
// /api/v1/quality/risks, and the risk forms under /api/v1/exports and /api/v1/imports.
void add_routes(http::Router& r, db::Database& db);
}  // namespace lf::risks
