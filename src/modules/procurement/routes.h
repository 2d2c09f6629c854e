#pragma once
#include "db/database.h"
#include "http/router.h"

namespace lf::procurement {

// /api/v1/procurement/...: uploads (OCDS, CSV), processes, suppliers, buyers, settings.
void add_routes(http::Router& r, db::Database& db);

}  // namespace lf::procurement
