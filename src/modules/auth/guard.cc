#include "modules/auth/guard.h"

#include "base/crypto.h"
#include "modules/auth/service.h"

namespace lf::auth {

Result<Principal> require_session(db::Database& db, const http::Request& req) {
  LF_TRY(Principal p, authenticate(db, req.cookie(kSessionCookie)));
  if (req.is_mutating()) {
    const std::string token = req.header("x-csrf-token");
    if (token.empty() || !same_secret(token, p.csrf_token)) return make_error("auth.csrf_missing", "", 403);
  }
  return p;
}

}  // namespace lf::auth
