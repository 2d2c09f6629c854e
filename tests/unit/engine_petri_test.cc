// PetriNet: building, the firing rule, labels.
#include <gtest/gtest.h>

#include "engine/petri_net.h"

namespace lf::engine {
namespace {

TEST(PetriNet, FiresWhenEveryInputHoldsEnoughTokens) {
  PetriNet net;
  int32_t a = net.add_place("a"), b = net.add_place("b"), c = net.add_place("c");
  ASSERT_EQ(net.initial.size(), 3u);  // the markings grow with the places
  ASSERT_EQ(net.final_marking.size(), 3u);
  int32_t join = net.add_transition("join", "");
  net.add_input(join, a);
  net.add_input(join, b, 2);
  net.add_output(join, c);

  Marking m{1, 1, 0};
  EXPECT_FALSE(net.enabled(m, join));
  m[b] = 2;
  ASSERT_TRUE(net.enabled(m, join));
  net.fire(m, join);
  EXPECT_EQ(m, (Marking{0, 0, 1}));
  EXPECT_FALSE(net.enabled(m, join));
}

TEST(PetriNet, MergesRepeatedArcsIntoOneWeight) {
  PetriNet net;
  int32_t p = net.add_place("p");
  int32_t t = net.add_transition("t", "付款");
  net.add_input(t, p);
  net.add_input(t, p);
  ASSERT_EQ(net.inputs[t].size(), 1u);
  EXPECT_EQ(net.inputs[t][0].second, 2);
  EXPECT_FALSE(net.enabled(Marking{1}, t));  // two tokens needed, not one per arc
  EXPECT_TRUE(net.enabled(Marking{2}, t));
}

TEST(PetriNet, FindsByIdAndListsVisibleLabels) {
  PetriNet net;
  net.add_place("source");
  net.add_place("sink");
  net.add_transition("t1", "审批");
  net.add_transition("tau", "");
  net.add_transition("t2", "申请");
  net.add_transition("t3", "审批");  // the same activity twice (a duplicate task)
  EXPECT_EQ(net.place_index("sink"), 1);
  EXPECT_EQ(net.place_index("nowhere"), -1);
  EXPECT_EQ(net.transition_index("t2"), 2);
  EXPECT_EQ(net.transition_index("x"), -1);
  EXPECT_TRUE(net.transitions[1].silent());
  EXPECT_EQ(net.silent_count(), 1u);
  EXPECT_EQ(net.labels(), (std::vector<std::string>{"审批", "申请"}));
  EXPECT_EQ(net.inputs.size(), 4u);
  EXPECT_EQ(net.outputs.size(), 4u);
}

}  // namespace
}  // namespace lf::engine
