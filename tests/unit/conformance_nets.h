// Test helper: small Petri nets written as lists of transitions, places created by name on first use.
#pragma once
#include <string>
#include <vector>

#include "engine/log.h"
#include "engine/petri_net.h"

namespace lf::testing {

struct Step {
  std::string label;  // "" = silent
  std::vector<std::string> in, out;
};

// A net with one token in `source` initially and one in `sink` finally.
inline engine::PetriNet net_of(const std::vector<Step>& steps, const std::string& source = "source",
                               const std::string& sink = "sink") {
  engine::PetriNet net;
  auto place = [&](const std::string& name) {
    int32_t p = net.place_index(name);
    return p >= 0 ? p : net.add_place(name, name);
  };
  place(source);
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& s = steps[i];
    int32_t t = net.add_transition("t" + std::to_string(i), s.label);
    for (const auto& p : s.in) net.add_input(t, place(p));
    for (const auto& p : s.out) net.add_output(t, place(p));
  }
  net.initial[place(source)] = 1;
  net.final_marking[place(sink)] = 1;
  return net;
}

// A log of one case per trace, the activities given as strings ("a b c": three events).
inline engine::EventLog log_of(const std::vector<std::string>& traces) {
  engine::EventLog log;
  for (size_t i = 0; i < traces.size(); ++i) {
    engine::Case c;
    c.id = "c" + std::to_string(i + 1);
    size_t at = 0;
    const std::string& t = traces[i];
    while (at < t.size()) {
      size_t end = t.find(' ', at);
      if (end == std::string::npos) end = t.size();
      if (end > at) {
        engine::Event e;
        e.activity = log.intern(t.substr(at, end - at));
        c.events.push_back(e);
      }
      at = end + 1;
    }
    log.cases.push_back(std::move(c));
  }
  return log;
}

// a → b → c
inline engine::PetriNet sequence_net() {
  return net_of({{"a", {"source"}, {"p1"}}, {"b", {"p1"}, {"p2"}}, {"c", {"p2"}, {"sink"}}});
}
// a, then b any number of times (at least once; back through a silent loop), then c
inline engine::PetriNet loop_net() {
  return net_of({{"a", {"source"}, {"p1"}}, {"b", {"p1"}, {"p2"}}, {"", {"p2"}, {"p1"}}, {"c", {"p2"}, {"sink"}}});
}
// a, then b or a silent skip, then c
inline engine::PetriNet optional_net() {
  return net_of({{"a", {"source"}, {"p1"}}, {"b", {"p1"}, {"p2"}}, {"", {"p1"}, {"p2"}}, {"c", {"p2"}, {"sink"}}});
}
// a, then b and c in parallel (silent split and join), then d
inline engine::PetriNet parallel_net() {
  return net_of({{"a", {"source"}, {"p1"}},
                 {"", {"p1"}, {"pb", "pc"}},
                 {"b", {"pb"}, {"qb"}},
                 {"c", {"pc"}, {"qc"}},
                 {"", {"qb", "qc"}, {"p2"}},
                 {"d", {"p2"}, {"sink"}}});
}

}  // namespace lf::testing
