// Login, session lookup and logout.
#include <chrono>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "base/clock.h"
#include "base/crypto.h"
#include "modules/audit/audit.h"
#include "modules/audit/version.h"
#include "modules/auth/password.h"
#include "modules/auth/service.h"

namespace lf::auth {
namespace {

std::vector<std::string> split_roles(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string r;
  while (std::getline(ss, r, ','))
    if (!r.empty()) out.push_back(r);
  return out;
}

std::string minutes_ago(int minutes) {
  return format_utc(lf::clock_now() - std::chrono::minutes(minutes));
}

// Columns shared by the session lookup and the login: the user and the paths of their scope.
const char* kPrincipalColumns =
    "u.id, u.username, u.display_name, u.roles, u.disabled, u.scope_unit_id, su.path, su.name, "
    "u.scope_department_id, sd.path, sd.name, sd.unit_id, u.password_hash";
const char* kPrincipalJoins =
    " FROM users u LEFT JOIN units su ON su.id = u.scope_unit_id"
    " LEFT JOIN departments sd ON sd.id = u.scope_department_id";

// Reads a principal from a row of kPrincipalColumns starting at column `c0`.
Principal principal_from(const db::Rows& r, size_t row) {
  Principal p;
  p.id = r.integer(row, 0);
  p.username = r.text(row, 1);
  p.display_name = r.text(row, 2);
  p.roles = split_roles(r.text(row, 3));
  Scope& s = p.scope;
  if (!r.is_null(row, 8)) {
    s.department_id = r.integer(row, 8);
    s.department_path = r.text(row, 9);
    s.label = r.text(row, 10);
    s.department_unit_id = r.integer(row, 11);
    if (s.department_path.empty()) s.department_path = "/__gone__/";
  } else if (!r.is_null(row, 5)) {
    s.unit_id = r.integer(row, 5);
    s.unit_path = r.text(row, 6);
    s.label = r.text(row, 7);
    if (s.unit_path.empty()) s.unit_path = "/__gone__/";
  } else {
    s.all = true;  // label stays empty: the UI shows its own localized "everything"
  }
  return p;
}

Status record_failure(db::Database& db, const std::string& username, std::optional<int64_t> user_id) {
  return db.transaction([&](db::Connection& c) -> Status {
    LF_CHECK(c.query("INSERT INTO login_failures(username, at) VALUES (?, ?)", {username, now_utc()}));
    return audit::append(c, {user_id, username, "login_failed", "session", username});
  });
}

}  // namespace

Result<LoginOutcome> login(db::Database& db, const std::string& username, const std::string& password) {
  db::Rows user, failures;
  LF_CHECK(db.with([&](db::Connection& c) -> Status {
    LF_TRY(failures, c.query("SELECT COUNT(*) FROM login_failures WHERE username = ? AND at > ?",
                             {username, minutes_ago(kFailureWindowMinutes)}));
    LF_TRY(user, c.query(std::string("SELECT ") + kPrincipalColumns + kPrincipalJoins + " WHERE u.username = ?",
                         {username}));
    return ok();
  }));
  if (failures.integer(0, 0) >= kMaxFailures) return make_error("auth.locked", "", 429);
  if (user.empty()) {
    // Spend the same time as a real check so that timing does not tell which usernames exist.
    static const std::string dummy = hash_password(random_token(16)).value();
    verify_password(password, dummy);
    LF_CHECK(record_failure(db, username, std::nullopt));
    return make_error("auth.bad_credentials", "password", 401);
  }
  if (!verify_password(password, user.text(0, 12))) {
    LF_CHECK(record_failure(db, username, user.integer(0, 0)));
    return make_error("auth.bad_credentials", "password", 401);
  }
  if (user.integer(0, 4) != 0) return make_error("auth.disabled", "", 403);

  LoginOutcome out;
  out.principal = principal_from(user, 0);
  out.session_token = random_token(32);
  out.principal.csrf_token = random_token(24);
  const auto expires = format_utc(lf::clock_now() + std::chrono::hours(kSessionHours));
  LF_CHECK(db.transaction([&](db::Connection& c) -> Status {
    LF_CHECK(c.query("INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?,?,?,?,?)",
                     {sha256_hex(out.session_token), out.principal.id, out.principal.csrf_token, now_utc(), expires}));
    LF_CHECK(c.query("DELETE FROM login_failures WHERE username = ?", {username}));
    LF_CHECK(c.query("DELETE FROM sessions WHERE expires_at < ?", {now_utc()}));
    return audit::append(c, {out.principal.id, username, "login", "session", std::to_string(out.principal.id)});
  }));
  return out;
}

namespace {

// Sessions already looked up, by token hash, with the store version they were read at. A logout, a disabled
// account or a password reset is a write, moves the version, and so empties this of the session at once.
struct SessionCache {
  struct Entry {
    Principal principal;
    int64_t version;
  };
  std::mutex mu;
  std::unordered_map<std::string, Entry> entries;
};

SessionCache& session_cache() {
  static SessionCache cache;
  return cache;
}

}  // namespace

Result<Principal> authenticate(db::Database& db, const std::string& session_token) {
  if (session_token.empty()) return make_error("auth.required", "", 401);
  // Keyed by store too: tests and tools may hold several stores in one process.
  const std::string key = std::to_string(reinterpret_cast<uintptr_t>(&db)) + ":" + sha256_hex(session_token);
  std::optional<Principal> found;
  int64_t version = 0;
  LF_CHECK(db.with([&](db::Connection& c) -> Status {
    LF_TRY(version, audit::store_version(c));
    if (audit::read_caches_on()) {
      std::lock_guard lock(session_cache().mu);
      auto it = session_cache().entries.find(key);
      if (it != session_cache().entries.end() && it->second.version == version) {
        found = it->second.principal;
        return ok();
      }
    }
    LF_TRY(db::Rows r, c.query(std::string("SELECT ") + kPrincipalColumns + ", s.csrf_token, s.expires_at" +
                                   kPrincipalJoins + " JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = ?",
                               {sha256_hex(session_token)}));
    if (r.empty() || r.integer(0, 4) != 0) return ok();
    found = principal_from(r, 0);
    found->csrf_token = r.text(0, 13);
    found->expires_at = r.text(0, 14);
    std::lock_guard lock(session_cache().mu);
    if (session_cache().entries.size() >= 65536) session_cache().entries.clear();
    session_cache().entries[key] = {*found, version};
    return ok();
  }));
  if (!found || found->expires_at < now_utc()) return make_error("auth.required", "", 401);
  found->store_version = version;
  return *found;
}

Status logout(db::Database& db, const Principal& who, const std::string& session_token) {
  return db.transaction([&](db::Connection& c) -> Status {
    LF_CHECK(c.query("DELETE FROM sessions WHERE token_hash = ?", {sha256_hex(session_token)}));
    return audit::append(c, {who.id, who.username, "logout", "session", std::to_string(who.id)});
  });
}

}  // namespace lf::auth
