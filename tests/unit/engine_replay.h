// Test helper: does a Petri net accept a trace? Visible transitions fire in the order of the trace; silent
// transitions fire wherever they help, found by a breadth-first search over the markings they reach. Keeps
// every marking consistent with the prefix, so a choice made early cannot hide an acceptance. Exact for the
// small nets of the tests; the search stops after `limit` markings.
#pragma once
#include <deque>
#include <set>
#include <string>
#include <vector>

#include "engine/petri_net.h"

namespace lf::engine::testing {

inline std::set<Marking> silent_closure(const PetriNet& net, std::set<Marking> from, size_t limit = 100000) {
  std::deque<Marking> queue(from.begin(), from.end());
  while (!queue.empty() && from.size() < limit) {
    Marking m = queue.front();
    queue.pop_front();
    for (int32_t t = 0; t < static_cast<int32_t>(net.transitions.size()); ++t) {
      if (!net.transitions[t].silent() || !net.enabled(m, t)) continue;
      Marking next = m;
      net.fire(next, t);
      if (from.insert(next).second) queue.push_back(std::move(next));
    }
  }
  return from;
}

inline bool accepts(const PetriNet& net, const std::vector<std::string>& trace) {
  std::set<Marking> current{net.initial};
  for (const auto& activity : trace) {
    std::set<Marking> next;
    for (const Marking& m : silent_closure(net, std::move(current))) {
      for (int32_t t = 0; t < static_cast<int32_t>(net.transitions.size()); ++t) {
        if (net.transitions[t].label != activity || !net.enabled(m, t)) continue;
        Marking after = m;
        net.fire(after, t);
        next.insert(std::move(after));
      }
    }
    if (next.empty()) return false;
    current = std::move(next);
  }
  return silent_closure(net, std::move(current)).count(net.final_marking) > 0;
}

}  // namespace lf::engine::testing
