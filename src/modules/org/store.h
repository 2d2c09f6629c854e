// SQL for the org module. Every read of a scoped table goes through auth::scope_filter; `find_*` functions
// ignore scope and exist for the service's write checks (exists? then in scope?).
#pragma once
#include <optional>
#include <vector>

#include "db/database.h"
#include "modules/audit/totals.h"
#include "modules/auth/principal.h"
#include "modules/org/model.h"

namespace lf::org::store {

using auth::Scope;
using db::Connection;

// Paged lists take the service's cache of totals (see audit/totals.h).

// Units
Result<std::vector<Unit>> list_units(Connection& c, const Scope& s, std::optional<int64_t> parent_id);
Result<std::optional<Unit>> find_unit(Connection& c, int64_t id);
Result<bool> unit_visible(Connection& c, const Scope& s, int64_t id);
Result<int64_t> insert_unit(Connection& c, const Unit& u, const std::string& parent_path);
// Saves fields and, when the parent changed, rewrites the paths of the whole subtree.
Status update_unit(Connection& c, const Unit& u, const std::string& old_path, const std::string& new_path);
Result<bool> unit_has_dependents(Connection& c, int64_t id);
Status delete_unit(Connection& c, int64_t id);
Result<bool> unit_code_taken(Connection& c, const std::string& code, int64_t except_id);

// Departments
Result<Page<Department>> list_departments(Connection& c, audit::Totals& totals, const Scope& s, std::optional<int64_t> unit_id,
                                          std::optional<int64_t> parent_id, int64_t offset, int64_t limit);
Result<std::optional<Department>> find_department(Connection& c, int64_t id);
Result<bool> department_visible(Connection& c, const Scope& s, int64_t id);
Result<bool> sibling_name_taken(Connection& c, int64_t unit_id, std::optional<int64_t> parent_id,
                                const std::string& name, int64_t except_id);
Result<int64_t> insert_department(Connection& c, const Department& d, const std::string& parent_path);
Status update_department(Connection& c, const Department& d, const std::string& old_path, const std::string& new_path);
Result<bool> department_has_dependents(Connection& c, int64_t id);
Status delete_department(Connection& c, int64_t id);

// Posts
Result<Page<Post>> list_posts(Connection& c, audit::Totals& totals, const Scope& s, const PostFilter& f, int64_t offset, int64_t limit);
Result<std::optional<Post>> find_post(Connection& c, int64_t id);
Result<bool> post_visible(Connection& c, const Scope& s, int64_t id);
Result<int64_t> insert_post(Connection& c, const Post& p);
Status update_post(Connection& c, const Post& p);
Result<bool> post_has_assignments(Connection& c, int64_t id);
Status delete_post(Connection& c, int64_t id);

// People
Result<Page<Person>> list_people(Connection& c, audit::Totals& totals, const Scope& s, const PersonFilter& f, int64_t offset, int64_t limit);
Result<std::optional<Person>> find_person(Connection& c, int64_t id);
Result<bool> person_visible(Connection& c, const Scope& s, int64_t id);
Result<bool> employee_no_taken(Connection& c, int64_t unit_id, const std::string& no, int64_t except_id);
Result<int64_t> insert_person(Connection& c, const Person& p);
Status update_person(Connection& c, const Person& p);
Result<bool> person_has_dependents(Connection& c, int64_t id);
Status delete_person(Connection& c, int64_t id);

// Assignments (visible when the post or the person is in scope)
Result<Page<Assignment>> list_assignments(Connection& c, audit::Totals& totals, const Scope& s, const AssignmentFilter& f, int64_t offset,
                                          int64_t limit);
Result<std::optional<Assignment>> find_assignment(Connection& c, int64_t id);
Result<bool> assignment_visible(Connection& c, const Scope& s, int64_t id);
// Whether the person already holds the post over any day of [start, end] (end empty = open).
Result<bool> assignment_overlaps(Connection& c, const Assignment& a);
Result<int64_t> insert_assignment(Connection& c, const Assignment& a);
Status update_assignment(Connection& c, const Assignment& a);
Status delete_assignment(Connection& c, int64_t id);

}  // namespace lf::org::store
