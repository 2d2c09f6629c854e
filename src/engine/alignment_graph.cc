#include "engine/alignment_graph.h"

#include <algorithm>

namespace lf::engine {

MarkingGraph::MarkingGraph(const PetriNet& net) : net_(net), places_(net.places.size()) {
  table_.assign(64, -1);
  Marking m = net.initial;
  m.resize(places_, 0);
  initial_ = intern(m);
  m = net.final_marking;
  m.resize(places_, 0);
  final_ = intern(m);
}

uint64_t MarkingGraph::hash(std::span<const int32_t> m) const {
  uint64_t h = 0x9e3779b97f4a7c15ull;
  for (int32_t v : m) {
    h ^= static_cast<uint64_t>(static_cast<uint32_t>(v)) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  }
  return h * 0xff51afd7ed558ccdull;
}

void MarkingGraph::grow_table() {
  std::vector<int32_t> bigger(table_.size() * 2, -1);
  size_t mask = bigger.size() - 1;
  for (int32_t id : table_) {
    if (id < 0) continue;
    size_t at = hashes_[static_cast<size_t>(id)] & mask;
    while (bigger[at] >= 0) at = (at + 1) & mask;
    bigger[at] = id;
  }
  table_ = std::move(bigger);
}

int32_t MarkingGraph::intern(std::span<const int32_t> marking) {
  uint64_t h = hash(marking);
  size_t mask = table_.size() - 1;
  size_t at = h & mask;
  for (; table_[at] >= 0; at = (at + 1) & mask) {
    auto id = static_cast<size_t>(table_[at]);
    if (hashes_[id] == h && std::equal(marking.begin(), marking.end(), arena_.begin() + id * places_)) {
      return table_[at];
    }
  }
  auto id = static_cast<int32_t>(expanded_.size());
  arena_.insert(arena_.end(), marking.begin(), marking.end());
  hashes_.push_back(h);
  expanded_.push_back(-1);
  edge_count_.push_back(0);
  table_[at] = id;
  // Keep the table at most half full so that probes stay short.
  if (expanded_.size() * 2 > table_.size()) grow_table();
  return id;
}

std::span<const MarkingGraph::Edge> MarkingGraph::successors(int32_t marking) {
  auto m = static_cast<size_t>(marking);
  if (expanded_[m] < 0) {
    auto start = static_cast<int32_t>(edges_.size());
    for (int32_t t = 0; t < static_cast<int32_t>(net_.transitions.size()); ++t) {
      // Read the tokens afresh each time: intern() may move the arena.
      std::span<const int32_t> from = tokens(marking);
      bool enabled = true;
      for (auto [p, w] : net_.inputs[static_cast<size_t>(t)]) {
        if (from[static_cast<size_t>(p)] < w) {
          enabled = false;
          break;
        }
      }
      if (!enabled) continue;
      scratch_.assign(from.begin(), from.end());
      for (auto [p, w] : net_.inputs[static_cast<size_t>(t)]) scratch_[static_cast<size_t>(p)] -= w;
      for (auto [p, w] : net_.outputs[static_cast<size_t>(t)]) scratch_[static_cast<size_t>(p)] += w;
      int32_t target = intern(scratch_);
      edges_.push_back({t, target});
    }
    expanded_[m] = start;
    edge_count_[m] = static_cast<int32_t>(edges_.size()) - start;
  }
  return {edges_.data() + expanded_[m], static_cast<size_t>(edge_count_[m])};
}

}  // namespace lf::engine
