// The organisation: units (a tree of any depth), departments (a tree inside a unit), posts, people and
// their assignments to posts over time.
#pragma once
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/common/list_query.h"

namespace lf::org {

inline const std::vector<std::string>& unit_kinds() {
  static const std::vector<std::string> k = {"commission", "government", "bureau", "enterprise",
                                             "school",     "hospital",   "township", "other"};
  return k;
}
inline const std::vector<std::string>& tiers() {
  static const std::vector<std::string> t = {"leader", "middle", "staff"};
  return t;
}
// Key-post flags (人、财、物、审批、执法).
inline const std::vector<std::string>& key_flags() {
  static const std::vector<std::string> k = {"people", "money", "goods", "approval", "enforcement"};
  return k;
}

struct Unit {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string path;  // "/1/4/": ids from the root, for subtree queries
  std::string code;
  std::string name;
  std::string kind;
  int64_t sort = 0;
};

struct Department {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::optional<int64_t> parent_id;
  std::string path;
  std::string code;
  std::string name;
  int64_t sort = 0;
  int64_t post_count = 0;
};

struct Holder {
  int64_t person_id = 0;
  std::string name;
  std::string since;
};

struct Post {
  int64_t id = 0;
  int64_t unit_id = 0;
  int64_t department_id = 0;
  std::string department_name;
  std::string name;
  std::string duties;
  std::string tier;
  std::vector<std::string> keys;  // subset of key_flags()
  int64_t headcount = 1;
  std::vector<Holder> holders;  // current assignments
};

struct CurrentPost {
  int64_t post_id = 0;
  std::string name;
  std::string since;
};

struct Person {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::optional<int64_t> department_id;
  std::string department_name;
  std::string name;
  std::string gender;  // male | female | ""
  std::string title;
  std::string employee_no;
  std::string status;  // active | left | retired
  std::vector<CurrentPost> current_posts;
};

struct Assignment {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string person_name;
  int64_t post_id = 0;
  std::string post_name;
  std::string department_name;
  std::string post_tier;
  std::vector<std::string> post_keys;  // the post's key flags, for rotation hints
  std::string start_date;
  std::optional<std::string> end_date;
  std::string note;
  double years = 0;  // length so far (to today for a current assignment)
};

// Filters of the list endpoints.
struct PostFilter {
  std::optional<int64_t> unit_id, department_id;
  std::string tier, key, q;
};
struct PersonFilter {
  std::optional<int64_t> unit_id, department_id;
  std::string status, q;
};
struct AssignmentFilter {
  std::optional<int64_t> person_id, post_id;
  bool current_only = false;
};

using list::Page;

// JSON as the API shows it (also what the audit log records).
boost::json::value to_json(const Unit& u);
boost::json::value to_json(const Department& d);
boost::json::value to_json(const Post& p);
boost::json::value to_json(const Person& p);
boost::json::value to_json(const Assignment& a);

}  // namespace lf::org
