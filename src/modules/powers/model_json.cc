#include <boost/json.hpp>

#include "modules/common/json_value.h"
#include "modules/powers/model.h"

namespace lf::powers {
namespace json = boost::json;
using list::opt_json;

json::value to_json(const Power& p) {
  json::array posts, post_ids;
  for (const auto& r : p.posts) {
    posts.push_back(json::object{{"id", r.id}, {"name", r.name}});
    post_ids.emplace_back(r.id);
  }
  return json::object{{"id", p.id},
                      {"unit_id", p.unit_id},
                      {"department_id", opt_json(p.department_id)},
                      {"department_name", p.department_name},
                      {"code", p.code},
                      {"name", p.name},
                      {"category", p.category},
                      {"content", p.content},
                      {"basis", p.basis},
                      {"basis_article", p.basis_article},
                      {"procedure", p.procedure},
                      {"post_ids", std::move(post_ids)},
                      {"posts", std::move(posts)},
                      {"time_limit_days", opt_json(p.time_limit_days)},
                      {"supervision_channel", p.supervision_channel},
                      {"materials", p.materials},
                      {"service_commitment", p.service_commitment},
                      {"note", p.note},
                      {"public", p.is_public},
                      {"status", p.status},
                      {"version", p.version},
                      {"has_flow", p.has_flow},
                      {"step_count", p.step_count},
                      {"updated_at", p.updated_at}};
}

json::value to_json(const Category& c) {
  return json::object{{"id", c.id}, {"unit_id", opt_json(c.unit_id)}, {"name", c.name}, {"group", c.group},
                      {"sort", c.sort}, {"preset", !c.unit_id.has_value()}};
}

json::value to_json(const FlowView& f) {
  json::array steps, lanes, labels;
  for (const auto& s : f.steps) {
    json::array sod, limits;
    for (const auto& d : s.different_from) sod.emplace_back(d);
    for (const auto& l : s.limits)
      limits.push_back(json::object{{"post", l.post}, {"post_name", l.post_name}, {"amount_fen", l.amount_fen}});
    steps.push_back(json::object{{"element_id", s.element_id},
                                 {"name", s.name},
                                 {"post_id", opt_json(s.post_id)},
                                 {"post_name", s.post_name},
                                 {"lane", s.lane},
                                 {"time_limit_days", opt_json(s.time_limit_days)},
                                 {"different_from", std::move(sod)},
                                 {"limits", std::move(limits)},
                                 {"collective_above_fen", opt_json(s.collective_above_fen)},
                                 {"materials", s.materials},
                                 {"supervision_point", s.supervision_point}});
  }
  for (const auto& l : f.lanes) lanes.emplace_back(l);
  for (const auto& l : f.labels) labels.emplace_back(l);
  return json::object{{"power_id", f.power_id},
                      {"steps", std::move(steps)},
                      {"lanes", std::move(lanes)},
                      {"net", json::object{{"places", f.places},
                                           {"transitions", f.transitions},
                                           {"silent", f.silent},
                                           {"labels", std::move(labels)}}},
                      {"updated_at", f.updated_at}};
}

json::value to_json(const engine::FlowIssue& i) {
  return json::object{{"code", i.code}, {"element", i.element}, {"message", i.message}, {"message_en", i.message_en}};
}

json::value to_json(const PowerSummary& s) {
  auto counts = [](const std::vector<std::pair<std::string, int64_t>>& v, const char* key) {
    json::array a;
    for (const auto& [k, n] : v) a.push_back(json::object{{key, k}, {"count", n}});
    return a;
  };
  return json::object{{"total", s.total},
                      {"with_flow", s.with_flow},
                      {"by_category", counts(s.by_category, "category")},
                      {"by_status", counts(s.by_status, "status")}};
}

}  // namespace lf::powers
