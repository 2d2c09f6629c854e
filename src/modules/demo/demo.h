// The demo setting loaded by `lianfang serve --demo`: a city discipline commission (某市纪委) supervising a
// vocational college (某市职业技术学院, modelled on seed 004) and an administrative approval bureau
// (某市行政审批局), with departments, posts, people, assignment histories (including rotation cases) and one
// account per role. All names are fictional; all dates are fixed so that the data and the tests are stable.
#pragma once
#include <string>
#include <vector>

#include "base/result.h"
#include "db/database.h"

namespace lf::demo {

// Fills an empty, migrated store with the demo setting; returns code "demo.not_empty" (409) if units already
// exist. Everything is written in one transaction, closed by one audit entry (actor "system", action "seed").
Status seed(db::Database& db);

// The demo accounts and password, for the startup banner.
struct Account {
  std::string username, display_name, role, scope_label;
};
const std::vector<Account>& accounts();
inline constexpr const char* kPassword = "Lianfang@2026";

// The setting as static tables (demo_data.cc); seed() resolves the keys to ids. Exposed for the tests.
namespace data {

struct UnitDef {
  const char* code;
  const char* name;
  const char* kind;
  const char* parent_code;  // nullptr for the root
  const char* emp_prefix;   // employee numbers: prefix + year joined + running number, e.g. ZY2008013
};
struct DepartmentDef {
  const char* key;
  const char* unit_code;
  const char* parent_key;  // nullptr at the top of the unit
  const char* name;
  const char* code;
};
struct PostDef {
  const char* key;
  const char* department_key;
  const char* name;
  const char* tier;  // leader | middle | staff
  const char* keys;  // letters: P people, M money, G goods, A approval, E enforcement
  int headcount;
  const char* duties;
};
struct StintDef {
  const char* post_key;
  const char* start;  // YYYY-MM-DD
  const char* end;    // nullptr = current
  const char* note;
};
struct PersonDef {
  const char* name;  // unique across the setting (users refer to people by name)
  char gender;       // 'm' | 'f'
  const char* title;
  int joined;
  const char* status;  // active | left | retired
  std::vector<StintDef> stints;  // oldest first; the last one gives the person's unit and department
};
struct UserDef {
  const char* username;
  const char* display_name;
  const char* roles;
  const char* scope_unit_code;
  const char* scope_department_key;
  const char* person_name;
};

const std::vector<UnitDef>& units();
const std::vector<DepartmentDef>& departments();
const std::vector<PostDef>& posts();
const std::vector<PersonDef>& people();
const std::vector<UserDef>& users();

}  // namespace data
}  // namespace lf::demo
