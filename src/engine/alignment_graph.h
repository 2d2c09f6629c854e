// The reachability graph of a Petri net, explored on demand: markings are numbered as they are first reached,
// and a marking's successors (one per enabled transition) are computed once and kept. Alignments of the
// successive traces of a log walk the same graph, so the net is only ever fired once per (marking,
// transition). Not thread-safe: one per thread.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "engine/petri_net.h"

namespace lf::engine {

class MarkingGraph {
 public:
  struct Edge {
    int32_t transition;
    int32_t target;  // marking id
  };

  explicit MarkingGraph(const PetriNet& net);

  // The id of a marking, numbering it when new.
  int32_t intern(std::span<const int32_t> marking);
  // The transitions enabled in a marking and the markings they lead to, in transition order.
  std::span<const Edge> successors(int32_t marking);
  std::span<const int32_t> tokens(int32_t marking) const {
    return {arena_.data() + static_cast<size_t>(marking) * places_, places_};
  }
  int32_t initial() const { return initial_; }
  int32_t final_marking() const { return final_; }
  size_t size() const { return expanded_.size(); }

 private:
  uint64_t hash(std::span<const int32_t> m) const;
  void grow_table();

  const PetriNet& net_;
  size_t places_;
  std::vector<int32_t> arena_;  // markings one after another, `places_` counts each
  std::vector<int32_t> table_;  // open addressing: marking ids, -1 = empty
  std::vector<uint64_t> hashes_;  // per marking, to rehash and to compare cheaply
  // Per marking: where its successors start in edges_, or -1 when not yet computed; and how many.
  std::vector<int32_t> expanded_, edge_count_;
  std::vector<Edge> edges_;
  int32_t initial_ = -1, final_ = -1;
  std::vector<int32_t> scratch_;
};

}  // namespace lf::engine
