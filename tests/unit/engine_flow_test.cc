// check_flow (issues, post resolution) and compile_flow (the workflow net and what it accepts).
#include <gtest/gtest.h>

#include <stdexcept>

#include "engine/flow.h"
#include "engine_replay.h"

namespace lf::engine {
namespace {

using testing::accepts;

// A small builder so that each test reads as the flow it checks.
struct Builder {
  FlowModel flow{"P", {}, {}, {}, {}};
  Builder& node(std::string id, NodeKind kind, std::string name = {}, std::string post = {}) {
    FlowNode n;
    n.id = std::move(id);
    n.kind = kind;
    n.name = std::move(name);
    n.post = std::move(post);
    flow.nodes.push_back(std::move(n));
    return *this;
  }
  Builder& task(std::string id, std::string name, std::string post = "11") {
    return node(std::move(id), NodeKind::task, std::move(name), std::move(post));
  }
  Builder& edge(std::string from, std::string to, std::string condition = {}) {
    std::string id = "f";
    id += std::to_string(flow.edges.size() + 1);
    flow.edges.push_back({std::move(id), std::move(from), std::move(to), std::move(condition)});
    return *this;
  }
  FlowNode& at(const std::string& id) {
    for (auto& n : flow.nodes) {
      if (n.id == id) return n;
    }
    throw std::logic_error("no node " + id);
  }
};

PostDirectory posts() {
  return {{{"11", "经办人"}, {"12", "科室负责人"}, {"13", "分管领导"}, {"16", "出纳"}, {"20", "会计"}, {"21", "会计"}}};
}

std::vector<std::string> codes(const std::vector<FlowIssue>& issues) {
  std::vector<std::string> out;
  for (const auto& i : issues) out.push_back(i.element.empty() ? i.code : i.code + " " + i.element);
  return out;
}

using V = std::vector<std::string>;

TEST(FlowCheck, SoundFlowHasNoIssuesAndResolvesPostNames) {
  Builder b;
  b.node("s", NodeKind::start_event).task("a", "申请", "经办人").task("r", "审核", "").task("p", "付款", "16");
  b.node("e", NodeKind::end_event).edge("s", "a").edge("a", "r").edge("r", "p").edge("p", "e");
  b.at("r").lane = "科室负责人";  // no post: the lane's post
  auto issues = check_flow(b.flow, posts());
  EXPECT_EQ(codes(issues), V{});
  EXPECT_EQ(b.at("a").post, "11");
  EXPECT_EQ(b.at("r").post, "12");
  EXPECT_EQ(b.at("p").post, "16");
}

TEST(FlowCheck, NamesTheStepInBothLanguages) {
  Builder b;
  b.node("s", NodeKind::start_event).task("a", "申请").task("pay", "付款").node("e", NodeKind::end_event);
  b.edge("s", "a").edge("a", "e").edge("pay", "e");
  auto issues = check_flow(b.flow, posts());
  ASSERT_EQ(codes(issues), V{"flow.unreachable pay"});
  EXPECT_EQ(issues[0].message, "步骤“付款”无法从开始事件到达");
  EXPECT_EQ(issues[0].message_en, "Step “付款” cannot be reached from the start");
}

TEST(FlowCheck, ReportsStructuralProblems) {
  Builder b;
  b.node("s1", NodeKind::start_event).node("s2", NodeKind::start_event).task("a", "申请");
  b.node("g", NodeKind::exclusive_gateway, "是否同意").task("stuck", "补正").node("e", NodeKind::end_event);
  b.edge("s1", "a").edge("s2", "a").edge("a", "g").edge("g", "e").edge("g", "stuck").edge("a", "ghost");
  auto issues = check_flow(b.flow, posts());
  EXPECT_EQ(codes(issues), (V{"flow.edge_dangling f6", "flow.many_starts s2", "flow.dead_end stuck"}));
  EXPECT_EQ(issues[0].message, "顺序流 f6 连接了不存在的节点“ghost”");
  EXPECT_EQ(issues[2].message_en, "Step “补正” cannot reach an end event");
}

TEST(FlowCheck, GatewaysAndUnnamedNodesAreNamedByKindAndId) {
  Builder b;
  b.node("s", NodeKind::start_event).task("a", "").node("g", NodeKind::parallel_gateway).node("e", NodeKind::end_event);
  b.edge("s", "a").edge("a", "e").edge("g", "e");
  auto issues = check_flow(b.flow, posts());
  ASSERT_EQ(codes(issues), (V{"flow.unnamed_task a", "flow.unreachable g"}));
  EXPECT_EQ(issues[0].message, "步骤“a”没有名称");
  EXPECT_EQ(issues[1].message, "网关“g”无法从开始事件到达");
  EXPECT_EQ(issues[1].message_en, "Gateway “g” cannot be reached from the start");
}

TEST(FlowCheck, WithoutStartOrEndOnlyTheFlowLevelIssue) {
  Builder b;
  b.task("a", "申请").task("b", "审批").edge("a", "b");
  EXPECT_EQ(codes(check_flow(b.flow, posts())), (V{"flow.no_start", "flow.no_end"}));
}

TEST(FlowCheck, PostsLimitsAndSeparationOfDuties) {
  Builder b;
  b.node("s", NodeKind::start_event).task("a", "记账", "会计").task("b", "审批", "校长").task("c", "付款", "");
  b.node("e", NodeKind::end_event).edge("s", "a").edge("a", "b").edge("b", "c").edge("c", "e");
  b.at("b").limits = {{"分管领导", 100000}, {"13", 0}};
  b.at("b").time_limit_days = -1;
  b.at("b").different_from = {"a", "b", "e", "nothing"};
  b.at("c").collective_above_fen = -5;
  auto issues = check_flow(b.flow, posts());
  EXPECT_EQ(codes(issues), (V{"flow.ambiguous_post a", "flow.unknown_post b", "flow.time_limit_not_positive b",
                              "flow.limit_not_positive b", "flow.sod_self b", "flow.sod_unknown_step b",
                              "flow.sod_unknown_step b", "flow.no_post c", "flow.limit_not_positive c"}));
  EXPECT_EQ(b.at("b").limits[0].post, "13");  // resolved by name
  EXPECT_EQ(issues[1].message, "步骤“审批”的岗位“校长”不是本单位的岗位");
  EXPECT_EQ(issues[0].message_en, "Several posts of the unit are named “会计”; give step “记账” a post id");
}

// 申请 → XOR(金额) → 科长审批 | 领导审批 → XOR merge → AND split → 财务审核 ‖ 法务审核 → AND join → 付款 → XOR
// (通过 → end, 退回 → 申请).
Builder approval_flow() {
  Builder b;
  b.node("s", NodeKind::start_event).task("apply", "申请").node("x1", NodeKind::exclusive_gateway);
  b.task("chief", "科长审批", "12").task("leader", "领导审批", "13").node("x2", NodeKind::exclusive_gateway);
  b.node("a1", NodeKind::parallel_gateway).task("fin", "财务审核").task("law", "法务审核");
  b.node("a2", NodeKind::parallel_gateway).task("pay", "付款", "16").node("x3", NodeKind::exclusive_gateway);
  b.node("e", NodeKind::end_event);
  b.edge("s", "apply").edge("apply", "x1").edge("x1", "chief", "小额").edge("x1", "leader", "大额");
  b.edge("chief", "x2").edge("leader", "x2").edge("x2", "a1").edge("a1", "fin").edge("a1", "law");
  b.edge("fin", "a2").edge("law", "a2").edge("a2", "pay").edge("pay", "x3").edge("x3", "e", "通过");
  b.edge("x3", "apply", "退回");
  return b;
}

TEST(FlowCompile, ValidTracesReachTheFinalMarkingAndDeviationsDoNot) {
  Builder b = approval_flow();
  ASSERT_EQ(codes(check_flow(b.flow, posts())), V{});
  PetriNet net = compile_flow(b.flow);

  EXPECT_TRUE(accepts(net, {"申请", "科长审批", "财务审核", "法务审核", "付款"}));
  EXPECT_TRUE(accepts(net, {"申请", "领导审批", "法务审核", "财务审核", "付款"}));
  EXPECT_TRUE(accepts(net, {"申请", "科长审批", "财务审核", "法务审核", "付款", "申请", "领导审批", "法务审核",
                            "财务审核", "付款"}));
  // 上一环节未完成进入下一环节: paying before the legal review.
  EXPECT_FALSE(accepts(net, {"申请", "科长审批", "财务审核", "付款", "法务审核"}));
  EXPECT_FALSE(accepts(net, {"申请", "财务审核", "法务审核", "付款"}));                // approval skipped
  EXPECT_FALSE(accepts(net, {"申请", "科长审批", "领导审批", "财务审核", "法务审核", "付款"}));  // both branches
  EXPECT_FALSE(accepts(net, {"申请", "科长审批", "财务审核", "法务审核"}));            // not finished
  EXPECT_FALSE(accepts(net, {"科长审批", "申请", "财务审核", "法务审核", "付款"}));    // out of order
}

TEST(FlowCompile, FollowsTheDocumentedMapping) {
  Builder b = approval_flow();
  PetriNet net = compile_flow(b.flow);
  EXPECT_EQ(net.id, "P");
  // source, sink, 15 flows, and the merge place in front of 申请 (two incoming flows)
  EXPECT_EQ(net.places.size(), 18u);
  int32_t source = net.place_index("source"), sink = net.place_index("sink");
  ASSERT_GE(source, 0);
  ASSERT_GE(sink, 0);
  Marking initial(net.places.size(), 0), final_marking(net.places.size(), 0);
  initial[source] = 1;
  final_marking[sink] = 1;
  EXPECT_EQ(net.initial, initial);
  EXPECT_EQ(net.final_marking, final_marking);
  // one labelled transition per task; silent: start, end, 2 merges, x1 (2), x2 (2), a1, a2, x3 (2)
  EXPECT_EQ(net.transitions.size() - net.silent_count(), 6u);
  EXPECT_EQ(net.silent_count(), 12u);
  int32_t and_split = net.transition_index("a1");
  ASSERT_GE(and_split, 0);
  EXPECT_EQ(net.inputs[and_split].size(), 1u);
  EXPECT_EQ(net.outputs[and_split].size(), 2u);
  int32_t pay = net.transition_index("pay");
  ASSERT_GE(pay, 0);
  EXPECT_EQ(net.transitions[pay].label, "付款");
}

TEST(FlowCompile, InclusiveGatewayTakesExactlyOneBranch) {
  Builder b;
  b.node("s", NodeKind::start_event).node("o1", NodeKind::inclusive_gateway).task("a", "甲").task("c", "乙");
  b.node("o2", NodeKind::inclusive_gateway).node("e", NodeKind::end_event);
  b.edge("s", "o1").edge("o1", "a").edge("o1", "c").edge("a", "o2").edge("c", "o2").edge("o2", "e");
  PetriNet net = compile_flow(b.flow);
  EXPECT_TRUE(accepts(net, {"甲"}));
  EXPECT_TRUE(accepts(net, {"乙"}));
  EXPECT_FALSE(accepts(net, {"甲", "乙"}));
}

TEST(FlowCompile, ImplicitSplitAndIntermediateEvents) {
  Builder b;
  b.node("s", NodeKind::start_event).task("a", "立项").task("b", "评估").task("c", "公示");
  b.node("wait", NodeKind::intermediate_event, "等待公示期满").node("j", NodeKind::parallel_gateway);
  b.task("d", "决定").node("e", NodeKind::end_event);
  b.edge("s", "a").edge("a", "b").edge("a", "c").edge("c", "wait").edge("b", "j").edge("wait", "j");
  b.edge("j", "d").edge("d", "e");
  PetriNet net = compile_flow(b.flow);
  EXPECT_TRUE(accepts(net, {"立项", "公示", "评估", "决定"}));
  EXPECT_TRUE(accepts(net, {"立项", "评估", "公示", "决定"}));
  EXPECT_FALSE(accepts(net, {"立项", "评估", "决定"}));
}

TEST(FlowCompile, AnUnreachedStepIsNeverEnabled) {
  Builder b;
  b.node("s", NodeKind::start_event).task("a", "申请").task("orphan", "补充").node("e", NodeKind::end_event);
  b.edge("s", "a").edge("a", "e").edge("orphan", "e");
  PetriNet net = compile_flow(b.flow);
  EXPECT_TRUE(accepts(net, {"申请"}));
  EXPECT_FALSE(accepts(net, {"补充"}));
  EXPECT_FALSE(accepts(net, {"申请", "补充"}));
}

TEST(FlowModel, FindsNodesAndTasks) {
  Builder b = approval_flow();
  ASSERT_NE(b.flow.node("pay"), nullptr);
  EXPECT_EQ(b.flow.node("pay")->name, "付款");
  EXPECT_EQ(b.flow.node("nope"), nullptr);
  EXPECT_EQ(b.flow.tasks().size(), 6u);
}

}  // namespace
}  // namespace lf::engine
