// Who is asking and what they may see. Scope is a subtree of the unit tree or of one unit's departments;
// every store query of a scoped entity is filtered by it (see scope_sql.h).
#pragma once
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace lf::auth {

inline const std::vector<std::string>& all_roles() {
  static const std::vector<std::string> r = {"admin", "supervisor", "leader", "dept_head", "liaison", "staff", "auditor"};
  return r;
}

struct Scope {
  bool all = false;                         // the whole tree (admin, or a user with no scope)
  std::optional<int64_t> unit_id;           // a unit subtree ...
  std::string unit_path;                    //   ... its materialised path "/1/4/"
  std::optional<int64_t> department_id;     // or a department subtree ...
  std::string department_path;              //   ... its path "/12/"
  int64_t department_unit_id = 0;           //   ... and the unit that holds it
  std::string label;                        // the scope's name, for display

  static Scope everything() { Scope s; s.all = true; return s; }
};

struct Principal {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  Scope scope;
  std::string csrf_token;
  std::string expires_at;      // of the session
  int64_t store_version = 0;   // the store version read when this request was authenticated (audit/version.h)

  bool has_role(std::string_view r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }
};

// What a role may do. Reads are governed by scope alone.
enum class Permission {
  org_structure_write,  // units and departments: admin, supervisor
  org_staff_write,      // posts, people, assignments: admin, supervisor, dept_head, liaison
  users_admin,          // accounts: admin
  audit_read,           // the audit log: admin, supervisor, auditor
};

bool allowed(const Principal& p, Permission what);
// ok() or 403 auth.forbidden.
Status require(const Principal& p, Permission what);

}  // namespace lf::auth
