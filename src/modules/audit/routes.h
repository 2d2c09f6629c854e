#pragma once
#include "db/database.h"
#include "http/router.h"

namespace lf::audit {
// GET /api/v1/audit and /api/v1/audit/verify (admin, supervisor, auditor).
void add_routes(http::Router& r, db::Database& db);
}  // namespace lf::audit
