// A labelled Petri net with an initial and a final marking: what a power's flow compiles to, and what the
// monitoring engine replays events against. Places and transitions are addressed by index; ids and labels
// are kept for files (PNML) and messages. A transition without a label is silent (a gateway, a skip).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace lf::engine {

struct Place {
  std::string id;
  std::string name;
  bool operator==(const Place&) const = default;
};

struct Transition {
  std::string id;
  std::string label;  // the activity (step name) it stands for; empty = silent
  bool silent() const { return label.empty(); }
  bool operator==(const Transition&) const = default;
};

// Tokens per place, by place index.
using Marking = std::vector<int32_t>;

class PetriNet {
 public:
  std::string id;
  std::string name;
  std::vector<Place> places;
  std::vector<Transition> transitions;
  // Arcs by transition: (place index, weight) consumed and produced.
  std::vector<std::vector<std::pair<int32_t, int32_t>>> inputs, outputs;
  Marking initial;
  Marking final_marking;

  int32_t add_place(std::string id, std::string name = {});
  int32_t add_transition(std::string id, std::string label);
  void add_input(int32_t transition, int32_t place, int32_t weight = 1);   // place -> transition
  void add_output(int32_t transition, int32_t place, int32_t weight = 1);  // transition -> place

  // Index of the place / transition with this id, or -1.
  int32_t place_index(const std::string& id) const;
  int32_t transition_index(const std::string& id) const;

  bool enabled(const Marking& m, int32_t transition) const;
  // Fires an enabled transition in place.
  void fire(Marking& m, int32_t transition) const;
  // Distinct visible labels, sorted.
  std::vector<std::string> labels() const;
  size_t silent_count() const;

  // Same places, transitions, arcs (in the same order) and markings; used by round-trip tests.
  bool operator==(const PetriNet&) const = default;
};

}  // namespace lf::engine
