// Routes for login, logout, the current user, and the admin's user management. Thin: parse, call, serialise.
#include "modules/auth/routes.h"

#include "http/json.h"
#include "modules/auth/guard.h"
#include "modules/auth/service.h"

namespace lf::auth {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

json::value principal_json(const Principal& p) {
  json::array roles;
  for (const auto& r : p.roles) roles.emplace_back(r);
  json::object scope{{"unit_id", http::id_or_null(p.scope.unit_id)},
                     {"department_id", http::id_or_null(p.scope.department_id)},
                     {"label", p.scope.label}};
  return json::object{{"id", p.id},       {"username", p.username}, {"display_name", p.display_name},
                      {"roles", roles},   {"scope", scope},         {"disabled", false}};
}

json::value user_json(const UserRecord& u) {
  json::array roles;
  for (const auto& r : u.roles) roles.emplace_back(r);
  json::object scope{{"unit_id", http::id_or_null(u.scope_unit_id)},
                     {"department_id", http::id_or_null(u.scope_department_id)},
                     {"label", u.scope_label}};
  return json::object{{"id", u.id},
                      {"username", u.username},
                      {"display_name", u.display_name},
                      {"roles", roles},
                      {"scope", scope},
                      {"scope_unit_id", http::id_or_null(u.scope_unit_id)},
                      {"scope_department_id", http::id_or_null(u.scope_department_id)},
                      {"person_id", http::id_or_null(u.person_id)},
                      {"disabled", u.disabled},
                      {"created_at", u.created_at}};
}

std::string session_cookie(const std::string& value, bool clear) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  c += clear ? "; Max-Age=0" : "; Max-Age=" + std::to_string(kSessionHours * 3600);
  return c;
}

Result<UserInput> read_user(const Request& req) {
  LF_TRY(http::Body b, http::Body::parse(req.body));
  UserInput in;
  LF_TRY(in.username, b.str("username"));
  LF_TRY(in.display_name, b.str("display_name"));
  LF_TRY(in.password, b.str("password"));
  LF_TRY(in.roles, b.strings("roles"));
  in.set_scope = b.has("scope_unit_id") || b.has("scope_department_id");
  LF_TRY(in.scope_unit_id, b.integer("scope_unit_id"));
  LF_TRY(in.scope_department_id, b.integer("scope_department_id"));
  LF_TRY(in.disabled, b.boolean("disabled"));
  return in;
}

}  // namespace

void add_routes(http::Router& r, db::Database& db) {
  r.add("POST", "/api/v1/auth/login", [&db](Request& req) -> Result<Response> {
    LF_TRY(http::Body b, http::Body::parse(req.body));
    LF_TRY(auto username, b.str("username"));
    LF_TRY(auto password, b.str("password"));
    if (!username || username->empty() || !password) return make_error("auth.bad_credentials", "username", 401);
    LF_TRY(LoginOutcome out, login(db, *username, *password));
    Response res = http::json_response(
        json::object{{"user", principal_json(out.principal)}, {"csrf_token", out.principal.csrf_token}});
    res.headers.emplace_back("Set-Cookie", session_cookie(out.session_token, false));
    return res;
  });

  r.add("POST", "/api/v1/auth/logout", [&db](Request& req) -> Result<Response> {
    LF_TRY(Principal who, require_session(db, req));
    LF_CHECK(logout(db, who, req.cookie(kSessionCookie)));
    Response res = http::json_response(json::object{{"ok", true}});
    res.headers.emplace_back("Set-Cookie", session_cookie("", true));
    return res;
  });

  r.add("GET", "/api/v1/auth/me", [&db](Request& req) -> Result<Response> {
    LF_TRY(Principal who, require_session(db, req));
    return http::json_response(json::object{{"user", principal_json(who)}, {"csrf_token", who.csrf_token}});
  });

  r.add("GET", "/api/v1/users", [&db](Request& req) -> Result<Response> {
    LF_TRY(Principal who, require_session(db, req));
    LF_TRY(http::Page page, http::read_page(req));
    LF_TRY(auto found, list_users(db, who, req.q("q").value_or(""), page.offset(), page.size));
    json::array items;
    for (const auto& u : found.first) items.push_back(user_json(u));
    return http::list_response(std::move(items), found.second, page);
  });

  r.add("GET", "/api/v1/users/{id}", [&db](Request& req) -> Result<Response> {
    LF_TRY(Principal who, require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(UserRecord u, get_user(db, who, id));
    return http::json_response(user_json(u));
  });

  r.add("POST", "/api/v1/users", [&db](Request& req) -> Result<Response> {
    LF_TRY(Principal who, require_session(db, req));
    LF_TRY(UserInput in, read_user(req));
    LF_TRY(UserRecord u, create_user(db, who, in));
    return http::json_response(user_json(u), 201);
  });

  r.add("PUT", "/api/v1/users/{id}", [&db](Request& req) -> Result<Response> {
    LF_TRY(Principal who, require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(UserInput in, read_user(req));
    LF_TRY(UserRecord u, update_user(db, who, id, in));
    return http::json_response(user_json(u));
  });

  r.add("POST", "/api/v1/users/{id}/password", [&db](Request& req) -> Result<Response> {
    LF_TRY(Principal who, require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(http::Body b, http::Body::parse(req.body));
    LF_TRY(auto password, b.str("password"));
    LF_CHECK(set_password(db, who, id, password.value_or("")));
    return http::json_response(json::object{{"ok", true}});
  });
}

}  // namespace lf::auth
