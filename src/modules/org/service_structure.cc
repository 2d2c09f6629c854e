// Units and departments: the tree the rest hangs on. Written by admin and supervisors within their scope.
#include <regex>

#include "modules/auth/scope_sql.h"
#include "modules/org/service.h"
#include "modules/org/service_util.h"
#include "modules/org/store.h"

namespace lf::org {
using db::Connection;
using detail::audit_write;
using detail::check_text;

namespace {

Status validate_unit(Unit& u) {
  static const std::regex kCode("[A-Za-z0-9_-]{1,32}");
  u.code = trim(u.code);
  if (!std::regex_match(u.code, kCode)) return make_error("org.unit.code_invalid", "code");
  LF_CHECK(check_text(u.name, "name", "org.unit.name_required", "org.unit.name_too_long", 100));
  if (!detail::one_of(u.kind, unit_kinds())) return make_error("org.unit.kind_invalid", "kind");
  return ok();
}

Status validate_department(Department& d) {
  LF_CHECK(check_text(d.name, "name", "org.department.name_required", "org.department.name_too_long", 100));
  d.code = trim(d.code);
  if (utf8_length(d.code) > 32) return make_error("org.unit.code_invalid", "code");
  return ok();
}

void apply(Unit& u, const UnitInput& in) {
  if (in.parent_id) u.parent_id = *in.parent_id;
  if (in.code) u.code = *in.code;
  if (in.name) u.name = *in.name;
  if (in.kind) u.kind = *in.kind;
  if (in.sort) u.sort = *in.sort;
}

void apply(Department& d, const DepartmentInput& in) {
  if (in.parent_id) d.parent_id = *in.parent_id;
  if (in.code) d.code = *in.code;
  if (in.name) d.name = *in.name;
  if (in.sort) d.sort = *in.sort;
}

// The parent's path for a unit placed under `parent_id`; checks the parent exists, is writable and is not
// the unit itself or one of its descendants.
Result<std::string> unit_parent_path(Connection& c, const Principal& who, std::optional<int64_t> parent_id,
                                     const std::string& own_path) {
  if (!parent_id) {
    // New roots belong to the whole-tree administrator only.
    if (!who.scope.all) return make_error("auth.out_of_scope", "parent_id", 403);
    return std::string("/");
  }
  LF_TRY(auto parent, store::find_unit(c, *parent_id));
  if (!parent) return make_error("org.unit.parent_invalid", "parent_id");
  LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, parent->id));
  if (!mine) return make_error("auth.out_of_scope", "parent_id", 403);
  if (!own_path.empty() && parent->path.rfind(own_path, 0) == 0) return make_error("org.unit.cycle", "parent_id");
  return parent->path;
}

Result<std::string> department_parent_path(Connection& c, int64_t unit_id, std::optional<int64_t> parent_id,
                                           const std::string& own_path) {
  if (!parent_id) return std::string("/");
  LF_TRY(auto parent, store::find_department(c, *parent_id));
  if (!parent || parent->unit_id != unit_id) return make_error("org.department.parent_invalid", "parent_id");
  if (!own_path.empty() && parent->path.rfind(own_path, 0) == 0) return make_error("org.department.cycle", "parent_id");
  return parent->path;
}

// For a write to an existing unit: 404 when absent, 403 when outside the writer's scope.
Result<Unit> writable_unit(Connection& c, const Principal& who, int64_t id) {
  LF_TRY(auto u, store::find_unit(c, id));
  if (!u) return make_error("org.unit.not_found", "", 404);
  LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, id));
  if (!mine) return make_error("auth.out_of_scope", "", 403);
  return *u;
}

Result<Department> writable_department(Connection& c, const Principal& who, int64_t id) {
  LF_TRY(auto d, store::find_department(c, id));
  if (!d) return make_error("org.department.not_found", "", 404);
  LF_TRY(bool mine, auth::department_in_scope(c, who.scope, id));
  if (!mine) return make_error("auth.out_of_scope", "", 403);
  return *d;
}

Result<Unit> reload_unit(Connection& c, int64_t id) {
  LF_TRY(auto u, store::find_unit(c, id));
  if (!u) return make_error("org.unit.not_found", "", 404);
  return *u;
}

Result<Department> reload_department(Connection& c, int64_t id) {
  LF_TRY(auto d, store::find_department(c, id));
  if (!d) return make_error("org.department.not_found", "", 404);
  return *d;
}

}  // namespace

// ---- units ----

Result<std::vector<Unit>> OrgService::list_units(const Principal& who, std::optional<int64_t> parent_id) {
  return db::read<std::vector<Unit>>(db_, [&](Connection& c) { return store::list_units(c, who.scope, parent_id); });
}

Result<Unit> OrgService::get_unit(const Principal& who, int64_t id) {
  return db::read<Unit>(db_, [&](Connection& c) -> Result<Unit> {
    LF_TRY(bool visible, store::unit_visible(c, who.scope, id));
    if (!visible) return make_error("org.unit.not_found", "", 404);
    return reload_unit(c, id);
  });
}

Result<Unit> OrgService::create_unit(const Principal& who, const UnitInput& in) {
  LF_CHECK(auth::require(who, auth::Permission::org_structure_write));
  Unit u;
  apply(u, in);
  LF_CHECK(validate_unit(u));
  return db::write<Unit>(db_, [&](Connection& c) -> Result<Unit> {
    LF_TRY(std::string parent_path, unit_parent_path(c, who, u.parent_id, ""));
    LF_TRY(bool taken, store::unit_code_taken(c, u.code, 0));
    if (taken) return make_error("org.unit.code_taken", "code", 409);
    LF_TRY(int64_t id, store::insert_unit(c, u, parent_path));
    LF_TRY(Unit after, reload_unit(c, id));
    LF_CHECK(audit_write<Unit, Unit>(c, who, "create", "unit", id, nullptr, &after));
    return after;
  });
}

Result<Unit> OrgService::update_unit(const Principal& who, int64_t id, const UnitInput& in) {
  LF_CHECK(auth::require(who, auth::Permission::org_structure_write));
  return db::write<Unit>(db_, [&](Connection& c) -> Result<Unit> {
    LF_TRY(Unit before, writable_unit(c, who, id));
    Unit next = before;
    apply(next, in);
    LF_CHECK(validate_unit(next));
    std::string new_path = before.path;
    if (next.parent_id != before.parent_id) {
      LF_TRY(std::string parent_path, unit_parent_path(c, who, next.parent_id, before.path));
      new_path = parent_path + std::to_string(id) + "/";
    }
    LF_TRY(bool taken, store::unit_code_taken(c, next.code, id));
    if (taken) return make_error("org.unit.code_taken", "code", 409);
    LF_CHECK(store::update_unit(c, next, before.path, new_path));
    LF_TRY(Unit after, reload_unit(c, id));
    LF_CHECK(audit_write(c, who, "update", "unit", id, &before, &after));
    return after;
  });
}

Status OrgService::delete_unit(const Principal& who, int64_t id) {
  LF_CHECK(auth::require(who, auth::Permission::org_structure_write));
  return db_.transaction([&](Connection& c) -> Status {
    LF_TRY(Unit before, writable_unit(c, who, id));
    LF_TRY(bool busy, store::unit_has_dependents(c, id));
    if (busy) return make_error("org.unit.not_empty", "", 409);
    // A scoped supervisor may not delete the root of their own scope.
    if (who.scope.unit_id && *who.scope.unit_id == id) return make_error("auth.out_of_scope", "", 403);
    LF_CHECK(store::delete_unit(c, id));
    return audit_write<Unit, Unit>(c, who, "delete", "unit", id, &before, nullptr);
  });
}

// ---- departments ----

Result<Page<Department>> OrgService::list_departments(const Principal& who, std::optional<int64_t> unit_id,
                                                      std::optional<int64_t> parent_id, int64_t offset,
                                                      int64_t limit) {
  return db::read<Page<Department>>(
      db_, [&](Connection& c) { return store::list_departments(c, totals_, who.scope, unit_id, parent_id, offset, limit); });
}

Result<Department> OrgService::get_department(const Principal& who, int64_t id) {
  return db::read<Department>(db_, [&](Connection& c) -> Result<Department> {
    LF_TRY(bool visible, store::department_visible(c, who.scope, id));
    if (!visible) return make_error("org.department.not_found", "", 404);
    return reload_department(c, id);
  });
}

Result<Department> OrgService::create_department(const Principal& who, const DepartmentInput& in) {
  LF_CHECK(auth::require(who, auth::Permission::org_structure_write));
  if (!in.unit_id) return make_error("org.department.unit_required", "unit_id");
  Department d;
  d.unit_id = *in.unit_id;
  apply(d, in);
  LF_CHECK(validate_department(d));
  return db::write<Department>(db_, [&](Connection& c) -> Result<Department> {
    LF_TRY(auto unit, store::find_unit(c, d.unit_id));
    if (!unit) return make_error("org.department.unit_required", "unit_id");
    LF_TRY(bool mine, d.parent_id ? auth::department_in_scope(c, who.scope, *d.parent_id)
                                  : auth::unit_in_scope(c, who.scope, d.unit_id));
    if (!mine) return make_error("auth.out_of_scope", "unit_id", 403);
    LF_TRY(std::string parent_path, department_parent_path(c, d.unit_id, d.parent_id, ""));
    LF_TRY(bool taken, store::sibling_name_taken(c, d.unit_id, d.parent_id, d.name, 0));
    if (taken) return make_error("org.department.duplicate", "name", 409);
    LF_TRY(int64_t id, store::insert_department(c, d, parent_path));
    LF_TRY(Department after, reload_department(c, id));
    LF_CHECK(audit_write<Department, Department>(c, who, "create", "department", id, nullptr, &after));
    return after;
  });
}

Result<Department> OrgService::update_department(const Principal& who, int64_t id, const DepartmentInput& in) {
  LF_CHECK(auth::require(who, auth::Permission::org_structure_write));
  return db::write<Department>(db_, [&](Connection& c) -> Result<Department> {
    LF_TRY(Department before, writable_department(c, who, id));
    if (in.unit_id && *in.unit_id != before.unit_id) return make_error("org.department.parent_invalid", "unit_id");
    Department next = before;
    apply(next, in);
    LF_CHECK(validate_department(next));
    std::string new_path = before.path;
    if (next.parent_id != before.parent_id) {
      if (next.parent_id) {
        LF_TRY(bool mine, auth::department_in_scope(c, who.scope, *next.parent_id));
        if (!mine) return make_error("auth.out_of_scope", "parent_id", 403);
      }
      LF_TRY(std::string parent_path, department_parent_path(c, next.unit_id, next.parent_id, before.path));
      new_path = parent_path + std::to_string(id) + "/";
    }
    LF_TRY(bool taken, store::sibling_name_taken(c, next.unit_id, next.parent_id, next.name, id));
    if (taken) return make_error("org.department.duplicate", "name", 409);
    LF_CHECK(store::update_department(c, next, before.path, new_path));
    LF_TRY(Department after, reload_department(c, id));
    LF_CHECK(audit_write(c, who, "update", "department", id, &before, &after));
    return after;
  });
}

Status OrgService::delete_department(const Principal& who, int64_t id) {
  LF_CHECK(auth::require(who, auth::Permission::org_structure_write));
  return db_.transaction([&](Connection& c) -> Status {
    LF_TRY(Department before, writable_department(c, who, id));
    LF_TRY(bool busy, store::department_has_dependents(c, id));
    if (busy) return make_error("org.department.not_empty", "", 409);
    LF_CHECK(store::delete_department(c, id));
    return audit_write<Department, Department>(c, who, "delete", "department", id, &before, nullptr);
  });
}

}  // namespace lf::org
