#include "modules/api.h"

#include "http/json.h"
#include "modules/audit/routes.h"
#include "modules/auth/routes.h"
#include "modules/calendar/calendar.h"
#include "modules/measures/routes.h"
#include "modules/monitoring/routes.h"
#include "modules/org/routes.h"
#include "modules/procurement/routes.h"
#include "modules/powers/routes.h"
#include "modules/risks/routes.h"
#include "modules/warnings/routes.h"

namespace lf {

void add_api_routes(http::Router& r, db::Database& db) {
  r.add("GET", "/api/v1/health", [](http::Request&) -> Result<http::Response> {
    return http::json_response(boost::json::object{{"status", "ok"}, {"version", LF_VERSION}});
  });
  auth::add_routes(r, db);
  org::add_routes(r, db);
  powers::add_routes(r, db);
  risks::add_routes(r, db);
  measures::add_routes(r, db);
  warnings::add_routes(r, db);
  calendar::add_routes(r, db);
  monitoring::add_routes(r, db);
  procurement::add_routes(r, db);
  audit::add_routes(r, db);
}

}  // namespace lf
