// Token-based replay on small hand-made nets: the counts PM4Py's rules give, worked out by hand.
#include <gtest/gtest.h>

#include "conformance_nets.h"
#include "engine/token_replay.h"

namespace lf {
namespace {

using engine::CaseReplay;
using testing::log_of;

CaseReplay replay(const engine::PetriNet& net, const std::string& trace) {
  engine::EventLog log = log_of({trace});
  return engine::TokenReplayer(net, log.activities).replay(log.trace(0));
}

void expect_counts(const CaseReplay& r, int64_t produced, int64_t consumed, int64_t missing, int64_t remaining) {
  EXPECT_EQ(r.produced, produced);
  EXPECT_EQ(r.consumed, consumed);
  EXPECT_EQ(r.missing, missing);
  EXPECT_EQ(r.remaining, remaining);
  EXPECT_EQ(r.fitting, missing == 0 && remaining == 0);
}

TEST(TokenReplay, FittingTraceBalances) {
  CaseReplay r = replay(testing::sequence_net(), "a b c");
  expect_counts(r, 4, 4, 0, 0);
  EXPECT_EQ(r.fitness, 1.0);
}

TEST(TokenReplay, SkippedStepLeavesOneMissingAndOneRemaining) {
  // c lacks the token b would have put in p2; a's token stays in p1.
  CaseReplay r = replay(testing::sequence_net(), "a c");
  expect_counts(r, 3, 3, 1, 1);
  EXPECT_EQ(r.fitness, 0.5 * (1.0 - 1.0 / 3.0) + 0.5 * (1.0 - 1.0 / 3.0));
}

TEST(TokenReplay, SilentSkipFiresToEnableTheNextStep) {
  expect_counts(replay(testing::optional_net(), "a c"), 4, 4, 0, 0);
  expect_counts(replay(testing::optional_net(), "a b c"), 4, 4, 0, 0);
}

TEST(TokenReplay, SilentSplitAndJoinAreWalkedThrough) {
  // source, a, split (2), b, c, join, d: 1 + 1 + 2 + 1 + 1 + 1 + 1 produced.
  expect_counts(replay(testing::parallel_net(), "a c b d"), 8, 8, 0, 0);
}

TEST(TokenReplay, ActivitiesTheNetLacksAreSkipped) {
  expect_counts(replay(testing::sequence_net(), "a x b y c"), 4, 4, 0, 0);
}

TEST(TokenReplay, FinalMarkingIsSoughtThroughSilentTransitions) {
  // The trace stops after b; the silent loop-back cannot reach the sink, so c's place keeps its token, and the
  // sink's token is missing.
  CaseReplay stopped = replay(testing::loop_net(), "a b");
  expect_counts(stopped, 3, 3, 1, 1);
  // A net whose end is a silent transition into the sink.
  engine::PetriNet net = testing::net_of({{"a", {"source"}, {"p1"}}, {"", {"p1"}, {"sink"}}});
  expect_counts(replay(net, "a"), 3, 3, 0, 0);
}

TEST(TokenReplay, EmptyTraceMissesTheWholeRun) {
  // Nothing fires: the initial token remains and the final one is missing.
  CaseReplay r = replay(testing::sequence_net(), "");
  expect_counts(r, 1, 1, 1, 1);
  EXPECT_FALSE(r.fitting);
  EXPECT_EQ(r.fitness, 0.0);
}

TEST(TokenReplay, LogFigures) {
  engine::EventLog log = log_of({"a b c", "a c", "a b c"});
  engine::LogReplay r = engine::replay_log(testing::sequence_net(), log, 3);
  ASSERT_EQ(r.variants.size(), 2u);
  EXPECT_EQ(r.produced, 11);
  EXPECT_EQ(r.consumed, 11);
  EXPECT_EQ(r.missing, 1);
  EXPECT_EQ(r.remaining, 1);
  EXPECT_EQ(r.percentage_of_fitting_traces, 100.0 * 2.0 / 3.0);
  EXPECT_EQ(r.log_fitness, 0.5 * (1.0 - 1.0 / 11.0) + 0.5 * (1.0 - 1.0 / 11.0));
  EXPECT_EQ(r.average_trace_fitness, (1.0 + (0.5 * (1.0 - 1.0 / 3.0) + 0.5 * (1.0 - 1.0 / 3.0)) + 1.0) / 3.0);
}

}  // namespace
}  // namespace lf
