// The admin's user management. Only `admin` may list or change accounts.
#include <boost/json.hpp>
#include <regex>

#include "base/clock.h"
#include "modules/audit/audit.h"
#include "modules/auth/password.h"
#include "modules/auth/service.h"

namespace lf::auth {
namespace {

const char* kUserSelect =
    "SELECT u.id, u.username, u.display_name, u.roles, u.scope_unit_id, u.scope_department_id, "
    "COALESCE(sd.name, su.name, ''), u.person_id, u.disabled, u.created_at FROM users u "
    "LEFT JOIN units su ON su.id = u.scope_unit_id LEFT JOIN departments sd ON sd.id = u.scope_department_id";

UserRecord user_from(const db::Rows& r, size_t i) {
  UserRecord u;
  u.id = r.integer(i, 0);
  u.username = r.text(i, 1);
  u.display_name = r.text(i, 2);
  std::string roles = r.text(i, 3);
  for (size_t a = 0; a < roles.size();) {
    size_t b = roles.find(',', a);
    if (b == std::string::npos) b = roles.size();
    if (b > a) u.roles.push_back(roles.substr(a, b - a));
    a = b + 1;
  }
  u.scope_unit_id = r.opt_integer(i, 4);
  u.scope_department_id = r.opt_integer(i, 5);
  u.scope_label = r.text(i, 6);
  u.person_id = r.opt_integer(i, 7);
  u.disabled = r.integer(i, 8) != 0;
  u.created_at = r.text(i, 9);
  return u;
}

std::string join_roles(const std::vector<std::string>& roles) {
  std::string s;
  for (const auto& r : roles) s += (s.empty() ? "" : ",") + r;
  return s;
}

Status validate_roles(const std::vector<std::string>& roles) {
  if (roles.empty()) return make_error("auth.roles_required", "roles");
  for (const auto& r : roles)
    if (std::find(all_roles().begin(), all_roles().end(), r) == all_roles().end())
      return make_error("auth.role_invalid", "roles");
  return ok();
}

// A scope is one unit or one department (or neither: the whole tree), and must exist.
Status validate_scope(db::Connection& c, const std::optional<int64_t>& unit, const std::optional<int64_t>& dept) {
  if (unit && dept) return make_error("auth.scope_invalid", "scope");
  if (unit) {
    LF_TRY(db::Rows r, c.query("SELECT 1 FROM units WHERE id = ?", {*unit}));
    if (r.empty()) return make_error("auth.scope_invalid", "scope_unit_id");
  }
  if (dept) {
    LF_TRY(db::Rows r, c.query("SELECT 1 FROM departments WHERE id = ?", {*dept}));
    if (r.empty()) return make_error("auth.scope_invalid", "scope_department_id");
  }
  return ok();
}

Result<UserRecord> load(db::Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string(kUserSelect) + " WHERE u.id = ?", {id}));
  if (r.empty()) return make_error("auth.user_not_found", "", 404);
  return user_from(r, 0);
}


}  // namespace

std::string user_audit_json(const UserRecord& u) {
  boost::json::array roles;
  for (const auto& r : u.roles) roles.emplace_back(r);
  boost::json::object o{{"id", u.id}, {"username", u.username}, {"display_name", u.display_name},
                        {"roles", roles}, {"disabled", u.disabled}};
  o["scope_unit_id"] = u.scope_unit_id ? boost::json::value(*u.scope_unit_id) : boost::json::value(nullptr);
  o["scope_department_id"] =
      u.scope_department_id ? boost::json::value(*u.scope_department_id) : boost::json::value(nullptr);
  return boost::json::serialize(o);
}

Result<std::pair<std::vector<UserRecord>, int64_t>> list_users(db::Database& db, const Principal& who,
                                                               const std::string& q, int64_t offset, int64_t limit) {
  LF_CHECK(require(who, Permission::users_admin));
  std::pair<std::vector<UserRecord>, int64_t> out;
  LF_CHECK(db.with([&](db::Connection& c) -> Status {
    // Conditions are added only when given: PostgreSQL cannot type a parameter compared with a literal.
    std::string where;
    db::Params p;
    if (!q.empty()) {
      where = " WHERE (lower(u.username) LIKE lower(?) OR lower(u.display_name) LIKE lower(?))";
      p = {"%" + q + "%", "%" + q + "%"};
    }
    LF_TRY(db::Rows n, c.query("SELECT COUNT(*) FROM users u" + where, p));
    out.second = n.integer(0, 0);
    p.emplace_back(limit);
    p.emplace_back(offset);
    LF_TRY(db::Rows r, c.query(std::string(kUserSelect) + where + " ORDER BY u.id LIMIT ? OFFSET ?", p));
    for (size_t i = 0; i < r.size(); ++i) out.first.push_back(user_from(r, i));
    return ok();
  }));
  return out;
}

Result<UserRecord> get_user(db::Database& db, const Principal& who, int64_t id) {
  LF_CHECK(require(who, Permission::users_admin));
  std::optional<UserRecord> u;
  LF_CHECK(db.with([&](db::Connection& c) -> Status {
    LF_TRY(u, load(c, id));
    return ok();
  }));
  return *u;
}

Result<UserRecord> create_user(db::Database& db, const Principal& who, const UserInput& in) {
  LF_CHECK(require(who, Permission::users_admin));
  static const std::regex kName("[A-Za-z0-9_.]{3,32}");
  const std::string username = in.username.value_or("");
  if (!std::regex_match(username, kName)) return make_error("auth.username_invalid", "username");
  const std::string display = in.display_name.value_or("");
  if (display.empty() || display.size() > 150) return make_error("auth.display_name_required", "display_name");
  LF_CHECK(check_password_strength(in.password.value_or("")));
  const auto roles = in.roles.value_or(std::vector<std::string>{});
  LF_CHECK(validate_roles(roles));
  LF_TRY(std::string hash, hash_password(*in.password));
  std::optional<UserRecord> created;
  LF_CHECK(db.transaction([&](db::Connection& c) -> Status {
    LF_CHECK(validate_scope(c, in.scope_unit_id, in.scope_department_id));
    LF_TRY(db::Rows taken, c.query("SELECT 1 FROM users WHERE username = ?", {username}));
    if (!taken.empty()) return make_error("auth.username_taken", "username", 409);
    const auto now = now_utc();
    LF_TRY(db::Rows ins, c.query("INSERT INTO users(username, display_name, password_hash, roles, scope_unit_id, "
                                 "scope_department_id, disabled, created_at, updated_at) VALUES (?,?,?,?,?,?,0,?,?) "
                                 "RETURNING id",
                                 {username, display, hash, join_roles(roles), db::nullable(in.scope_unit_id),
                                  db::nullable(in.scope_department_id), now, now}));
    LF_TRY(created, load(c, ins.integer(0, 0)));
    return audit::append(c, {who.id, who.username, "create", "user", std::to_string(created->id), "null",
                             user_audit_json(*created)});
  }));
  return *created;
}

Result<UserRecord> update_user(db::Database& db, const Principal& who, int64_t id, const UserInput& in) {
  LF_CHECK(require(who, Permission::users_admin));
  if (in.roles) LF_CHECK(validate_roles(*in.roles));
  if (in.display_name && (in.display_name->empty() || in.display_name->size() > 150))
    return make_error("auth.display_name_required", "display_name");
  if (in.disabled.value_or(false) && id == who.id) return make_error("auth.self_disable", "disabled");
  std::optional<UserRecord> after;
  LF_CHECK(db.transaction([&](db::Connection& c) -> Status {
    LF_TRY(UserRecord before, load(c, id));
    UserRecord next = before;
    if (in.display_name) next.display_name = *in.display_name;
    if (in.roles) next.roles = *in.roles;
    if (in.set_scope) {
      LF_CHECK(validate_scope(c, in.scope_unit_id, in.scope_department_id));
      next.scope_unit_id = in.scope_unit_id;
      next.scope_department_id = in.scope_department_id;
    }
    if (in.disabled) next.disabled = *in.disabled;
    LF_CHECK(c.query("UPDATE users SET display_name = ?, roles = ?, scope_unit_id = ?, scope_department_id = ?, "
                     "disabled = ?, updated_at = ? WHERE id = ?",
                     {next.display_name, join_roles(next.roles), db::nullable(next.scope_unit_id), db::nullable(next.scope_department_id),
                      int64_t{next.disabled ? 1 : 0}, now_utc(), id}));
    // A disabled account loses its open sessions at once.
    if (next.disabled) LF_CHECK(c.query("DELETE FROM sessions WHERE user_id = ?", {id}));
    LF_TRY(after, load(c, id));
    return audit::append(c, {who.id, who.username, "update", "user", std::to_string(id), user_audit_json(before),
                             user_audit_json(*after)});
  }));
  return *after;
}

Status set_password(db::Database& db, const Principal& who, int64_t id, const std::string& password) {
  LF_CHECK(require(who, Permission::users_admin));
  LF_CHECK(check_password_strength(password));
  LF_TRY(std::string hash, hash_password(password));
  return db.transaction([&](db::Connection& c) -> Status {
    LF_TRY(UserRecord u, load(c, id));
    LF_CHECK(c.query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", {hash, now_utc(), id}));
    LF_CHECK(c.query("DELETE FROM sessions WHERE user_id = ?", {id}));
    return audit::append(c, {who.id, who.username, "reset_password", "user", std::to_string(id),
                             user_audit_json(u), user_audit_json(u)});
  });
}

}  // namespace lf::auth
