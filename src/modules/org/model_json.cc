#include <boost/json.hpp>

#include "modules/common/json_value.h"
#include "modules/org/model.h"

namespace lf::org {
namespace json = boost::json;
using list::opt_json;

json::value to_json(const Unit& u) {
  return json::object{{"id", u.id},     {"parent_id", opt_json(u.parent_id)}, {"code", u.code},
                      {"name", u.name}, {"kind", u.kind},                {"sort", u.sort}};
}

json::value to_json(const Department& d) {
  return json::object{{"id", d.id},     {"unit_id", d.unit_id}, {"parent_id", opt_json(d.parent_id)}, {"code", d.code},
                      {"name", d.name}, {"sort", d.sort},       {"post_count", d.post_count}};
}

json::value to_json(const Post& p) {
  json::array keys, holders;
  for (const auto& k : p.keys) keys.emplace_back(k);
  for (const auto& h : p.holders)
    holders.push_back(json::object{{"person_id", h.person_id}, {"name", h.name}, {"since", h.since}});
  return json::object{{"id", p.id},
                      {"unit_id", p.unit_id},
                      {"department_id", p.department_id},
                      {"department_name", p.department_name},
                      {"name", p.name},
                      {"duties", p.duties},
                      {"tier", p.tier},
                      {"keys", std::move(keys)},
                      {"headcount", p.headcount},
                      {"holders", std::move(holders)}};
}

json::value to_json(const Person& p) {
  json::array posts;
  for (const auto& c : p.current_posts)
    posts.push_back(json::object{{"post_id", c.post_id}, {"name", c.name}, {"since", c.since}});
  return json::object{{"id", p.id},
                      {"unit_id", p.unit_id},
                      {"department_id", opt_json(p.department_id)},
                      {"department_name", p.department_name},
                      {"name", p.name},
                      {"gender", p.gender},
                      {"title", p.title},
                      {"employee_no", p.employee_no},
                      {"status", p.status},
                      {"current_posts", std::move(posts)}};
}

json::value to_json(const Assignment& a) {
  json::array keys;
  for (const auto& k : a.post_keys) keys.emplace_back(k);
  return json::object{{"id", a.id},
                      {"person_id", a.person_id},
                      {"person_name", a.person_name},
                      {"post_id", a.post_id},
                      {"post_name", a.post_name},
                      {"department_name", a.department_name},
                      {"post_tier", a.post_tier},
                      {"post_keys", std::move(keys)},
                      {"start_date", a.start_date},
                      {"end_date", a.end_date ? json::value(*a.end_date) : json::value(nullptr)},
                      {"note", a.note},
                      {"years", a.years}};
}

}  // namespace lf::org
