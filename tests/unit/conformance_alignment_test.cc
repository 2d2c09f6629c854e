// Alignments on small hand-made nets: skips, swaps, loops, silent choices and parallel branches, checked
// against hand-computed costs and against an exhaustive search on random traces.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "conformance_nets.h"
#include "engine/alignment.h"

namespace lf {
namespace {

using engine::Aligner;
using engine::Move;
using engine::PetriNet;
using testing::log_of;
using testing::net_of;

// The cost of the optimal alignment of one trace (activity names separated by spaces).
int64_t cost(const PetriNet& net, const std::string& trace) {
  engine::EventLog log = log_of({trace});
  Aligner aligner(net, log.activities);
  auto a = aligner.align(log.trace(0));
  EXPECT_TRUE(a.ok()) << a.error().code;
  return a.ok() ? a->cost : -1;
}

// Reference costs by brute force: every reachable marking, then relaxation of every move until nothing
// changes (Bellman–Ford over the synchronous product). Slow, simple, and independent of the A* code.
int64_t exhaustive_cost(const PetriNet& net, const std::vector<std::string>& trace) {
  std::vector<engine::Marking> markings{net.initial};
  std::map<engine::Marking, size_t> index{{net.initial, 0}};
  for (size_t i = 0; i < markings.size(); ++i) {
    for (int32_t t = 0; t < static_cast<int32_t>(net.transitions.size()); ++t) {
      if (!net.enabled(markings[i], t)) continue;
      engine::Marking next = markings[i];
      net.fire(next, t);
      if (index.emplace(next, markings.size()).second) markings.push_back(next);
    }
  }
  const size_t n = trace.size();
  const int64_t inf = INT64_MAX / 4;
  std::vector<int64_t> dist(markings.size() * (n + 1), inf);
  auto at = [&](size_t m, size_t pos) -> int64_t& { return dist[m * (n + 1) + pos]; };
  at(0, 0) = 0;
  for (bool changed = true; changed;) {
    changed = false;
    auto relax = [&](size_t m, size_t pos, int64_t d) {
      if (d < at(m, pos)) {
        at(m, pos) = d;
        changed = true;
      }
    };
    for (size_t m = 0; m < markings.size(); ++m) {
      for (size_t pos = 0; pos <= n; ++pos) {
        int64_t d = at(m, pos);
        if (d == inf) continue;
        if (pos < n) relax(m, pos + 1, d + 10000);
        for (int32_t t = 0; t < static_cast<int32_t>(net.transitions.size()); ++t) {
          if (!net.enabled(markings[m], t)) continue;
          engine::Marking next = markings[m];
          net.fire(next, t);
          size_t m2 = index.at(next);
          const std::string& label = net.transitions[t].label;
          relax(m2, pos, d + (label.empty() ? 1 : 10000));
          if (pos < n && !label.empty() && label == trace[pos]) relax(m2, pos + 1, d);
        }
      }
    }
  }
  auto final_it = index.find(net.final_marking);
  return final_it == index.end() ? -1 : at(final_it->second, n);
}

TEST(Alignment, FittingTraceIsAllSynchronous) {
  engine::EventLog log = log_of({"a b c"});
  Aligner aligner(testing::sequence_net(), log.activities);
  auto a = aligner.align(log.trace(0));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->cost, 0);
  ASSERT_EQ(a->moves.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(a->moves[i].kind, Move::Kind::sync);
    EXPECT_EQ(a->moves[i].transition, i);
    EXPECT_EQ(a->moves[i].activity, i);
  }
}

TEST(Alignment, SkippedStepIsOneModelMove) {
  engine::EventLog log = log_of({"a c"});
  PetriNet net = testing::sequence_net();
  Aligner aligner(net, log.activities);
  auto a = aligner.align(log.trace(0));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->cost, 10000);
  EXPECT_EQ(a->moves, (std::vector<Move>{{Move::Kind::sync, 0, 0}, {Move::Kind::model, 1, -1}, {Move::Kind::sync, 2, 1}}));
}

TEST(Alignment, SwappedStepsCostTwoDeviations) {
  EXPECT_EQ(cost(testing::sequence_net(), "a c b"), 20000);
  EXPECT_EQ(cost(testing::sequence_net(), "b a c"), 20000);
  EXPECT_EQ(cost(testing::sequence_net(), "c b a"), 40000);
}

TEST(Alignment, ActivityTheNetLacksIsALogMove) {
  EXPECT_EQ(cost(testing::sequence_net(), "a x b c"), 10000);
  EXPECT_EQ(cost(testing::sequence_net(), "x y"), 50000);  // two log moves and the three steps as model moves
}

TEST(Alignment, LoopGoesBackThroughSilentMoves) {
  EXPECT_EQ(cost(testing::loop_net(), "a b c"), 0);
  EXPECT_EQ(cost(testing::loop_net(), "a b b b c"), 2);
  EXPECT_EQ(cost(testing::loop_net(), "a c"), 10000);
  EXPECT_EQ(cost(testing::loop_net(), "a b c b"), 10000);
}

TEST(Alignment, SilentChoiceCostsOne) {
  EXPECT_EQ(cost(testing::optional_net(), "a b c"), 0);
  EXPECT_EQ(cost(testing::optional_net(), "a c"), 1);
  EXPECT_EQ(cost(testing::optional_net(), "a"), 10001);
}

TEST(Alignment, ParallelBranchesInEitherOrder) {
  EXPECT_EQ(cost(testing::parallel_net(), "a b c d"), 2);
  EXPECT_EQ(cost(testing::parallel_net(), "a c b d"), 2);
  EXPECT_EQ(cost(testing::parallel_net(), "a c d"), 10002);
  EXPECT_EQ(cost(testing::parallel_net(), "a d b c"), 20002);
}

TEST(Alignment, DuplicateLabelsFollowTheTrace) {
  // Two transitions carry "b": one before c, one after it.
  PetriNet net = net_of({{"a", {"source"}, {"p1"}},
                         {"", {"p1"}, {"x1"}},
                         {"", {"p1"}, {"y1"}},
                         {"b", {"x1"}, {"x2"}},
                         {"c", {"x2"}, {"p2"}},
                         {"c", {"y1"}, {"y2"}},
                         {"b", {"y2"}, {"p2"}},
                         {"d", {"p2"}, {"sink"}}});
  EXPECT_EQ(cost(net, "a b c d"), 1);
  EXPECT_EQ(cost(net, "a c b d"), 1);
}

TEST(Alignment, CheapestRunOfTheNet) {
  for (auto [net, expected] : std::vector<std::pair<PetriNet, int64_t>>{{testing::sequence_net(), 30000},
                                                                        {testing::loop_net(), 30000},
                                                                        {testing::optional_net(), 20001},
                                                                        {testing::parallel_net(), 40002}}) {
    Aligner aligner(net, {});
    auto run = aligner.cheapest_run();
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(*run, expected);
  }
}

TEST(Alignment, MovesExplainTheTraceAndRunTheNet) {
  PetriNet net = testing::parallel_net();
  engine::EventLog log = log_of({"d a x c c"});
  Aligner aligner(net, log.activities);
  auto a = aligner.align(log.trace(0));
  ASSERT_TRUE(a.ok());
  std::vector<int32_t> explained;
  engine::Marking m = net.initial;
  int64_t total = 0;
  for (const Move& move : a->moves) {
    if (move.kind != Move::Kind::model) explained.push_back(move.activity);
    if (move.kind != Move::Kind::log) {
      ASSERT_TRUE(net.enabled(m, move.transition));
      net.fire(m, move.transition);
    }
    if (move.kind == Move::Kind::sync) {
      EXPECT_EQ(net.transitions[move.transition].label, log.activity_name(move.activity));
    }
    if (move.kind == Move::Kind::log) total += 10000;
    if (move.kind == Move::Kind::model) total += net.transitions[move.transition].silent() ? 1 : 10000;
  }
  EXPECT_EQ(explained, log.trace(0));
  EXPECT_EQ(m, net.final_marking);
  EXPECT_EQ(total, a->cost);
}

TEST(Alignment, MatchesAnExhaustiveSearch) {
  std::mt19937 random(20240301);
  const std::vector<std::string> alphabet{"a", "b", "c", "d", "x"};
  for (const PetriNet& net : {testing::sequence_net(), testing::loop_net(), testing::optional_net(),
                              testing::parallel_net()}) {
    for (int i = 0; i < 60; ++i) {
      std::vector<std::string> trace(random() % 7);
      std::string text;
      for (auto& a : trace) {
        a = alphabet[random() % alphabet.size()];
        text += (text.empty() ? "" : " ") + a;
      }
      EXPECT_EQ(cost(net, text), exhaustive_cost(net, trace)) << "trace: " << text;
    }
  }
}

TEST(Alignment, UnreachableFinalMarkingIsAnError) {
  PetriNet net = net_of({{"a", {"source"}, {"p1"}}, {"b", {"elsewhere"}, {"sink"}}});
  Aligner aligner(net, {});
  auto a = aligner.align({});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, "alignment.no_final_marking");
}

TEST(Alignment, UnboundedSearchStopsAtTheLimit) {
  // A silent transition that keeps adding tokens, and no way to the final marking.
  PetriNet net = net_of({{"", {"source"}, {"source", "heap"}}, {"a", {"elsewhere"}, {"sink"}}});
  Aligner aligner(net, {});
  aligner.max_states = 1000;
  auto a = aligner.align({});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, "alignment.too_large");
}

TEST(Alignment, FitnessCountsWholeDeviationsOnly) {
  EXPECT_EQ(engine::alignment_fitness(2, 90002), 1.0);
  EXPECT_EQ(engine::alignment_fitness(10002, 90002), 1.0 - 1.0 / 9.0);
  EXPECT_EQ(engine::alignment_fitness(30004, 170002), 1.0 - 3.0 / 17.0);
}

TEST(Alignment, LogFiguresAsPm4pyComputesThem) {
  engine::EventLog log = log_of({"a c", "a b c", "a c", "a d c"});
  auto r = engine::align_log(testing::optional_net(), log);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->variants.size(), 3u);  // "a c" is aligned once for both cases
  EXPECT_EQ(r->cheapest_run, 20001);
  std::vector<int64_t> costs, bwcs;
  for (const auto& c : r->cases) {
    costs.push_back(c.cost);
    bwcs.push_back(c.bwc);
  }
  EXPECT_EQ(costs, (std::vector<int64_t>{1, 0, 1, 10001}));
  EXPECT_EQ(bwcs, (std::vector<int64_t>{40001, 50001, 40001, 50001}));
  EXPECT_EQ(r->cases[3].fitness, 1.0 - 1.0 / 5.0);
  EXPECT_FALSE(r->cases[3].fitting);
  EXPECT_EQ(r->percentage_of_fitting_traces, 75.0);
  EXPECT_EQ(r->average_trace_fitness, (1.0 + 1.0 + 1.0 + 0.8) / 4.0);
  EXPECT_EQ(r->log_fitness, 1.0 - 10003.0 / 180004.0);
}

TEST(Alignment, ThreadsDoNotChangeResults) {
  std::vector<std::string> traces;
  for (const char* t : {"a b c d", "a c b d", "a d", "d c b a", "a b b c d", "a x c b d", "", "b c"}) traces.push_back(t);
  engine::EventLog log = log_of(traces);
  auto one = engine::align_log(testing::parallel_net(), log, 1);
  auto many = engine::align_log(testing::parallel_net(), log, 5);
  ASSERT_TRUE(one.ok() && many.ok());
  for (size_t v = 0; v < one->alignments.size(); ++v) {
    EXPECT_EQ(one->alignments[v].cost, many->alignments[v].cost);
    EXPECT_EQ(one->alignments[v].moves, many->alignments[v].moves);
  }
  EXPECT_EQ(one->log_fitness, many->log_fitness);
}

}  // namespace
}  // namespace lf
