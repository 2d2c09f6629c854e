// Steps shared by the power service's files: reading a power the caller may see or write, and auditing.
#pragma once
#include <boost/json.hpp>

#include "modules/audit/audit.h"
#include "modules/auth/scope_sql.h"
#include "modules/powers/store.h"

namespace lf::powers::detail {

// A power the caller may read: absent and out of scope both answer 404.
inline Result<Power> readable(db::Connection& c, const Principal& who, int64_t id) {
  LF_TRY(bool seen, store::visible(c, who.scope, id));
  if (!seen) return make_error("power.not_found", "", 404);
  LF_TRY(auto p, store::find(c, id));
  if (!p) return make_error("power.not_found", "", 404);
  return *p;
}

// A power the caller may write: 404 when absent, 403 when outside their scope.
inline Result<Power> writable(db::Connection& c, const Principal& who, int64_t id) {
  LF_CHECK(auth::require(who, auth::Permission::org_staff_write));
  LF_TRY(auto p, store::find(c, id));
  if (!p) return make_error("power.not_found", "", 404);
  LF_TRY(bool mine, store::visible(c, who.scope, id));
  if (!mine) return make_error("auth.out_of_scope", "", 403);
  return *p;
}

inline Status audit_power(db::Connection& c, const Principal& who, const char* action, int64_t id,
                          const Power* before, const Power* after) {
  audit::Entry e{who.id, who.username, action, "power", std::to_string(id)};
  if (before) e.before_json = boost::json::serialize(to_json(*before));
  if (after) e.after_json = boost::json::serialize(to_json(*after));
  return audit::append(c, e);
}

}  // namespace lf::powers::detail
