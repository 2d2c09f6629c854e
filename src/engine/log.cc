#include "engine/log.h"

#include <map>

namespace lf::engine {

int32_t EventLog::intern(std::string_view activity) {
  if (auto it = index_.find(activity); it != index_.end()) return it->second;
  auto id = static_cast<int32_t>(activities.size());
  activities.emplace_back(activity);
  index_.emplace(std::string(activity), id);
  return id;
}

int32_t EventLog::activity_id(std::string_view activity) const {
  auto it = index_.find(activity);
  return it == index_.end() ? -1 : it->second;
}

size_t EventLog::event_count() const {
  size_t n = 0;
  for (const auto& c : cases) n += c.events.size();
  return n;
}

std::vector<int32_t> EventLog::trace(size_t case_index) const {
  std::vector<int32_t> out;
  out.reserve(cases[case_index].events.size());
  for (const auto& e : cases[case_index].events) out.push_back(e.activity);
  return out;
}

std::vector<Variant> EventLog::variants() const {
  std::vector<Variant> out;
  std::map<std::vector<int32_t>, size_t> at;
  for (size_t c = 0; c < cases.size(); ++c) {
    std::vector<int32_t> t = trace(c);
    auto [it, added] = at.try_emplace(t, out.size());
    if (added) out.push_back({std::move(t), {}});
    out[it->second].cases.push_back(c);
  }
  return out;
}

}  // namespace lf::engine
