#include "modules/auth/principal.h"

namespace lf::auth {

bool allowed(const Principal& p, Permission what) {
  switch (what) {
    case Permission::org_structure_write: return p.has_role("admin") || p.has_role("supervisor");
    case Permission::org_staff_write:
      return p.has_role("admin") || p.has_role("supervisor") || p.has_role("dept_head") || p.has_role("liaison");
    case Permission::users_admin: return p.has_role("admin");
    case Permission::audit_read: return p.has_role("admin") || p.has_role("supervisor") || p.has_role("auditor");
  }
  return false;
}

Status require(const Principal& p, Permission what) {
  if (!allowed(p, what)) return make_error("auth.forbidden", "", 403);
  return ok();
}

}  // namespace lf::auth
