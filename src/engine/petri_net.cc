#include "engine/petri_net.h"

#include <algorithm>

namespace lf::engine {
namespace {

// Adds `weight` to the arc to `place`, or appends one: a place appears at most once per side of a
// transition, so that enabled() can compare each entry with the marking on its own.
void add_arc(std::vector<std::pair<int32_t, int32_t>>& arcs, int32_t place, int32_t weight) {
  for (auto& [p, w] : arcs) {
    if (p == place) {
      w += weight;
      return;
    }
  }
  arcs.emplace_back(place, weight);
}

}  // namespace

int32_t PetriNet::add_place(std::string place_id, std::string place_name) {
  places.push_back({std::move(place_id), std::move(place_name)});
  // The markings are indexed by place; keep them as long as the place list.
  initial.resize(places.size(), 0);
  final_marking.resize(places.size(), 0);
  return static_cast<int32_t>(places.size() - 1);
}

int32_t PetriNet::add_transition(std::string transition_id, std::string label) {
  transitions.push_back({std::move(transition_id), std::move(label)});
  inputs.resize(transitions.size());
  outputs.resize(transitions.size());
  return static_cast<int32_t>(transitions.size() - 1);
}

void PetriNet::add_input(int32_t transition, int32_t place, int32_t weight) {
  add_arc(inputs[transition], place, weight);
}

void PetriNet::add_output(int32_t transition, int32_t place, int32_t weight) {
  add_arc(outputs[transition], place, weight);
}

int32_t PetriNet::place_index(const std::string& place_id) const {
  for (size_t i = 0; i < places.size(); ++i) {
    if (places[i].id == place_id) return static_cast<int32_t>(i);
  }
  return -1;
}

int32_t PetriNet::transition_index(const std::string& transition_id) const {
  for (size_t i = 0; i < transitions.size(); ++i) {
    if (transitions[i].id == transition_id) return static_cast<int32_t>(i);
  }
  return -1;
}

bool PetriNet::enabled(const Marking& m, int32_t transition) const {
  for (auto [p, w] : inputs[transition]) {
    if (m[p] < w) return false;
  }
  return true;
}

void PetriNet::fire(Marking& m, int32_t transition) const {
  for (auto [p, w] : inputs[transition]) m[p] -= w;
  for (auto [p, w] : outputs[transition]) m[p] += w;
}

std::vector<std::string> PetriNet::labels() const {
  std::vector<std::string> out;
  for (const auto& t : transitions) {
    if (!t.silent()) out.push_back(t.label);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

size_t PetriNet::silent_count() const {
  return static_cast<size_t>(
      std::count_if(transitions.begin(), transitions.end(), [](const Transition& t) { return t.silent(); }));
}

}  // namespace lf::engine
