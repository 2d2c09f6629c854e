// The whole JSON API: every module's routes on one router.
#pragma once
#include "db/database.h"
#include "http/router.h"

namespace lf {
void add_api_routes(http::Router& r, db::Database& db);
}  // namespace lf
