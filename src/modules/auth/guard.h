// The gate every API route passes: finds the session from the cookie and, for a mutating request, checks
// the CSRF token bound to that session.
#pragma once
#include <string>

#include "db/database.h"
#include "http/message.h"
#include "modules/auth/principal.h"

namespace lf::auth {

inline constexpr const char* kSessionCookie = "lf_session";

// 401 auth.required without a valid session; 403 auth.csrf_missing when a mutating request lacks the
// session's token in X-CSRF-Token.
Result<Principal> require_session(db::Database& db, const http::Request& req);

}  // namespace lf::auth
