#pragma once
#include "db/database.h"
#include "http/router.h"

namespace lf::org {
// /api/v1/units, /departments, /posts, /people, /assignments.
void add_routes(http::Router& r, db::Database& db);
}  // namespace lf::org
