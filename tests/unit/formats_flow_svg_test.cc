// flow_svg: graphviz draws the flow with its lanes, step names, posts and time limits.
#include <gtest/gtest.h>

#include <thread>

#include "formats/flow_svg.h"

namespace lf {
namespace {

using engine::FlowModel;
using engine::FlowNode;
using engine::NodeKind;

FlowNode node(std::string id, std::string name, NodeKind kind, std::string lane = {}, std::string post = {}) {
  FlowNode n;
  n.id = std::move(id);
  n.name = std::move(name);
  n.kind = kind;
  n.lane = std::move(lane);
  n.post = std::move(post);
  return n;
}

FlowModel sample() {
  FlowModel f{"P", "付款审批", {}, {}, {}};
  f.lanes = {"经办人", "分管领导"};
  f.nodes = {node("s", "开始", NodeKind::start_event, "经办人"),
             node("a", "提交\"申请\"", NodeKind::task, "经办人", "经办人"),
             node("x", "金额？", NodeKind::exclusive_gateway, "经办人"),
             node("b", "领导审批", NodeKind::task, "分管领导", "分管领导"),
             node("j", "", NodeKind::parallel_gateway),
             node("e", "", NodeKind::end_event)};
  f.nodes[1].time_limit_days = 3;
  f.nodes[3].supervision_point = true;
  f.edges = {{"f1", "s", "a", ""}, {"f2", "a", "x", ""}, {"f3", "x", "b", "大额"},
             {"f4", "x", "j", "小额"}, {"f5", "b", "j", ""}, {"f6", "j", "e", ""}, {"f7", "j", "missing", ""}};
  return f;
}

TEST(FlowSvg, DrawsStepsLanesPostsAndLimits) {
  auto svg = formats::flow_svg(sample());
  ASSERT_TRUE(svg.ok()) << svg.error().detail;
  const std::string& s = *svg;
  EXPECT_NE(s.find("<svg"), std::string::npos);
  for (const char* text : {"提交&quot;申请&quot;", "领导审批", "经办人 · 3 个工作日", "分管领导", "大额", "×", "+"}) {
    EXPECT_NE(s.find(text), std::string::npos) << text;
  }
  EXPECT_NE(s.find("cluster"), std::string::npos);  // lanes are clusters
  EXPECT_NE(s.find("Noto Sans CJK SC"), std::string::npos);
  EXPECT_NE(s.find("id=\"a\""), std::string::npos);  // the BPMN ids, for the web page to highlight steps
}

TEST(FlowSvg, ShowsPostsByName) {
  FlowModel f = sample();
  f.nodes[1].post = "11";  // as check_flow leaves it
  auto plain = formats::flow_svg(f);
  auto named = formats::flow_svg(f, engine::PostDirectory{{{"11", "经办人"}}});
  ASSERT_TRUE(plain.ok() && named.ok());
  EXPECT_NE(plain->find("11 · 3 个工作日"), std::string::npos);
  EXPECT_NE(named->find("经办人 · 3 个工作日"), std::string::npos);
}

TEST(FlowSvg, IsSafeFromSeveralThreads) {
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&ok, i] {
      for (int k = 0; k < 3; ++k) ok[i] += formats::flow_svg(sample()).ok() ? 1 : 0;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, (std::vector<int>{3, 3, 3, 3}));
}

}  // namespace
}  // namespace lf
