// The org module's rules: who may write what, validation with clear messages, one transaction and one
// audit row per write. Reads outside the caller's scope answer "not found"; writes answer 403.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/audit/totals.h"
#include "modules/auth/principal.h"
#include "modules/org/model.h"

namespace lf::org {

using auth::Principal;

// Input of create and update. A field left empty keeps its value on update; for nullable references the
// outer optional says "given", the inner one the value (nullopt = clear).
struct UnitInput {
  std::optional<std::optional<int64_t>> parent_id;
  std::optional<std::string> code, name, kind;
  std::optional<int64_t> sort;
};
struct DepartmentInput {
  std::optional<int64_t> unit_id;
  std::optional<std::optional<int64_t>> parent_id;
  std::optional<std::string> code, name;
  std::optional<int64_t> sort;
};
struct PostInput {
  std::optional<int64_t> department_id;
  std::optional<std::string> name, duties, tier;
  std::optional<std::vector<std::string>> keys;
  std::optional<int64_t> headcount;
};
struct PersonInput {
  std::optional<int64_t> unit_id;
  std::optional<std::optional<int64_t>> department_id;
  std::optional<std::string> name, gender, title, employee_no, status;
};
struct AssignmentInput {
  std::optional<int64_t> person_id, post_id;
  std::optional<std::string> start_date;
  std::optional<std::optional<std::string>> end_date;
  std::optional<std::string> note;
};

class OrgService {
 public:
  explicit OrgService(db::Database& db) : db_(db) {}

  Result<std::vector<Unit>> list_units(const Principal& who, std::optional<int64_t> parent_id);
  Result<Unit> get_unit(const Principal& who, int64_t id);
  Result<Unit> create_unit(const Principal& who, const UnitInput& in);
  Result<Unit> update_unit(const Principal& who, int64_t id, const UnitInput& in);
  Status delete_unit(const Principal& who, int64_t id);

  Result<Page<Department>> list_departments(const Principal& who, std::optional<int64_t> unit_id,
                                            std::optional<int64_t> parent_id, int64_t offset, int64_t limit);
  Result<Department> get_department(const Principal& who, int64_t id);
  Result<Department> create_department(const Principal& who, const DepartmentInput& in);
  Result<Department> update_department(const Principal& who, int64_t id, const DepartmentInput& in);
  Status delete_department(const Principal& who, int64_t id);

  Result<Page<Post>> list_posts(const Principal& who, const PostFilter& f, int64_t offset, int64_t limit);
  Result<Post> get_post(const Principal& who, int64_t id);
  Result<Post> create_post(const Principal& who, const PostInput& in);
  Result<Post> update_post(const Principal& who, int64_t id, const PostInput& in);
  Status delete_post(const Principal& who, int64_t id);

  Result<Page<Person>> list_people(const Principal& who, const PersonFilter& f, int64_t offset, int64_t limit);
  Result<Person> get_person(const Principal& who, int64_t id);
  Result<Person> create_person(const Principal& who, const PersonInput& in);
  Result<Person> update_person(const Principal& who, int64_t id, const PersonInput& in);
  Status delete_person(const Principal& who, int64_t id);

  Result<Page<Assignment>> list_assignments(const Principal& who, const AssignmentFilter& f, int64_t offset,
                                            int64_t limit);
  Result<Assignment> get_assignment(const Principal& who, int64_t id);
  Result<Assignment> create_assignment(const Principal& who, const AssignmentInput& in);
  Result<Assignment> update_assignment(const Principal& who, int64_t id, const AssignmentInput& in);
  Status delete_assignment(const Principal& who, int64_t id);

 private:
  db::Database& db_;
  audit::Totals totals_;
};

}  // namespace lf::org
