// Powers and their categories: CRUD with validation, scope and audit.
#include "modules/powers/service.h"

#include <algorithm>
#include <regex>

#include "base/text.h"
#include "modules/powers/service_util.h"

namespace lf::powers {
using db::Connection;
using detail::audit_power;
using detail::readable;
using detail::writable;

namespace {

void apply(Power& p, const PowerInput& in) {
  if (in.department_id) p.department_id = *in.department_id;
  if (in.code) p.code = *in.code;
  if (in.name) p.name = *in.name;
  if (in.category) p.category = *in.category;
  if (in.content) p.content = *in.content;
  if (in.basis) p.basis = *in.basis;
  if (in.basis_article) p.basis_article = *in.basis_article;
  if (in.procedure) p.procedure = *in.procedure;
  if (in.supervision_channel) p.supervision_channel = *in.supervision_channel;
  if (in.materials) p.materials = *in.materials;
  if (in.service_commitment) p.service_commitment = *in.service_commitment;
  if (in.note) p.note = *in.note;
  if (in.status) p.status = *in.status;
  if (in.time_limit_days) p.time_limit_days = *in.time_limit_days;
  if (in.is_public) p.is_public = *in.is_public;
  if (in.post_ids) {
    p.posts.clear();
    for (int64_t id : *in.post_ids) p.posts.push_back({id, ""});
  }
}

// Field rules that need no database.
Status validate_fields(Power& p) {
  p.name = trim(p.name);
  if (!is_valid_utf8(p.name)) return make_error("request.field_type", "name");
  if (p.name.empty()) return make_error("power.name_required", "name");
  if (utf8_length(p.name) > 200) return make_error("power.name_too_long", "name");
  p.code = trim(p.code);
  static const std::regex kCode("[A-Za-z0-9_.-]{1,40}");
  if (!p.code.empty() && !std::regex_match(p.code, kCode)) return make_error("power.code_invalid", "code");
  struct Text {
    std::string* value;
    const char* field;
  };
  for (Text t : {Text{&p.content, "content"}, Text{&p.basis, "basis"}, Text{&p.basis_article, "basis_article"},
                 Text{&p.procedure, "procedure"}, Text{&p.supervision_channel, "supervision_channel"},
                 Text{&p.materials, "materials"}, Text{&p.service_commitment, "service_commitment"},
                 Text{&p.note, "note"}, Text{&p.category, "category"}}) {
    *t.value = trim(*t.value);
    if (!is_valid_utf8(*t.value)) return make_error("request.field_type", t.field);
    if (utf8_length(*t.value) > 4000) return make_error("power.text_too_long", t.field);
  }
  if (std::find(statuses().begin(), statuses().end(), p.status) == statuses().end())
    return make_error("power.status_invalid", "status");
  if (p.time_limit_days && (*p.time_limit_days < 1 || *p.time_limit_days > 365))
    return make_error("power.time_limit_invalid", "time_limit_days");
  return ok();
}

// Rules against the store: the unit follows the department; both in the writer's scope; the category is in
// the unit's list; posts belong to the unit; the code is free (or one is made).
Status validate_in_store(Connection& c, const Principal& who, Power& p, int64_t self_id) {
  if (p.department_id) {
    LF_TRY(db::Rows d, c.query("SELECT unit_id FROM departments WHERE id = ?", {*p.department_id}));
    if (d.empty()) return make_error("power.unit_required", "department_id");
    p.unit_id = d.integer(0, 0);
    LF_TRY(bool mine, auth::department_in_scope(c, who.scope, *p.department_id));
    if (!mine) return make_error("auth.out_of_scope", "department_id", 403);
  } else {
    if (p.unit_id == 0) return make_error("power.unit_required", "unit_id");
    LF_TRY(db::Rows u, c.query("SELECT 1 FROM units WHERE id = ?", {p.unit_id}));
    if (u.empty()) return make_error("power.unit_required", "unit_id");
    LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, p.unit_id));
    if (!mine) return make_error("auth.out_of_scope", "unit_id", 403);
  }
  if (!p.category.empty()) {
    LF_TRY(auto cats, store::categories(c, p.unit_id));
    if (std::none_of(cats.begin(), cats.end(), [&](const Category& k) { return k.name == p.category; }))
      return make_error("power.category_invalid", "category");
  }
  LF_TRY(auto unit_posts, store::unit_posts(c, p.unit_id));
  for (auto& post : p.posts) {
    auto it = std::find_if(unit_posts.begin(), unit_posts.end(), [&](const PostRef& r) { return r.id == post.id; });
    if (it == unit_posts.end()) return make_error("power.post_invalid", "post_ids");
    post.name = it->name;
  }
  std::sort(p.posts.begin(), p.posts.end(), [](const PostRef& a, const PostRef& b) { return a.id < b.id; });
  p.posts.erase(std::unique(p.posts.begin(), p.posts.end(), [](const PostRef& a, const PostRef& b) { return a.id == b.id; }),
                p.posts.end());
  if (p.code.empty()) {
    LF_TRY(p.code, store::next_code(c, p.unit_id));
  } else {
    LF_TRY(bool taken, store::code_taken(c, p.unit_id, p.code, self_id));
    if (taken) return make_error("power.code_taken", "code", 409);
  }
  return ok();
}

Result<Power> reload(Connection& c, int64_t id) {
  LF_TRY(auto p, store::find(c, id));
  if (!p) return make_error("power.not_found", "", 404);
  return *p;
}

}  // namespace

Result<Page<Power>> PowerService::list(const Principal& who, const PowerFilter& f, int64_t offset, int64_t limit) {
  if (!f.status.empty() && std::find(statuses().begin(), statuses().end(), f.status) == statuses().end())
    return make_error("power.status_invalid", "status");
  return db::read<Page<Power>>(db_, [&](Connection& c) { return store::list(c, totals_, who.scope, f, offset, limit); });
}

Result<PowerSummary> PowerService::summary(const Principal& who, const PowerFilter& f) {
  return db::read<PowerSummary>(db_, [&](Connection& c) { return store::summary(c, who.scope, f); });
}

Result<Power> PowerService::get(const Principal& who, int64_t id) {
  return db::read<Power>(db_, [&](Connection& c) { return readable(c, who, id); });
}

Result<Power> PowerService::create(const Principal& who, const PowerInput& in) {
  LF_CHECK(auth::require(who, auth::Permission::org_staff_write));
  Power p;
  p.unit_id = in.unit_id.value_or(0);
  apply(p, in);
  LF_CHECK(validate_fields(p));
  return db::write<Power>(db_, [&](Connection& c) -> Result<Power> {
    LF_CHECK(validate_in_store(c, who, p, 0));
    LF_TRY(int64_t id, store::insert(c, p));
    LF_TRY(Power after, reload(c, id));
    LF_CHECK(audit_power(c, who, "create", id, nullptr, &after));
    return after;
  });
}

Result<Power> PowerService::update(const Principal& who, int64_t id, const PowerInput& in) {
  return db::write<Power>(db_, [&](Connection& c) -> Result<Power> {
    LF_TRY(Power before, writable(c, who, id));
    Power next = before;
    if (in.unit_id && !in.department_id) {
      next.unit_id = *in.unit_id;
      next.department_id.reset();
    }
    apply(next, in);
    LF_CHECK(validate_fields(next));
    LF_CHECK(validate_in_store(c, who, next, id));
    LF_CHECK(store::update(c, next));
    LF_TRY(Power after, reload(c, id));
    LF_CHECK(audit_power(c, who, "update", id, &before, &after));
    return after;
  });
}

Status PowerService::remove(const Principal& who, int64_t id) {
  return db_.transaction([&](Connection& c) -> Status {
    LF_TRY(Power before, writable(c, who, id));
    if (before.status != "draft") return make_error("power.not_draft", "status", 409);
    LF_CHECK(store::remove(c, id));
    return audit_power(c, who, "delete", id, &before, nullptr);
  });
}

Result<std::vector<Category>> PowerService::categories(const Principal& who, int64_t unit_id) {
  return db::read<std::vector<Category>>(db_, [&](Connection& c) -> Result<std::vector<Category>> {
    LF_TRY(db::Rows u, c.query("SELECT 1 FROM units u WHERE u.id = ?", {unit_id}));
    if (u.empty()) return make_error("org.unit.not_found", "unit_id", 404);
    return store::categories(c, unit_id);
  });
}

Result<Category> PowerService::add_category(const Principal& who, int64_t unit_id, const std::string& name,
                                            const std::string& group) {
  LF_CHECK(auth::require(who, auth::Permission::org_structure_write));
  Category cat;
  cat.unit_id = unit_id;
  cat.name = trim(name);
  cat.group = group.empty() ? "type" : group;
  if (cat.name.empty() || utf8_length(cat.name) > 50) return make_error("power.category_name_required", "name");
  if (cat.group != "type" && cat.group != "function") return make_error("request.field_type", "group");
  return db::write<Category>(db_, [&](Connection& c) -> Result<Category> {
    LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, unit_id));
    if (!mine) return make_error("auth.out_of_scope", "unit_id", 403);
    LF_TRY(auto existing, store::categories(c, unit_id));
    if (std::any_of(existing.begin(), existing.end(), [&](const Category& k) { return k.name == cat.name; }))
      return make_error("power.category_taken", "name", 409);
    cat.sort = 100 + int64_t(existing.size());
    LF_TRY(cat.id, store::insert_category(c, cat));
    LF_CHECK(audit::append(c, {who.id, who.username, "create", "power_category", std::to_string(cat.id), "null",
                               boost::json::serialize(to_json(cat))}));
    return cat;
  });
}

Status PowerService::remove_category(const Principal& who, int64_t id) {
  LF_CHECK(auth::require(who, auth::Permission::org_structure_write));
  return db_.transaction([&](Connection& c) -> Status {
    LF_TRY(auto cat, store::find_category(c, id));
    if (!cat) return make_error("power.category_not_found", "", 404);
    if (!cat->unit_id) return make_error("power.category_preset", "", 409);
    LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, *cat->unit_id));
    if (!mine) return make_error("auth.out_of_scope", "", 403);
    LF_CHECK(store::delete_category(c, id));
    return audit::append(c, {who.id, who.username, "delete", "power_category", std::to_string(id),
                             boost::json::serialize(to_json(*cat)), "null"});
  });
}

}  // namespace lf::powers
