#pragma once
#include "db/database.h"
#include "http/router.h"

namespace lf::monitoring {

// POST /api/v1/events (Bearer ingest token), /api/v1/ingest-tokens, /api/v1/monitor-rules, /api/v1/monitor/status.
void add_routes(http::Router& r, db::Database& db);

}  // namespace lf::monitoring
