// Accounts and sessions: login with lockout, session lookup, logout, and the admin's user management.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "db/database.h"
#include "modules/auth/principal.h"

namespace lf::auth {

inline constexpr int kMaxFailures = 5;            // failed logins for one username ...
inline constexpr int kFailureWindowMinutes = 15;  // ... within this window lock it until the window passes
inline constexpr int kSessionHours = 12;

struct LoginOutcome {
  Principal principal;
  std::string session_token;  // goes into the cookie; only its hash is stored
};

// Checks the password (Argon2id) and opens a session. Errors: auth.bad_credentials (401), auth.locked (429),
// auth.disabled (403). Failures are recorded and audited.
Result<LoginOutcome> login(db::Database& db, const std::string& username, const std::string& password);
// The principal behind a session token, or auth.required (401) when absent, expired or disabled.
Result<Principal> authenticate(db::Database& db, const std::string& session_token);
Status logout(db::Database& db, const Principal& who, const std::string& session_token);

struct UserRecord {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  std::optional<int64_t> scope_unit_id;
  std::optional<int64_t> scope_department_id;
  std::string scope_label;
  std::optional<int64_t> person_id;
  bool disabled = false;
  std::string created_at;
};

struct UserInput {
  std::optional<std::string> username;
  std::optional<std::string> display_name;
  std::optional<std::string> password;
  std::optional<std::vector<std::string>> roles;
  bool set_scope = false;  // whether the scope fields below were given
  std::optional<int64_t> scope_unit_id;
  std::optional<int64_t> scope_department_id;
  std::optional<bool> disabled;
};

Result<std::pair<std::vector<UserRecord>, int64_t>> list_users(db::Database& db, const Principal& who,
                                                               const std::string& q, int64_t offset, int64_t limit);
Result<UserRecord> get_user(db::Database& db, const Principal& who, int64_t id);
Result<UserRecord> create_user(db::Database& db, const Principal& who, const UserInput& in);
Result<UserRecord> update_user(db::Database& db, const Principal& who, int64_t id, const UserInput& in);
Status set_password(db::Database& db, const Principal& who, int64_t id, const std::string& password);

// JSON of a user for audit rows (no password hash).
std::string user_audit_json(const UserRecord& u);

}  // namespace lf::auth
