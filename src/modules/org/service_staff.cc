// Posts, people and assignments: written by admin, supervisors, department heads and liaisons in scope.
#include "base/clock.h"
#include "modules/auth/scope_sql.h"
#include "modules/org/service.h"
#include "modules/org/service_util.h"
#include "modules/org/store.h"
#include "modules/risks/service.h"

namespace lf::org {
using db::Connection;
using detail::audit_write;
using detail::check_text;

namespace {

void apply(Post& p, const PostInput& in) {
  if (in.department_id) p.department_id = *in.department_id;
  if (in.name) p.name = *in.name;
  if (in.duties) p.duties = *in.duties;
  if (in.tier) p.tier = *in.tier;
  if (in.keys) p.keys = *in.keys;
  if (in.headcount) p.headcount = *in.headcount;
}

Status validate_post(Post& p) {
  LF_CHECK(check_text(p.name, "name", "org.post.name_required", "org.post.name_too_long", 100));
  LF_CHECK(check_text(p.duties, "duties", "org.post.duties_too_long", "org.post.duties_too_long", 4000, false));
  if (!detail::one_of(p.tier, tiers())) return make_error("org.post.tier_invalid", "tier");
  std::vector<std::string> keys;
  for (const auto& k : key_flags()) {  // canonical order, no duplicates
    if (std::find(p.keys.begin(), p.keys.end(), k) != p.keys.end()) keys.push_back(k);
  }
  for (const auto& k : p.keys)
    if (!detail::one_of(k, key_flags())) return make_error("org.post.key_invalid", "keys");
  p.keys = keys;
  if (p.headcount < 1 || p.headcount > 999) return make_error("org.post.headcount_invalid", "headcount");
  return ok();
}

void apply(Person& p, const PersonInput& in) {
  if (in.unit_id) p.unit_id = *in.unit_id;
  if (in.department_id) p.department_id = *in.department_id;
  if (in.name) p.name = *in.name;
  if (in.gender) p.gender = *in.gender;
  if (in.title) p.title = *in.title;
  if (in.employee_no) p.employee_no = *in.employee_no;
  if (in.status) p.status = *in.status;
}

Status validate_person(Person& p) {
  LF_CHECK(check_text(p.name, "name", "org.person.name_required", "org.person.name_too_long", 50));
  LF_CHECK(check_text(p.title, "title", "org.person.name_required", "org.person.name_too_long", 50, false));
  LF_CHECK(check_text(p.employee_no, "employee_no", "org.person.employee_no_required", "org.person.name_too_long", 32));
  if (!detail::one_of(p.gender, {"male", "female", ""})) return make_error("org.person.gender_invalid", "gender");
  if (!detail::one_of(p.status, {"active", "left", "retired"})) return make_error("org.person.status_invalid", "status");
  return ok();
}

void apply(Assignment& a, const AssignmentInput& in) {
  if (in.person_id) a.person_id = *in.person_id;
  if (in.post_id) a.post_id = *in.post_id;
  if (in.start_date) a.start_date = *in.start_date;
  if (in.end_date) a.end_date = *in.end_date;
  if (in.note) a.note = *in.note;
}

Status validate_assignment(Assignment& a) {
  if (!is_valid_date(a.start_date)) return make_error("org.assignment.date_invalid", "start_date");
  if (a.end_date && !is_valid_date(*a.end_date)) return make_error("org.assignment.date_invalid", "end_date");
  if (a.end_date && *a.end_date < a.start_date) return make_error("org.assignment.dates", "end_date");
  LF_CHECK(check_text(a.note, "note", "org.post.duties_too_long", "org.post.duties_too_long", 1000, false));
  return ok();
}

// The department of a post or person being written: it must exist (400 on the field) and lie in scope (403).
Result<Department> target_department(Connection& c, const Principal& who, int64_t dept_id, const char* missing_code) {
  LF_TRY(auto d, store::find_department(c, dept_id));
  if (!d) return make_error(missing_code, "department_id");
  LF_TRY(bool mine, auth::department_in_scope(c, who.scope, dept_id));
  if (!mine) return make_error("auth.out_of_scope", "department_id", 403);
  return *d;
}

template <class T, class Find, class Visible>
Result<T> existing(Connection& c, const Principal& who, int64_t id, Find find, Visible visible, const char* missing) {
  LF_TRY(auto obj, find(c, id));
  if (!obj) return make_error(missing, "", 404);
  LF_TRY(bool mine, visible(c, who.scope, id));
  if (!mine) return make_error("auth.out_of_scope", "", 403);
  return *obj;
}

Result<Post> writable_post(Connection& c, const Principal& who, int64_t id) {
  return existing<Post>(c, who, id, store::find_post, store::post_visible, "org.post.not_found");
}
Result<Person> writable_person(Connection& c, const Principal& who, int64_t id) {
  return existing<Person>(c, who, id, store::find_person, store::person_visible, "org.person.not_found");
}

// Reads an object the caller may see, or answers 404 (absent and out of scope look the same).
template <class T, class Find, class Visible>
Result<T> visible_or_404(Connection& c, const Principal& who, int64_t id, Find find, Visible visible,
                         const char* missing) {
  LF_TRY(bool seen, visible(c, who.scope, id));
  if (!seen) return make_error(missing, "", 404);
  LF_TRY(auto obj, find(c, id));
  if (!obj) return make_error(missing, "", 404);
  return *obj;
}

// An assignment links a person and a post that must both exist and both lie in the writer's scope.
Status check_assignment_ends(Connection& c, const Principal& who, const Assignment& a) {
  LF_TRY(auto person, store::find_person(c, a.person_id));
  if (!person) return make_error("org.assignment.person_invalid", "person_id");
  LF_TRY(auto post, store::find_post(c, a.post_id));
  if (!post) return make_error("org.assignment.post_invalid", "post_id");
  LF_TRY(bool person_mine, store::person_visible(c, who.scope, a.person_id));
  LF_TRY(bool post_mine, store::post_visible(c, who.scope, a.post_id));
  if (!person_mine || !post_mine) return make_error("auth.out_of_scope", person_mine ? "post_id" : "person_id", 403);
  LF_TRY(bool overlap, store::assignment_overlaps(c, a));
  if (overlap) return make_error("org.assignment.overlap", "start_date", 409);
  return ok();
}

}  // namespace

// ---- posts ----

Result<Page<Post>> OrgService::list_posts(const Principal& who, const PostFilter& f, int64_t offset, int64_t limit) {
  if (!f.tier.empty() && !detail::one_of(f.tier, tiers())) return make_error("org.post.tier_invalid", "tier");
  if (!f.key.empty() && !detail::one_of(f.key, key_flags())) return make_error("org.post.key_invalid", "key");
  return db::read<Page<Post>>(db_, [&](Connection& c) { return store::list_posts(c, totals_, who.scope, f, offset, limit); });
}

Result<Post> OrgService::get_post(const Principal& who, int64_t id) {
  return db::read<Post>(db_, [&](Connection& c) {
    return visible_or_404<Post>(c, who, id, store::find_post, store::post_visible, "org.post.not_found");
  });
}

Result<Post> OrgService::create_post(const Principal& who, const PostInput& in) {
  LF_CHECK(auth::require(who, auth::Permission::org_staff_write));
  Post p;
  p.tier = "staff";
  apply(p, in);
  if (!in.department_id) return make_error("org.post.department_required", "department_id");
  LF_CHECK(validate_post(p));
  return db::write<Post>(db_, [&](Connection& c) -> Result<Post> {
    LF_TRY(Department d, target_department(c, who, p.department_id, "org.post.department_required"));
    p.unit_id = d.unit_id;
    LF_TRY(int64_t id, store::insert_post(c, p));
    LF_TRY(Post after, writable_post(c, who, id));
    LF_CHECK(audit_write<Post, Post>(c, who, "create", "post", id, nullptr, &after));
    return after;
  });
}

Result<Post> OrgService::update_post(const Principal& who, int64_t id, const PostInput& in) {
  LF_CHECK(auth::require(who, auth::Permission::org_staff_write));
  return db::write<Post>(db_, [&](Connection& c) -> Result<Post> {
    LF_TRY(Post before, writable_post(c, who, id));
    Post next = before;
    apply(next, in);
    LF_CHECK(validate_post(next));
    if (next.department_id != before.department_id) {
      LF_TRY(Department d, target_department(c, who, next.department_id, "org.post.department_required"));
      next.unit_id = d.unit_id;
    }
    LF_CHECK(store::update_post(c, next));
    // New duties mean the post's filed risk ratings no longer rest on what the post does.
    if (next.duties != before.duties) LF_CHECK(risks::reopen_for_post(c, id, who));
    LF_TRY(auto after, store::find_post(c, id));
    LF_CHECK(audit_write(c, who, "update", "post", id, &before, &*after));
    return *after;
  });
}

Status OrgService::delete_post(const Principal& who, int64_t id) {
  LF_CHECK(auth::require(who, auth::Permission::org_staff_write));
  return db_.transaction([&](Connection& c) -> Status {
    LF_TRY(Post before, writable_post(c, who, id));
    LF_TRY(bool busy, store::post_has_assignments(c, id));
    if (busy) return make_error("org.post.in_use", "", 409);
    LF_CHECK(store::delete_post(c, id));
    return audit_write<Post, Post>(c, who, "delete", "post", id, &before, nullptr);
  });
}

// ---- people ----

Result<Page<Person>> OrgService::list_people(const Principal& who, const PersonFilter& f, int64_t offset,
                                             int64_t limit) {
  if (!f.status.empty() && !detail::one_of(f.status, {"active", "left", "retired"}))
    return make_error("org.person.status_invalid", "status");
  return db::read<Page<Person>>(db_, [&](Connection& c) { return store::list_people(c, totals_, who.scope, f, offset, limit); });
}

Result<Person> OrgService::get_person(const Principal& who, int64_t id) {
  return db::read<Person>(db_, [&](Connection& c) {
    return visible_or_404<Person>(c, who, id, store::find_person, store::person_visible, "org.person.not_found");
  });
}

namespace {
// Places a person: with a department, the unit follows from it; without, the unit must be given and writable.
Status place_person(Connection& c, const Principal& who, Person& p) {
  if (p.department_id) {
    LF_TRY(Department d, target_department(c, who, *p.department_id, "org.person.unit_required"));
    p.unit_id = d.unit_id;
    return ok();
  }
  if (p.unit_id == 0) return make_error("org.person.unit_required", "unit_id");
  LF_TRY(auto u, store::find_unit(c, p.unit_id));
  if (!u) return make_error("org.person.unit_required", "unit_id");
  LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, p.unit_id));
  if (!mine) return make_error("auth.out_of_scope", "unit_id", 403);
  return ok();
}
}  // namespace

Result<Person> OrgService::create_person(const Principal& who, const PersonInput& in) {
  LF_CHECK(auth::require(who, auth::Permission::org_staff_write));
  Person p;
  p.status = "active";
  apply(p, in);
  LF_CHECK(validate_person(p));
  return db::write<Person>(db_, [&](Connection& c) -> Result<Person> {
    LF_CHECK(place_person(c, who, p));
    LF_TRY(bool taken, store::employee_no_taken(c, p.unit_id, p.employee_no, 0));
    if (taken) return make_error("org.person.employee_no_taken", "employee_no", 409);
    LF_TRY(int64_t id, store::insert_person(c, p));
    LF_TRY(Person after, writable_person(c, who, id));
    LF_CHECK(audit_write<Person, Person>(c, who, "create", "person", id, nullptr, &after));
    return after;
  });
}

Result<Person> OrgService::update_person(const Principal& who, int64_t id, const PersonInput& in) {
  LF_CHECK(auth::require(who, auth::Permission::org_staff_write));
  return db::write<Person>(db_, [&](Connection& c) -> Result<Person> {
    LF_TRY(Person before, writable_person(c, who, id));
    Person next = before;
    apply(next, in);
    LF_CHECK(validate_person(next));
    if (next.department_id != before.department_id || next.unit_id != before.unit_id) LF_CHECK(place_person(c, who, next));
    LF_TRY(bool taken, store::employee_no_taken(c, next.unit_id, next.employee_no, id));
    if (taken) return make_error("org.person.employee_no_taken", "employee_no", 409);
    LF_CHECK(store::update_person(c, next));
    LF_TRY(auto after, store::find_person(c, id));
    LF_CHECK(audit_write(c, who, "update", "person", id, &before, &*after));
    return *after;
  });
}

Status OrgService::delete_person(const Principal& who, int64_t id) {
  LF_CHECK(auth::require(who, auth::Permission::org_staff_write));
  return db_.transaction([&](Connection& c) -> Status {
    LF_TRY(Person before, writable_person(c, who, id));
    LF_TRY(bool busy, store::person_has_dependents(c, id));
    if (busy) return make_error("org.person.in_use", "", 409);
    LF_CHECK(store::delete_person(c, id));
    return audit_write<Person, Person>(c, who, "delete", "person", id, &before, nullptr);
  });
}

// ---- assignments ----

Result<Page<Assignment>> OrgService::list_assignments(const Principal& who, const AssignmentFilter& f, int64_t offset,
                                                      int64_t limit) {
  return db::read<Page<Assignment>>(
      db_, [&](Connection& c) { return store::list_assignments(c, totals_, who.scope, f, offset, limit); });
}

Result<Assignment> OrgService::get_assignment(const Principal& who, int64_t id) {
  return db::read<Assignment>(db_, [&](Connection& c) {
    return visible_or_404<Assignment>(c, who, id, store::find_assignment, store::assignment_visible,
                                      "org.assignment.not_found");
  });
}

Result<Assignment> OrgService::create_assignment(const Principal& who, const AssignmentInput& in) {
  LF_CHECK(auth::require(who, auth::Permission::org_staff_write));
  Assignment a;
  apply(a, in);
  if (!in.person_id) return make_error("org.assignment.person_invalid", "person_id");
  if (!in.post_id) return make_error("org.assignment.post_invalid", "post_id");
  LF_CHECK(validate_assignment(a));
  return db::write<Assignment>(db_, [&](Connection& c) -> Result<Assignment> {
    LF_CHECK(check_assignment_ends(c, who, a));
    LF_TRY(int64_t id, store::insert_assignment(c, a));
    LF_TRY(auto after, store::find_assignment(c, id));
    LF_CHECK(audit_write<Assignment, Assignment>(c, who, "create", "assignment", id, nullptr, &*after));
    return *after;
  });
}

Result<Assignment> OrgService::update_assignment(const Principal& who, int64_t id, const AssignmentInput& in) {
  LF_CHECK(auth::require(who, auth::Permission::org_staff_write));
  return db::write<Assignment>(db_, [&](Connection& c) -> Result<Assignment> {
    LF_TRY(Assignment before, existing<Assignment>(c, who, id, store::find_assignment, store::assignment_visible,
                                                   "org.assignment.not_found"));
    Assignment next = before;
    apply(next, in);
    LF_CHECK(validate_assignment(next));
    LF_CHECK(check_assignment_ends(c, who, next));
    LF_CHECK(store::update_assignment(c, next));
    LF_TRY(auto after, store::find_assignment(c, id));
    LF_CHECK(audit_write(c, who, "update", "assignment", id, &before, &*after));
    return *after;
  });
}

Status OrgService::delete_assignment(const Principal& who, int64_t id) {
  LF_CHECK(auth::require(who, auth::Permission::org_staff_write));
  return db_.transaction([&](Connection& c) -> Status {
    LF_TRY(Assignment before, existing<Assignment>(c, who, id, store::find_assignment, store::assignment_visible,
                                                   "org.assignment.not_found"));
    // Deleting needs both ends in scope, like creating.
    LF_TRY(bool person_mine, store::person_visible(c, who.scope, before.person_id));
    LF_TRY(bool post_mine, store::post_visible(c, who.scope, before.post_id));
    if (!person_mine || !post_mine) return make_error("auth.out_of_scope", "", 403);
    LF_CHECK(store::delete_assignment(c, id));
    return audit_write<Assignment, Assignment>(c, who, "delete", "assignment", id, &before, nullptr);
  });
}

}  // namespace lf::org
