// A* over the synchronous product. A search state is (marking, number of events explained); its moves are a
// log move (next event, same marking), a synchronous move (next event, a transition with its label) and a
// model move (same event, any enabled transition).
//
// The heuristic counts the remaining events that can no longer be synchronous: those whose activity no
// transition reachable from the marking carries, judged on the net's structure (places to transitions to
// places, tokens ignored). Each such event costs at least a log move, so the estimate never exceeds the true
// remaining cost; and firing a transition only narrows the set of reachable transitions, so the estimate drops
// by at most the cost of each move (it is consistent). The first time the goal leaves the queue, its cost is
// therefore optimal.
#include "engine/alignment.h"

#include <algorithm>
#include <map>

#include "engine/alignment_graph.h"

namespace lf::engine {

struct Aligner::Search {
  struct State {
    int32_t marking;
    int32_t pos;
    int64_t g;       // cost of the best path found so far
    int64_t h;       // estimate of the remaining cost
    int32_t parent;  // state index, -1 for the start
    int32_t transition;
    Move::Kind kind;
    bool closed;
  };
  struct Entry {
    int32_t state;
    int64_t g;  // the state's cost when queued; a later, cheaper path makes the entry stale
  };

  std::vector<State> states;
  std::vector<int32_t> slots;  // open addressing over (marking, pos): state indices, -1 = empty
  std::vector<uint32_t> used;  // occupied slots, cleared after each search
  // The open states by f = g + h, lowest first. With a consistent heuristic the f taken out never decreases,
  // and few distinct values are open at once. Within one f the state queued last is taken first: it is
  // usually the deepest, so searches dive to the goal. Only the choice among equally cheap alignments
  // depends on this order, and it depends on nothing but the trace and the net.
  std::map<int64_t, std::vector<Entry>> open;
  std::vector<std::vector<Entry>> spare;  // emptied buckets, kept for their memory
  // The heuristic of each marking met in this search, by position: estimates[estimate_at[m] + pos].
  std::vector<int32_t> estimate_at;  // by marking id, -1 = not yet computed for this trace
  std::vector<int32_t> estimated;    // markings whose estimates are set, to reset them
  std::vector<int64_t> estimates;

  void reset(size_t expected) {
    for (uint32_t s : used) slots[s] = -1;
    used.clear();
    for (int32_t m : estimated) estimate_at[static_cast<size_t>(m)] = -1;
    estimated.clear();
    estimates.clear();
    states.clear();
    for (auto& [f, bucket] : open) {
      bucket.clear();
      spare.push_back(std::move(bucket));
    }
    open.clear();
    size_t want = 1024;
    while (want < expected * 2) want *= 2;
    if (slots.size() < want) slots.assign(want, -1);
  }

  static uint64_t slot_hash(int32_t marking, int32_t pos) {
    uint64_t k = (static_cast<uint64_t>(static_cast<uint32_t>(marking)) << 32) | static_cast<uint32_t>(pos);
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return k;
  }

  void grow() {
    std::vector<int32_t> bigger(slots.size() * 2, -1);
    size_t mask = bigger.size() - 1;
    used.clear();
    for (size_t i = 0; i < states.size(); ++i) {
      size_t at = slot_hash(states[i].marking, states[i].pos) & mask;
      while (bigger[at] >= 0) at = (at + 1) & mask;
      bigger[at] = static_cast<int32_t>(i);
      used.push_back(static_cast<uint32_t>(at));
    }
    slots = std::move(bigger);
  }

  // The slot of (marking, pos): holding its state index, or empty (-1) where it would go.
  size_t find(int32_t marking, int32_t pos) const {
    size_t mask = slots.size() - 1;
    size_t at = slot_hash(marking, pos) & mask;
    for (; slots[at] >= 0; at = (at + 1) & mask) {
      const State& s = states[static_cast<size_t>(slots[at])];
      if (s.marking == marking && s.pos == pos) break;
    }
    return at;
  }

  void push(int32_t state) {
    const State& s = states[static_cast<size_t>(state)];
    auto [it, added] = open.try_emplace(s.g + s.h);
    if (added && !spare.empty()) {
      it->second = std::move(spare.back());
      spare.pop_back();
    }
    it->second.push_back({state, s.g});
  }

  // The next open state, or -1 when none is left.
  int32_t pop() {
    while (!open.empty()) {
      auto it = open.begin();
      Entry e = it->second.back();
      it->second.pop_back();
      if (it->second.empty()) {
        spare.push_back(std::move(it->second));
        open.erase(it);
      }
      const State& s = states[static_cast<size_t>(e.state)];
      if (!s.closed && s.g == e.g) return e.state;  // else superseded by a cheaper path
    }
    return -1;
  }
};

Aligner::Aligner(const PetriNet& net, const std::vector<std::string>& activities)
    : net_(std::make_unique<const PetriNet>(net)),
      graph_(std::make_unique<MarkingGraph>(*net_)),
      search_(std::make_unique<Search>()) {
  words_ = (activities.size() + 63) / 64;
  label_activity_.assign(net.transitions.size(), -1);
  for (size_t t = 0; t < net.transitions.size(); ++t) {
    if (net.transitions[t].silent()) continue;
    label_activity_[t] = -2;
    for (size_t a = 0; a < activities.size(); ++a) {
      if (activities[a] == net.transitions[t].label) {
        label_activity_[t] = static_cast<int32_t>(a);
        break;
      }
    }
  }
  find_futures();
}

// For each place, the log activities of the transitions reachable from it through arcs; transitions without
// input places are reachable from everywhere, and so is what follows them.
void Aligner::find_futures() {
  const PetriNet& net = *net_;
  const size_t places = net.places.size();
  std::vector<std::vector<int32_t>> consumers(places);
  for (size_t t = 0; t < net.transitions.size(); ++t) {
    for (auto [p, w] : net.inputs[t]) consumers[static_cast<size_t>(p)].push_back(static_cast<int32_t>(t));
  }
  // Depth-first from a set of transitions; marks the activities of every transition reached.
  auto reach = [&](std::vector<int32_t> stack, uint64_t* bits) {
    std::vector<char> seen(net.transitions.size(), 0);
    for (int32_t t : stack) seen[static_cast<size_t>(t)] = 1;
    while (!stack.empty()) {
      auto t = static_cast<size_t>(stack.back());
      stack.pop_back();
      if (label_activity_[t] >= 0) bits[label_activity_[t] / 64] |= uint64_t{1} << (label_activity_[t] % 64);
      for (auto [p, w] : net.outputs[t]) {
        for (int32_t next : consumers[static_cast<size_t>(p)]) {
          if (!seen[static_cast<size_t>(next)]) {
            seen[static_cast<size_t>(next)] = 1;
            stack.push_back(next);
          }
        }
      }
    }
  };
  place_future_.assign(places * words_, 0);
  for (size_t p = 0; p < places; ++p) reach(consumers[p], place_future_.data() + p * words_);
  std::vector<int32_t> sources;
  for (size_t t = 0; t < net.transitions.size(); ++t) {
    if (net.inputs[t].empty()) sources.push_back(static_cast<int32_t>(t));
  }
  anywhere_future_.assign(words_, 0);
  reach(sources, anywhere_future_.data());
}

// 10000 for each event from `pos` on whose activity is not in the marking's future; computed once per marking
// and trace, for every position at once.
int64_t Aligner::estimate(int32_t marking, int32_t pos, std::span<const int32_t> trace) {
  Search& s = *search_;
  auto m = static_cast<size_t>(marking);
  if (s.estimate_at.size() <= m) s.estimate_at.resize(graph_->size(), -1);
  if (s.estimate_at[m] < 0) {
    std::vector<uint64_t>& future = future_scratch_;
    future = anywhere_future_;
    std::span<const int32_t> tokens = graph_->tokens(marking);
    for (size_t p = 0; p < tokens.size(); ++p) {
      if (tokens[p] == 0) continue;
      for (size_t w = 0; w < words_; ++w) future[w] |= place_future_[p * words_ + w];
    }
    s.estimate_at[m] = static_cast<int32_t>(s.estimates.size());
    s.estimated.push_back(marking);
    size_t base = s.estimates.size();
    s.estimates.resize(base + trace.size() + 1, 0);
    for (size_t i = trace.size(); i-- > 0;) {
      auto a = static_cast<size_t>(trace[i]);
      bool possible = a / 64 < words_ && (future[a / 64] >> (a % 64) & 1) != 0;
      s.estimates[base + i] = s.estimates[base + i + 1] + (possible ? 0 : kDeviationCost);
    }
  }
  return s.estimates[static_cast<size_t>(s.estimate_at[m]) + static_cast<size_t>(pos)];
}

Aligner::~Aligner() = default;
Aligner::Aligner(Aligner&&) noexcept = default;

size_t Aligner::markings_explored() const { return graph_->size(); }

// Records a path of cost g to (marking, pos) when it is the first or a cheaper one, and queues the state.
void Aligner::relax(int32_t marking, int32_t pos, int64_t g, int32_t parent, Move::Kind kind, int32_t transition,
                    std::span<const int32_t> trace) {
  Search& s = *search_;
  size_t at = s.find(marking, pos);
  int32_t index = s.slots[at];
  if (index >= 0) {
    Search::State& st = s.states[static_cast<size_t>(index)];
    if (st.closed || st.g <= g) return;
    st.g = g;
    st.parent = parent;
    st.kind = kind;
    st.transition = transition;
  } else {
    index = static_cast<int32_t>(s.states.size());
    s.states.push_back({marking, pos, g, estimate(marking, pos, trace), parent, transition, kind, false});
    s.slots[at] = index;
    s.used.push_back(static_cast<uint32_t>(at));
    if (s.states.size() * 2 > s.slots.size()) s.grow();
  }
  s.push(index);
}

Result<Alignment> Aligner::align(std::span<const int32_t> trace) {
  Search& s = *search_;
  const auto n = static_cast<int32_t>(trace.size());
  s.reset(std::min<size_t>(graph_->size() * (trace.size() + 1), size_t{1} << 16));
  relax(graph_->initial(), 0, 0, -1, Move::Kind::sync, -1, trace);
  const int32_t goal_marking = graph_->final_marking();
  size_t expanded = 0;

  for (int32_t current = s.pop(); current >= 0; current = s.pop()) {
    Search::State& st = s.states[static_cast<size_t>(current)];
    st.closed = true;
    const int32_t marking = st.marking, pos = st.pos;
    const int64_t g = st.g;
    if (marking == goal_marking && pos == n) {
      Alignment out;
      out.cost = g;
      out.states = expanded;
      for (int32_t i = current; s.states[static_cast<size_t>(i)].parent >= 0;
           i = s.states[static_cast<size_t>(i)].parent) {
        const Search::State& x = s.states[static_cast<size_t>(i)];
        Move m;
        m.kind = x.kind;
        m.transition = x.kind == Move::Kind::log ? -1 : x.transition;
        // The event a sync or log move explains is the one at its parent's position.
        if (x.kind != Move::Kind::model) m.activity = trace[static_cast<size_t>(x.pos - 1)];
        out.moves.push_back(m);
      }
      std::reverse(out.moves.begin(), out.moves.end());
      return out;
    }
    if (++expanded > max_states) {
      Error err = make_error("alignment.too_large");
      err.detail = "more than " + std::to_string(max_states) + " search states for a trace of " +
                   std::to_string(trace.size()) + " events";
      return err;
    }
    const int32_t activity = pos < n ? trace[static_cast<size_t>(pos)] : -3;
    if (pos < n) relax(marking, pos + 1, g + kDeviationCost, current, Move::Kind::log, -1, trace);
    // successors() may grow the graph; relax() does not, so the edges stay valid through the loop.
    for (const MarkingGraph::Edge& edge : graph_->successors(marking)) {
      int32_t label = label_activity_[static_cast<size_t>(edge.transition)];
      if (label >= 0 && label == activity) {
        relax(edge.target, pos + 1, g, current, Move::Kind::sync, edge.transition, trace);
      }
      relax(edge.target, pos, g + (label == -1 ? kSilentMoveCost : kDeviationCost), current, Move::Kind::model,
            edge.transition, trace);
    }
  }
  Error err = make_error("alignment.no_final_marking");
  err.detail = "the final marking cannot be reached from the initial marking";
  return err;
}

Result<int64_t> Aligner::cheapest_run() {
  if (!cheapest_run_) {
    LF_TRY(Alignment run, align({}));
    cheapest_run_ = run.cost;
  }
  return *cheapest_run_;
}

}  // namespace lf::engine
