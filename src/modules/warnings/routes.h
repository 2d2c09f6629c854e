#pragma once
#include "db/database.h"
#include "http/router.h"

namespace lf::warnings {

// /api/v1/warnings (list, issue, one, transitions, history, record sheet, notices, stats), /api/v1/warning-proposals,
// /api/v1/warning-settings, /api/v1/notice-templates.
void add_routes(http::Router& r, db::Database& db);

}  // namespace lf::warnings
