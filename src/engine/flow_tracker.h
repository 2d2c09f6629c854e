// Online conformance of one flow net: where an open case stands (its marking) and what the next event does to
// it. Markings are interned to small state numbers and each (state, activity) answer is computed once, so a
// case costs one integer and an event one table lookup: the tracker becomes, lazily, the automaton of the
// markings the cases actually reach.
//
// An event fires a transition carrying its activity, after the silent transitions (gateways, start and end
// events) needed to enable it — the fewest, found breadth-first. When none can be enabled the event is out
// of order (上一环节未完成进入下一环节): the transition fires anyway with the tokens it lacked added (token
// replay's "missing" tokens), and the steps that should have produced them are named. An activity no
// transition carries leaves the marking as it was.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/petri_net.h"

namespace lf::engine {

class FlowTracker {
 public:
  enum class Outcome : uint8_t { fits, out_of_order, unknown };
  struct Step {
    int32_t next = -1;      // the state after the event (-1: not computed yet)
    Outcome outcome = Outcome::fits;
    int32_t missing = -1;   // out_of_order: index for missing_steps()
  };

  explicit FlowTracker(std::shared_ptr<const PetriNet> net);

  const PetriNet& net() const { return *net_; }
  static constexpr int32_t kInitial = 0;  // the state of the initial marking
  // The label number of an activity, -1 when no visible transition carries it.
  int32_t label_of(std::string_view activity) const;

  // What an event with `label` (-1 = unknown activity) does in `state`.
  // The reference lives until the next call.
  const Step& step(int32_t state, int32_t label) {
    const size_t at = static_cast<size_t>(label + 1);
    if (steps_[static_cast<size_t>(state)][at].next < 0) {
      const Step s = compute(state, label);  // may add states, moving the rows
      steps_[static_cast<size_t>(state)][at] = s;
    }
    return steps_[static_cast<size_t>(state)][at];
  }
  // True when nothing can follow but the end: the final marking is reached through silent transitions only and
  // no step can still happen on the way. The case is then complete.
  bool complete(int32_t state);
  // What an out-of-order step lacked: one group per missing token, each the steps (activity names) any of
  // which would have produced it (an XOR join gives several). May be empty.
  using Missing = std::vector<std::vector<std::string>>;
  const Missing& missing_steps(int32_t index) const { return missing_[static_cast<size_t>(index)]; }

  // For saving and restoring open cases: states are numbered in the order their markings were first reached.
  size_t state_count() const { return markings_.size(); }
  const Marking& marking(int32_t state) const { return markings_[static_cast<size_t>(state)]; }
  int32_t intern(const Marking& m);

 private:
  struct MarkingHash {
    size_t operator()(const Marking& m) const;
  };
  Step compute(int32_t state, int32_t label);
  std::vector<Marking> silent_closure(const Marking& from) const;
  std::vector<std::string> producers(int32_t place) const;

  std::shared_ptr<const PetriNet> net_;
  std::vector<std::string> labels_;               // distinct visible labels
  std::vector<std::vector<int32_t>> by_label_;    // transitions per label, in net order
  std::vector<int32_t> silent_;                   // silent transitions, in net order
  std::vector<Marking> markings_;
  std::unordered_map<Marking, int32_t, MarkingHash> index_;
  std::vector<std::vector<Step>> steps_;          // per state: per label + 1 (slot 0 = unknown activity)
  std::vector<int8_t> complete_;                  // per state: -1 unknown, 0, 1
  std::vector<Missing> missing_;
};

}  // namespace lf::engine
