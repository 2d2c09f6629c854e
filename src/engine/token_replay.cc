// PM4Py's token replay, rule by rule (pm4py.algo.conformance.tokenreplay, variant token_replay, default
// parameters: silent transitions walked through, the final marking sought through silent transitions, remaining
// tokens counted against fitness). Where PM4Py iterates Python sets (arcs of a place or a transition), the
// net's own order is used; that choice only matters when two chains of silent transitions of the same length
// compete.
#include "engine/token_replay.h"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <thread>

namespace lf::engine {
namespace {

// PM4Py stops looking for silent chains this many transitions deep, and nests the search for the silent
// transitions that enable other silent transitions this many times.
constexpr int kMaxChainDepth = 50;
constexpr int kMaxEnablingDepth = 2;
// Rounds of firing chains towards the final marking at the end of a trace, in each of PM4Py's two attempts.
constexpr int kFinalRounds = 5;

int64_t weight_sum(const std::vector<std::pair<int32_t, int32_t>>& arcs) {
  int64_t n = 0;
  for (auto [p, w] : arcs) n += w;
  return n;
}

}  // namespace

// A marking that remembers the order in which its places got their tokens, like the Python dictionary PM4Py
// keeps: the last attempt to reach the final marking walks places in that order.
struct TokenReplayer::Run {
  const PetriNet& net;
  std::vector<int32_t> tokens;
  std::vector<int32_t> order;  // marked places, in order of (re)gaining tokens
  std::vector<char> visited;   // silent transitions already tried for the current event
  int64_t produced = 0, consumed = 0;

  explicit Run(const PetriNet& n) : net(n), tokens(n.places.size(), 0), visited(n.transitions.size(), 0) {}

  void add(int32_t p, int32_t w) {
    if (tokens[static_cast<size_t>(p)] == 0) order.push_back(p);
    tokens[static_cast<size_t>(p)] += w;
  }
  void take(int32_t p, int32_t w) {
    tokens[static_cast<size_t>(p)] -= w;
    if (tokens[static_cast<size_t>(p)] == 0) order.erase(std::find(order.begin(), order.end(), p));
  }
  bool enabled(int32_t t) const {
    for (auto [p, w] : net.inputs[static_cast<size_t>(t)]) {
      if (tokens[static_cast<size_t>(p)] < w) return false;
    }
    return true;
  }
  // Fires an enabled transition and counts its tokens.
  void fire(int32_t t) {
    for (auto [p, w] : net.inputs[static_cast<size_t>(t)]) take(p, w);
    for (auto [p, w] : net.outputs[static_cast<size_t>(t)]) add(p, w);
    consumed += weight_sum(net.inputs[static_cast<size_t>(t)]);
    produced += weight_sum(net.outputs[static_cast<size_t>(t)]);
  }
  // Marked places, sorted as PM4Py sorts them (by id).
  std::vector<int32_t> marked_by_rank(const std::vector<int32_t>& rank) const {
    std::vector<int32_t> out = order;
    std::sort(out.begin(), out.end(), [&](int32_t a, int32_t b) { return rank[a] < rank[b]; });
    return out;
  }
};

TokenReplayer::TokenReplayer(const PetriNet& net, const std::vector<std::string>& activities) : net_(net) {
  by_activity_.resize(activities.size());
  for (size_t a = 0; a < activities.size(); ++a) {
    for (size_t t = 0; t < net.transitions.size(); ++t) {
      if (!net.transitions[t].silent() && net.transitions[t].label == activities[a]) {
        by_activity_[a].push_back(static_cast<int32_t>(t));
      }
    }
  }
  std::vector<int32_t> sorted(net.places.size());
  std::iota(sorted.begin(), sorted.end(), 0);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](int32_t a, int32_t b) { return net.places[a].id < net.places[b].id; });
  place_rank_.resize(net.places.size());
  for (size_t i = 0; i < sorted.size(); ++i) place_rank_[static_cast<size_t>(sorted[i])] = static_cast<int32_t>(i);
  consumers_.resize(net.places.size());
  for (size_t t = 0; t < net.transitions.size(); ++t) {
    for (auto [p, w] : net.inputs[t]) consumers_[static_cast<size_t>(p)].push_back(static_cast<int32_t>(t));
  }
  find_silent_paths();
}

// From each place, a depth-first walk through silent transitions records for every place it reaches the
// chain that got there, replacing it only by a strictly shorter one (PM4Py's get_places_shortest_path). A
// silent transition's other input places are ignored: the chain is a hint, not a guarantee.
void TokenReplayer::find_silent_paths() {
  const size_t places = net_.places.size();
  std::vector<std::vector<int32_t>> best(places);
  std::vector<char> found(places);
  paths_.assign(places, {});
  for (size_t from = 0; from < places; ++from) {
    std::fill(found.begin(), found.end(), 0);
    for (auto& b : best) b.clear();
    auto walk = [&](auto& self, int32_t at, const std::vector<int32_t>& chain, int depth) -> void {
      if (depth > kMaxChainDepth) return;
      for (int32_t t : consumers_[static_cast<size_t>(at)]) {
        if (!net_.transitions[static_cast<size_t>(t)].silent()) continue;
        for (auto [p, w] : net_.outputs[static_cast<size_t>(t)]) {
          auto q = static_cast<size_t>(p);
          if (found[q] && chain.size() + 1 >= best[q].size()) continue;
          std::vector<int32_t> longer = chain;
          longer.push_back(t);
          best[q] = longer;
          found[q] = 1;
          self(self, p, longer, depth + 1);
        }
      }
    };
    walk(walk, static_cast<int32_t>(from), {}, 0);
    for (size_t q = 0; q < places; ++q) {
      if (found[q]) paths_[from].emplace_back(static_cast<int32_t>(q), std::move(best[q]));
    }
  }
}

const std::vector<int32_t>& TokenReplayer::silent_path(int32_t from, int32_t to) const {
  static const std::vector<int32_t> none;
  const auto& row = paths_[static_cast<size_t>(from)];
  auto it = std::lower_bound(row.begin(), row.end(), to, [](const auto& e, int32_t p) { return e.first < p; });
  return it != row.end() && it->first == to ? it->second : none;
}

namespace {

// The silent chains from every marked place to every target place (both taken in id order), shortest first.
std::vector<const std::vector<int32_t>*> chains(const TokenReplayer& r, const std::vector<int32_t>& from,
                                                const std::vector<int32_t>& to) {
  std::vector<const std::vector<int32_t>*> out;
  for (int32_t p1 : from) {
    for (int32_t p2 : to) {
      const auto& path = r.silent_path(p1, p2);
      if (!path.empty()) out.push_back(&path);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
  return out;
}

}  // namespace

CaseReplay TokenReplayer::replay(std::span<const int32_t> trace) const {
  Run run(net_);
  for (size_t p = 0; p < net_.places.size(); ++p) {
    if (net_.initial[p] > 0) run.add(static_cast<int32_t>(p), net_.initial[p]);
  }
  run.produced = std::accumulate(net_.initial.begin(), net_.initial.end(), int64_t{0});
  int64_t missing = 0;

  // Fires chains of silent transitions towards the places `t` lacks tokens in (PM4Py's enable_hidden_transitions):
  // the chains are walked in turn, each from where it was left, until `t` is enabled or a chain gives nothing.
  auto walk_chains = [&](int32_t t, const std::vector<const std::vector<int32_t>*>& groups) {
    std::vector<size_t> next(groups.size(), 0);
    for (size_t z = 0;; ++z) {
      size_t g = z % groups.size();
      bool changed = false;
      const auto& chain = *groups[g];
      for (; next[g] < chain.size();) {
        int32_t t3 = chain[next[g]++];
        if (t3 != t && run.enabled(t3) && !run.visited[static_cast<size_t>(t3)]) {
          run.fire(t3);
          run.visited[static_cast<size_t>(t3)] = 1;
          changed = true;
        }
        if (run.enabled(t)) break;
      }
      if (run.enabled(t) || !changed) return;
    }
  };

  // PM4Py's apply_hidden_trans: silent chains towards the missing places; failing that, each silent transition
  // of those chains that is not enabled is itself enabled the same way, one level deeper.
  auto enable_through_silent = [&](auto& self, int32_t t, int depth) -> void {
    if (depth >= kMaxEnablingDepth || run.visited[static_cast<size_t>(t)]) return;
    run.visited[static_cast<size_t>(t)] = 1;
    std::vector<int32_t> lacking;
    for (auto [p, w] : net_.inputs[static_cast<size_t>(t)]) {
      if (run.tokens[static_cast<size_t>(p)] < w) lacking.push_back(p);
    }
    std::sort(lacking.begin(), lacking.end(), [&](int32_t a, int32_t b) { return place_rank_[a] < place_rank_[b]; });
    auto groups = chains(*this, run.marked_by_rank(place_rank_), lacking);
    if (groups.empty()) return;
    walk_chains(t, groups);
    if (run.enabled(t)) return;
    for (const auto* chain : chains(*this, run.marked_by_rank(place_rank_), lacking)) {
      for (int32_t t4 : *chain) {
        if (t4 == t || run.visited[static_cast<size_t>(t4)]) continue;
        if (!run.enabled(t4)) self(self, t4, depth + 1);
        if (run.enabled(t4)) {
          run.fire(t4);
          run.visited[static_cast<size_t>(t4)] = 1;
        }
      }
    }
    // PM4Py then retries `t` itself one level deeper when the marking changed; `t` is marked visited by then,
    // so the retry returns at once and is left out here.
  };

  for (int32_t activity : trace) {
    if (activity < 0 || static_cast<size_t>(activity) >= by_activity_.size()) continue;
    const auto& candidates = by_activity_[static_cast<size_t>(activity)];
    if (candidates.empty()) continue;  // an activity the net does not know: skipped, as PM4Py does
    int32_t t = candidates.back();
    for (int32_t c : candidates) {
      if (run.enabled(c)) {
        t = c;
        break;
      }
    }
    if (!run.enabled(t)) {
      std::fill(run.visited.begin(), run.visited.end(), 0);
      enable_through_silent(enable_through_silent, t, 0);
    }
    if (!run.enabled(t)) {
      // PM4Py adds the arc's weight to what the place holds and counts the difference as missing.
      for (auto [p, w] : net_.inputs[static_cast<size_t>(t)]) {
        int32_t have = run.tokens[static_cast<size_t>(p)];
        if (have < w) {
          missing += w - have;
          run.add(p, w);
        }
      }
    }
    run.fire(t);
  }

  // Towards the final marking: first chains from marked places to the final marking's places, then (a net with
  // one final place) chains to it walked step by step.
  std::vector<int32_t> final_places;
  for (size_t p = 0; p < net_.places.size(); ++p) {
    if (net_.final_marking[p] > 0) final_places.push_back(static_cast<int32_t>(p));
  }
  auto final_places_marked = [&] {
    for (int32_t p : final_places) {
      if (run.tokens[static_cast<size_t>(p)] == 0) return false;
    }
    return true;
  };
  std::vector<int32_t> final_by_rank = final_places;
  std::sort(final_by_rank.begin(), final_by_rank.end(),
            [&](int32_t a, int32_t b) { return place_rank_[a] < place_rank_[b]; });
  for (int round = 0; round < kFinalRounds && !final_places_marked(); ++round) {
    for (const auto* chain : chains(*this, run.marked_by_rank(place_rank_), final_by_rank)) {
      for (int32_t t : *chain) {
        if (run.enabled(t)) run.fire(t);
      }
      if (final_places_marked()) break;
    }
  }
  if (!final_places_marked() && final_places.size() == 1) {
    std::vector<const std::vector<int32_t>*> to_sink;
    for (int32_t p : run.order) {
      const auto& path = silent_path(p, final_places[0]);
      if (!path.empty()) to_sink.push_back(&path);
    }
    std::stable_sort(to_sink.begin(), to_sink.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
    for (int round = 0; round < kFinalRounds; ++round) {
      for (const auto* chain : to_sink) {
        for (int32_t t : *chain) {
          if (!run.enabled(t)) break;
          run.fire(t);
        }
      }
    }
  }

  CaseReplay out;
  int64_t remaining = 0, short_of_final = 0;
  for (size_t p = 0; p < net_.places.size(); ++p) {
    remaining += std::max(0, run.tokens[p] - net_.final_marking[p]);
    short_of_final += std::max(0, net_.final_marking[p] - run.tokens[p]);
  }
  // PM4Py decides fitness before it adds the final marking's own shortfall to the missing tokens.
  out.fitting = missing == 0 && remaining == 0;
  out.missing = missing + short_of_final;
  out.remaining = remaining;
  out.produced = run.produced;
  out.consumed = run.consumed + std::accumulate(net_.final_marking.begin(), net_.final_marking.end(), int64_t{0});
  if (out.consumed > 0 && out.produced > 0) {
    out.fitness = 0.5 * (1.0 - static_cast<double>(out.missing) / static_cast<double>(out.consumed)) +
                  0.5 * (1.0 - static_cast<double>(out.remaining) / static_cast<double>(out.produced));
  }
  return out;
}

LogReplay replay_log(const PetriNet& net, const EventLog& log, int threads) {
  LogReplay out;
  out.variants = log.variants();
  TokenReplayer replayer(net, log.activities);
  std::vector<CaseReplay> results(out.variants.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t v = next++; v < results.size(); v = next++) results[v] = replayer.replay(out.variants[v].activities);
  };
  size_t workers = std::clamp<size_t>(threads < 1 ? 1 : static_cast<size_t>(threads), 1,
                                      std::max<size_t>(results.size(), 1));
  std::vector<std::thread> pool;
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();

  out.cases.resize(log.cases.size());
  for (size_t v = 0; v < results.size(); ++v) {
    for (size_t c : out.variants[v].cases) {
      out.cases[c] = results[v];
      out.cases[c].variant = v;
    }
  }
  size_t fitting = 0;
  double fitness_sum = 0.0;
  for (const CaseReplay& c : out.cases) {
    fitting += c.fitting ? 1 : 0;
    fitness_sum += c.fitness;
    out.produced += c.produced;
    out.consumed += c.consumed;
    out.missing += c.missing;
    out.remaining += c.remaining;
  }
  if (!out.cases.empty()) {
    auto n = static_cast<double>(out.cases.size());
    out.percentage_of_fitting_traces = 100.0 * static_cast<double>(fitting) / n;
    out.average_trace_fitness = fitness_sum / n;
    out.log_fitness = 0.5 * (1.0 - static_cast<double>(out.missing) / static_cast<double>(out.consumed)) +
                      0.5 * (1.0 - static_cast<double>(out.remaining) / static_cast<double>(out.produced));
  }
  return out;
}

}  // namespace lf::engine
