#pragma once
#include "db/database.h"
#include "http/router.h"

namespace lf::auth {
// /api/v1/auth/* and /api/v1/users*
void add_routes(http::Router& r, db::Database& db);
}  // namespace lf::auth
