#pragma once
#include "db/database.h"
#include "http/router.h"

namespace lf::powers {
// /api/v1/powers*, /api/v1/power-categories*, /api/v1/exports/power-catalogue.xlsx, /api/v1/imports/power-catalogue
void add_routes(http::Router& r, db::Database& db);
}  // namespace lf::powers
