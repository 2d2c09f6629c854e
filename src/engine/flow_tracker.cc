#include "engine/flow_tracker.h"

#include <algorithm>
#include <limits>
#include <unordered_set>

#include "engine/text_hash.h"

namespace lf::engine {
namespace {

// Silent moves explored from one marking before giving up: flow nets compiled from BPMN need a handful; the
// bound only matters for nets with silent cycles that create tokens.
constexpr size_t kMaxClosure = 1024;

}  // namespace

size_t FlowTracker::MarkingHash::operator()(const Marking& m) const {
  uint64_t h = 0x51ed27ULL;
  for (int32_t v : m) h = mix64(h ^ static_cast<uint32_t>(v)) + 0x9e3779b97f4a7c15ULL;
  return static_cast<size_t>(h);
}

FlowTracker::FlowTracker(std::shared_ptr<const PetriNet> net) : net_(std::move(net)) {
  for (size_t t = 0; t < net_->transitions.size(); ++t) {
    const auto& tr = net_->transitions[t];
    if (tr.silent()) {
      silent_.push_back(static_cast<int32_t>(t));
      continue;
    }
    int32_t label = label_of(tr.label);
    if (label < 0) {
      label = static_cast<int32_t>(labels_.size());
      labels_.push_back(tr.label);
      by_label_.emplace_back();
    }
    by_label_[static_cast<size_t>(label)].push_back(static_cast<int32_t>(t));
  }
  intern(net_->initial);  // state 0 (kInitial)
}

int32_t FlowTracker::label_of(std::string_view activity) const {
  for (size_t i = 0; i < labels_.size(); ++i)
    if (labels_[i] == activity) return static_cast<int32_t>(i);
  return -1;
}

int32_t FlowTracker::intern(const Marking& m) {
  auto [it, added] = index_.try_emplace(m, static_cast<int32_t>(markings_.size()));
  if (added) {
    markings_.push_back(m);
    steps_.emplace_back(labels_.size() + 1);
    complete_.push_back(-1);
  }
  return it->second;
}

// Markings reachable from `from` by silent transitions only, breadth-first (`from` first).
std::vector<Marking> FlowTracker::silent_closure(const Marking& from) const {
  std::vector<Marking> queue{from};
  std::unordered_set<Marking, MarkingHash> seen{from};
  for (size_t i = 0; i < queue.size() && queue.size() < kMaxClosure; ++i) {
    for (int32_t s : silent_) {
      if (!net_->enabled(queue[i], s)) continue;
      Marking next = queue[i];
      net_->fire(next, s);
      if (seen.insert(next).second) queue.push_back(std::move(next));
    }
  }
  return queue;
}

// The visible steps that feed a place, looking back through silent transitions: the alternatives that would
// have put a token there.
std::vector<std::string> FlowTracker::producers(int32_t place) const {
  std::vector<std::string> names;
  std::vector<int32_t> todo{place};
  std::vector<char> seen(net_->places.size(), 0);
  seen[static_cast<size_t>(place)] = 1;
  while (!todo.empty()) {
    const int32_t p = todo.back();
    todo.pop_back();
    for (size_t t = 0; t < net_->transitions.size(); ++t) {
      bool feeds = false;
      for (auto [q, w] : net_->outputs[t]) feeds = feeds || q == p;
      if (!feeds) continue;
      const auto& tr = net_->transitions[t];
      if (!tr.silent()) {
        if (std::find(names.begin(), names.end(), tr.label) == names.end()) names.push_back(tr.label);
        continue;
      }
      for (auto [q, w] : net_->inputs[t]) {
        if (!seen[static_cast<size_t>(q)]) {
          seen[static_cast<size_t>(q)] = 1;
          todo.push_back(q);
        }
      }
    }
  }
  return names;
}

FlowTracker::Step FlowTracker::compute(int32_t state, int32_t label) {
  if (label < 0) return Step{state, Outcome::unknown, -1};
  const auto& candidates = by_label_[static_cast<size_t>(label)];
  const std::vector<Marking> closure = silent_closure(markings_[static_cast<size_t>(state)]);
  for (const Marking& m : closure) {
    for (int32_t t : candidates) {
      if (!net_->enabled(m, t)) continue;
      Marking next = m;
      net_->fire(next, t);
      return Step{intern(next), Outcome::fits, -1};
    }
  }
  // Not enabled anywhere: take the marking and transition that lack the fewest tokens (the fewest silent moves
  // on a tie), add what is lacking, fire.
  const Marking* best = nullptr;
  int32_t best_t = -1;
  int64_t best_missing = std::numeric_limits<int64_t>::max();
  for (const Marking& m : closure) {
    for (int32_t t : candidates) {
      int64_t lacking = 0;
      for (auto [p, w] : net_->inputs[static_cast<size_t>(t)]) lacking += std::max(0, w - m[static_cast<size_t>(p)]);
      if (lacking < best_missing) {
        best_missing = lacking;
        best = &m;
        best_t = t;
      }
    }
  }
  Marking next = *best;
  std::vector<std::vector<std::string>> groups;
  for (auto [p, w] : net_->inputs[static_cast<size_t>(best_t)]) {
    auto& tokens = next[static_cast<size_t>(p)];
    if (tokens >= w) continue;
    tokens = w;
    if (auto names = producers(p); !names.empty()) groups.push_back(std::move(names));
  }
  net_->fire(next, best_t);
  missing_.push_back(std::move(groups));
  return Step{intern(next), Outcome::out_of_order, static_cast<int32_t>(missing_.size() - 1)};
}

bool FlowTracker::complete(int32_t state) {
  int8_t& known = complete_[static_cast<size_t>(state)];
  if (known >= 0) return known == 1;
  bool reaches_final = false, step_possible = false;
  for (const Marking& m : silent_closure(markings_[static_cast<size_t>(state)])) {
    reaches_final = reaches_final || m == net_->final_marking;
    for (const auto& ts : by_label_)
      for (int32_t t : ts) step_possible = step_possible || net_->enabled(m, t);
  }
  // silent_closure may have interned nothing, so `known` is still a valid reference.
  known = reaches_final && !step_possible ? 1 : 0;
  return known == 1;
}

}  // namespace lf::engine
