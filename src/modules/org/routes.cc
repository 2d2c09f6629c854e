// Routes of the org module: parse, call OrgService, serialise. Rules live in the service.
#include "modules/org/routes.h"

#include <memory>

#include "http/json.h"
#include "modules/auth/guard.h"
#include "modules/common/cached_list.h"
#include "modules/org/service.h"

namespace lf::org {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

// Reads a nullable id field: absent → not given; null → given as "none".
Result<std::optional<std::optional<int64_t>>> nullable_id(const http::Body& b, const char* key) {
  if (!b.has(key)) return std::optional<std::optional<int64_t>>();
  LF_TRY(auto v, b.integer(key));
  return std::optional<std::optional<int64_t>>(v);
}

Result<UnitInput> read_unit(const Request& req) {
  LF_TRY(http::Body b, http::Body::parse(req.body));
  UnitInput in;
  LF_TRY(in.parent_id, nullable_id(b, "parent_id"));
  LF_TRY(in.code, b.str("code"));
  LF_TRY(in.name, b.str("name"));
  LF_TRY(in.kind, b.str("kind"));
  LF_TRY(in.sort, b.integer("sort"));
  return in;
}

Result<DepartmentInput> read_department(const Request& req) {
  LF_TRY(http::Body b, http::Body::parse(req.body));
  DepartmentInput in;
  LF_TRY(in.unit_id, b.integer("unit_id"));
  LF_TRY(in.parent_id, nullable_id(b, "parent_id"));
  LF_TRY(in.code, b.str("code"));
  LF_TRY(in.name, b.str("name"));
  LF_TRY(in.sort, b.integer("sort"));
  return in;
}

Result<PostInput> read_post(const Request& req) {
  LF_TRY(http::Body b, http::Body::parse(req.body));
  PostInput in;
  LF_TRY(in.department_id, b.integer("department_id"));
  LF_TRY(in.name, b.str("name"));
  LF_TRY(in.duties, b.str("duties"));
  LF_TRY(in.tier, b.str("tier"));
  LF_TRY(in.keys, b.strings("keys"));
  LF_TRY(in.headcount, b.integer("headcount"));
  return in;
}

Result<PersonInput> read_person(const Request& req) {
  LF_TRY(http::Body b, http::Body::parse(req.body));
  PersonInput in;
  LF_TRY(in.unit_id, b.integer("unit_id"));
  LF_TRY(in.department_id, nullable_id(b, "department_id"));
  LF_TRY(in.name, b.str("name"));
  LF_TRY(in.gender, b.str("gender"));
  LF_TRY(in.title, b.str("title"));
  LF_TRY(in.employee_no, b.str("employee_no"));
  LF_TRY(in.status, b.str("status"));
  return in;
}

Result<AssignmentInput> read_assignment(const Request& req) {
  LF_TRY(http::Body b, http::Body::parse(req.body));
  AssignmentInput in;
  LF_TRY(in.person_id, b.integer("person_id"));
  LF_TRY(in.post_id, b.integer("post_id"));
  LF_TRY(in.start_date, b.str("start_date"));
  if (b.has("end_date")) {
    LF_TRY(auto end, b.str("end_date"));
    in.end_date = end && !end->empty() ? end : std::optional<std::string>();
  }
  LF_TRY(in.note, b.str("note"));
  return in;
}

template <class T>
Response page_json(const Page<T>& page, const http::Page& p) {
  json::array items;
  for (const auto& x : page.items) items.push_back(to_json(x));
  return http::list_response(std::move(items), page.total, p);
}

Response deleted() { return http::json_response(json::object{{"ok", true}}); }

// Registers GET one / POST / PUT / DELETE for an entity whose service methods follow one naming pattern.
template <class T, class In>
void add_crud(http::Router& r, db::Database& db, std::shared_ptr<OrgService> svc, const std::string& base,
              Result<In> (*read)(const Request&), Result<T> (OrgService::*get)(const Principal&, int64_t),
              Result<T> (OrgService::*create)(const Principal&, const In&),
              Result<T> (OrgService::*update)(const Principal&, int64_t, const In&),
              Status (OrgService::*remove)(const Principal&, int64_t)) {
  r.add("GET", base + "/{id}", [&db, svc, get](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(T obj, ((*svc).*get)(who, id));
    return http::json_response(to_json(obj));
  });
  r.add("POST", base, [&db, svc, read, create](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(In in, read(req));
    LF_TRY(T obj, ((*svc).*create)(who, in));
    return http::json_response(to_json(obj), 201);
  });
  r.add("PUT", base + "/{id}", [&db, svc, read, update](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_TRY(In in, read(req));
    LF_TRY(T obj, ((*svc).*update)(who, id, in));
    return http::json_response(to_json(obj));
  });
  r.add("DELETE", base + "/{id}", [&db, svc, remove](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    LF_TRY(int64_t id, http::path_id(req));
    LF_CHECK(((*svc).*remove)(who, id));
    return deleted();
  });
}

bool truthy(const std::optional<std::string>& v) { return v && (*v == "true" || *v == "1"); }

}  // namespace

void add_routes(http::Router& r, db::Database& db) {
  auto svc = std::make_shared<OrgService>(db);
  auto cache = std::make_shared<audit::ReadCache>();

  r.add("GET", "/api/v1/units", [&db, svc, cache](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    return list::cached_answer(*cache, who, req, [&]() -> Result<Response> {
      LF_TRY(auto parent, http::query_id(req, "parent_id"));
      LF_TRY(auto units, svc->list_units(who, parent));
      json::array items;
      for (const auto& u : units) items.push_back(to_json(u));
      const auto n = int64_t(units.size());
      return http::json_response(json::object{{"items", std::move(items)}, {"total", n}});
    });
  });
  add_crud<Unit, UnitInput>(r, db, svc, "/api/v1/units", read_unit, &OrgService::get_unit, &OrgService::create_unit,
                            &OrgService::update_unit, &OrgService::delete_unit);

  r.add("GET", "/api/v1/departments", [&db, svc, cache](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    return list::cached_answer(*cache, who, req, [&]() -> Result<Response> {
      LF_TRY(http::Page page, http::read_page(req));
      LF_TRY(auto unit, http::query_id(req, "unit_id"));
      LF_TRY(auto parent, http::query_id(req, "parent_id"));
      LF_TRY(auto found, svc->list_departments(who, unit, parent, page.offset(), page.size));
      return page_json(found, page);
    });
  });
  add_crud<Department, DepartmentInput>(r, db, svc, "/api/v1/departments", read_department,
                                        &OrgService::get_department, &OrgService::create_department,
                                        &OrgService::update_department, &OrgService::delete_department);

  r.add("GET", "/api/v1/posts", [&db, svc, cache](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    return list::cached_answer(*cache, who, req, [&]() -> Result<Response> {
      LF_TRY(http::Page page, http::read_page(req));
      PostFilter f;
      LF_TRY(f.unit_id, http::query_id(req, "unit_id"));
      LF_TRY(f.department_id, http::query_id(req, "department_id"));
      f.tier = req.q("tier").value_or("");
      f.key = req.q("key").value_or("");
      f.q = req.q("q").value_or("");
      LF_TRY(auto found, svc->list_posts(who, f, page.offset(), page.size));
      return page_json(found, page);
    });
  });
  add_crud<Post, PostInput>(r, db, svc, "/api/v1/posts", read_post, &OrgService::get_post, &OrgService::create_post,
                            &OrgService::update_post, &OrgService::delete_post);

  r.add("GET", "/api/v1/people", [&db, svc, cache](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    return list::cached_answer(*cache, who, req, [&]() -> Result<Response> {
      LF_TRY(http::Page page, http::read_page(req));
      PersonFilter f;
      LF_TRY(f.unit_id, http::query_id(req, "unit_id"));
      LF_TRY(f.department_id, http::query_id(req, "department_id"));
      f.status = req.q("status").value_or("");
      f.q = req.q("q").value_or("");
      LF_TRY(auto found, svc->list_people(who, f, page.offset(), page.size));
      return page_json(found, page);
    });
  });
  add_crud<Person, PersonInput>(r, db, svc, "/api/v1/people", read_person, &OrgService::get_person,
                                &OrgService::create_person, &OrgService::update_person, &OrgService::delete_person);

  r.add("GET", "/api/v1/assignments", [&db, svc, cache](Request& req) -> Result<Response> {
    LF_TRY(Principal who, auth::require_session(db, req));
    return list::cached_answer(*cache, who, req, [&]() -> Result<Response> {
      LF_TRY(http::Page page, http::read_page(req));
      AssignmentFilter f;
      LF_TRY(f.person_id, http::query_id(req, "person_id"));
      LF_TRY(f.post_id, http::query_id(req, "post_id"));
      f.current_only = truthy(req.q("current"));
      LF_TRY(auto found, svc->list_assignments(who, f, page.offset(), page.size));
      return page_json(found, page);
    });
  });
  add_crud<Assignment, AssignmentInput>(r, db, svc, "/api/v1/assignments", read_assignment,
                                        &OrgService::get_assignment, &OrgService::create_assignment,
                                        &OrgService::update_assignment, &OrgService::delete_assignment);
}

}  // namespace lf::org
