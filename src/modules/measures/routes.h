#pragma once
#include <boost/json/object.hpp>
#include <string>

#include "db/database.h"
#include "http/router.h"

namespace lf::measures {

// /api/v1/measures, /api/v1/tasks, /api/v1/files, /api/v1/measure-templates, /api/v1/measure-settings and
// /api/v1/risks/{id}/proposals.
void add_routes(http::Router& r, db::Database& db);

// The measures part of a risk's JSON: "measures", "inherent_level", "residual_level", "residual_after_monitoring".
Status add_to_risk_json(db::Database& db, boost::json::object& risk, int64_t risk_id, int64_t unit_id,
                        const std::string& level);

}  // namespace lf::measures
