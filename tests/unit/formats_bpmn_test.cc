// write_bpmn's document and diagram, and read_bpmn details the case files do not show.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include <pugixml.hpp>

#include "formats/bpmn.h"

namespace lf {
namespace {

using formats::read_bpmn;
using formats::write_bpmn;
using formats::kLianfangNs;

using engine::FlowModel;
using engine::FlowNode;
using engine::NodeKind;

FlowModel sample(bool with_lanes) {
  FlowModel f;
  f.process_id = "Process_x";
  f.name = "采购 & 付款 \"示例\"";
  auto node = [&](std::string id, NodeKind kind, std::string name, std::string post, std::string lane) {
    FlowNode n;
    n.id = std::move(id);
    n.kind = kind;
    n.name = std::move(name);
    n.post = std::move(post);
    if (with_lanes) n.lane = std::move(lane);
    f.nodes.push_back(std::move(n));
  };
  node("s", NodeKind::start_event, "开始", "", "经办人");
  node("apply", NodeKind::task, "申请\n（含附件）", "11", "经办人");
  node("x", NodeKind::exclusive_gateway, "金额？", "", "");
  node("chief", NodeKind::task, "科长审批", "12", "科室负责人");
  node("leader", NodeKind::task, "领导审批", "13", "分管领导");
  node("m", NodeKind::exclusive_gateway, "", "", "");
  node("pay", NodeKind::task, "付款 <出纳>", "16", "出纳");
  node("e", NodeKind::end_event, "", "", "出纳");
  f.nodes[1].time_limit_days = 3;
  f.nodes[1].materials = "申请表、发票";
  f.nodes[4].different_from = {"apply", "chief"};
  f.nodes[4].limits = {{"13", 5000000}, {"14", 50000000}};
  f.nodes[4].collective_above_fen = 50000000;
  f.nodes[4].supervision_point = true;
  f.edges = {{"f1", "s", "apply", ""},  {"f2", "apply", "x", ""}, {"f3", "x", "chief", "≤ 5万元"},
             {"f4", "x", "leader", "> 5万元"}, {"f5", "chief", "m", ""}, {"f6", "leader", "m", ""},
             {"f7", "m", "pay", ""},     {"f8", "pay", "e", ""},   {"f9", "x", "apply", "退回"}};
  if (with_lanes) f.lanes = {"经办人", "科室负责人", "分管领导", "出纳", "空闲岗"};
  return f;
}

struct Box {
  double x, y, w, h;
  bool inside(const Box& o) const { return x >= o.x && y >= o.y && x + w <= o.x + o.w && y + h <= o.y + o.h; }
  bool overlaps(const Box& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
};

// The diagram's shapes by the element they draw.
std::map<std::string, Box> shapes(const pugi::xml_document& doc) {
  std::map<std::string, Box> out;
  for (auto s : doc.select_nodes("//bpmndi:BPMNShape")) {
    auto b = s.node().child("dc:Bounds");
    out[s.node().attribute("bpmnElement").value()] = {b.attribute("x").as_double(), b.attribute("y").as_double(),
                                                      b.attribute("width").as_double(), b.attribute("height").as_double()};
  }
  return out;
}

TEST(BpmnWrite, RoundTripsEveryProperty) {
  for (bool lanes : {true, false}) {
    FlowModel f = sample(lanes);
    auto back = read_bpmn(write_bpmn(f));
    ASSERT_TRUE(back.ok()) << back.error().detail;
    EXPECT_TRUE(*back == f) << write_bpmn(f);
  }
}

TEST(BpmnWrite, WritesACompleteDocumentBpmnJsCanOpen) {
  std::string xml = write_bpmn(sample(true));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  auto defs = doc.child("bpmn:definitions");
  ASSERT_TRUE(defs);
  EXPECT_STREQ(defs.attribute("xmlns:bpmn").value(), "http://www.omg.org/spec/BPMN/20100524/MODEL");
  EXPECT_STREQ(defs.attribute("xmlns:bpmndi").value(), "http://www.omg.org/spec/BPMN/20100524/DI");
  EXPECT_STREQ(defs.attribute("xmlns:dc").value(), "http://www.omg.org/spec/DD/20100524/DC");
  EXPECT_STREQ(defs.attribute("xmlns:di").value(), "http://www.omg.org/spec/DD/20100524/DI");
  EXPECT_STREQ(defs.attribute("xmlns:lf").value(), kLianfangNs);
  EXPECT_STREQ(defs.child("bpmn:collaboration").child("bpmn:participant").attribute("processRef").value(), "Process_x");

  // Every id is unique and every reference (bpmnElement, sourceRef, flowNodeRef, ...) names an element.
  std::set<std::string> ids;
  for (auto n : doc.select_nodes("//*[@id]")) {
    EXPECT_TRUE(ids.insert(n.node().attribute("id").value()).second) << n.node().attribute("id").value();
  }
  for (auto a : doc.select_nodes("//@bpmnElement | //@sourceRef | //@targetRef | //@processRef")) {
    EXPECT_TRUE(ids.count(a.attribute().value())) << a.attribute().value();
  }
  for (auto r : doc.select_nodes("//bpmn:flowNodeRef | //bpmn:incoming | //bpmn:outgoing")) {
    EXPECT_TRUE(ids.count(r.node().text().get())) << r.node().text().get();
  }
  // Every flow node and lane has a shape; every sequence flow an edge with at least two waypoints.
  auto drawn = shapes(doc);
  for (auto n : doc.select_nodes("//bpmn:process/*[@id] | //bpmn:lane")) {
    std::string name = n.node().name();
    if (name == "bpmn:sequenceFlow" || name == "bpmn:laneSet") continue;
    EXPECT_TRUE(drawn.count(n.node().attribute("id").value())) << n.node().attribute("id").value();
  }
  EXPECT_EQ(doc.select_nodes("//bpmndi:BPMNEdge").size(), 9u);
  for (auto e : doc.select_nodes("//bpmndi:BPMNEdge")) EXPECT_GE(e.node().select_nodes("di:waypoint").size(), 2u);
}

TEST(BpmnWrite, LaysOutLeftToRightInLanes) {
  FlowModel f = sample(true);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(write_bpmn(f).c_str()));
  auto drawn = shapes(doc);
  // Lanes stack inside the pool without gaps, in the flow's order, the empty lane included.
  Box pool = drawn.at("Participant_1");
  std::map<std::string, std::string> lane_of_name;
  double y = pool.y;
  for (auto l : doc.select_nodes("//bpmn:lane")) {
    Box b = drawn.at(l.node().attribute("id").value());
    EXPECT_TRUE(b.inside(pool));
    EXPECT_EQ(b.y, y);
    y += b.h;
    lane_of_name[l.node().attribute("name").value()] = l.node().attribute("id").value();
  }
  EXPECT_EQ(y, pool.y + pool.h);
  EXPECT_EQ(lane_of_name.size(), 5u);
  // Nodes do not overlap, sit in their lane, and each flow goes left to right except the loop back.
  for (size_t i = 0; i < f.nodes.size(); ++i) {
    Box a = drawn.at(f.nodes[i].id);
    if (!f.nodes[i].lane.empty()) {
      EXPECT_TRUE(a.inside(drawn.at(lane_of_name[f.nodes[i].lane]))) << f.nodes[i].id;
    }
    for (size_t j = i + 1; j < f.nodes.size(); ++j) EXPECT_FALSE(a.overlaps(drawn.at(f.nodes[j].id))) << f.nodes[j].id;
  }
  for (const auto& e : f.edges) {
    Box from = drawn.at(e.from), to = drawn.at(e.to);
    if (e.id == "f9") {
      EXPECT_LT(to.x, from.x);
    } else {
      EXPECT_LT(from.x + from.w, to.x) << e.id;
    }
  }
  // The unlaned gateways are drawn in a neighbour's lane but not listed in any lane.
  EXPECT_TRUE(drawn.at("x").inside(pool));
  EXPECT_FALSE(doc.select_node("//bpmn:flowNodeRef[text()='x']"));
}

TEST(BpmnWrite, WithoutLanesDrawsOneBandPerPostThatReadingIgnores) {
  FlowModel f = sample(false);
  std::string xml = write_bpmn(f);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  auto lanes = doc.select_nodes("//bpmn:lane");
  ASSERT_EQ(lanes.size(), 4u);  // posts 11, 12, 13, 16
  for (auto l : lanes) EXPECT_STREQ(l.node().attribute("lf:byPost").value(), "true");
  auto back = read_bpmn(xml);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->lanes.empty());
  for (const auto& n : back->nodes) EXPECT_EQ(n.lane, "");

  // Given the unit's posts, the bands are named after them; the model read back is the same.
  engine::PostDirectory posts{{{"11", "经办人"}, {"12", "科室负责人"}, {"13", "分管领导"}}};
  std::string named = write_bpmn(f, posts);
  pugi::xml_document named_doc;
  ASSERT_TRUE(named_doc.load_string(named.c_str()));
  std::vector<std::string> names;
  for (auto l : named_doc.select_nodes("//bpmn:lane")) names.push_back(l.node().attribute("name").value());
  EXPECT_EQ(names, (std::vector<std::string>{"经办人", "科室负责人", "分管领导", "16"}));
  auto named_back = read_bpmn(named);
  ASSERT_TRUE(named_back.ok());
  EXPECT_TRUE(*named_back == f);
}

TEST(BpmnWrite, AFlowWithNeitherLanesNorPostsStillHasAPool) {
  FlowModel f;
  f.process_id = "P";
  f.nodes.resize(3);
  f.nodes[0].id = "s";
  f.nodes[0].kind = NodeKind::start_event;
  f.nodes[1].id = "t";
  f.nodes[1].name = "登记";
  f.nodes[2].id = "e";
  f.nodes[2].kind = NodeKind::end_event;
  f.edges = {{"a", "s", "t", ""}, {"b", "t", "e", ""}};
  std::string xml = write_bpmn(f);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  EXPECT_FALSE(doc.select_node("//bpmn:laneSet"));
  auto drawn = shapes(doc);
  for (const char* id : {"s", "t", "e"}) EXPECT_TRUE(drawn.at(id).inside(drawn.at("Participant_1"))) << id;
  auto back = read_bpmn(xml);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(*back == f);
}

TEST(BpmnRead, ReportsNotXmlWithADetailForTheLog) {
  auto r = read_bpmn("<definitions><process id='p'></definitions>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bpmn.not_xml");
  EXPECT_EQ(r.error().status, 400);
  EXPECT_FALSE(r.error().detail.empty());
  EXPECT_EQ(read_bpmn("").error().code, "bpmn.not_xml");
}

TEST(BpmnRead, FirstProcessWithoutCollaborationAndQNameReferences) {
  auto r = read_bpmn(R"(<bpmn2:definitions xmlns:bpmn2="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tns="urn:x">
      <bpmn2:process id="first" name="一"><bpmn2:startEvent id="s"/><bpmn2:task id="t" name="甲"/>
        <bpmn2:sequenceFlow id="f" sourceRef="tns:s" targetRef="t"/></bpmn2:process>
      <bpmn2:process id="second"/></bpmn2:definitions>)");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->process_id, "first");
  ASSERT_EQ(r->edges.size(), 1u);
  EXPECT_EQ(r->edges[0].from, "s");
}

TEST(BpmnRead, ReadsEveryKindOfNode) {
  auto r = read_bpmn(R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
      <startEvent id="a"/><serviceTask id="b"/><manualTask id="c"/><callActivity id="d"/><subProcess id="e"/>
      <subProcess id="ev" triggeredByEvent="true"/><eventBasedGateway id="f"/><complexGateway id="g"/>
      <inclusiveGateway id="h"/><parallelGateway id="i"/><intermediateCatchEvent id="j"/>
      <intermediateThrowEvent id="k"/><endEvent id="l"/><dataObject id="m"/><textAnnotation id="n"/>
      </process></definitions>)");
  ASSERT_TRUE(r.ok());
  std::string kinds;
  for (const auto& n : r->nodes) kinds += n.id + "=" + std::to_string(static_cast<int>(n.kind)) + " ";
  EXPECT_EQ(kinds, "a=0 b=2 c=2 d=2 e=2 f=3 g=3 h=5 i=4 j=6 k=6 l=1 ");
}

TEST(BpmnRead, TimerDurations) {
  auto with_timer = [](const std::string& duration) {
    auto r = read_bpmn(R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
        <task id="t" name="甲"/><boundaryEvent id="b" attachedToRef="t"><timerEventDefinition><timeDuration>)" +
                       duration + R"(</timeDuration></timerEventDefinition></boundaryEvent>
        <endEvent id="x"/><sequenceFlow id="esc" sourceRef="b" targetRef="x"/></process></definitions>)");
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r->edges.empty());  // the escalation flow leaves a boundary event: not part of the flow
    return r->nodes[0].time_limit_days;
  };
  EXPECT_EQ(with_timer("P3D"), 3);
  EXPECT_EQ(with_timer("PT48H"), 2);
  EXPECT_EQ(with_timer("PT49H"), 3);
  EXPECT_EQ(with_timer("P1DT1M"), 2);
  EXPECT_EQ(with_timer(" P1W "), 7);
  EXPECT_EQ(with_timer("PT0.5H"), 1);
  EXPECT_EQ(with_timer("P1M"), std::nullopt);  // months have no fixed length
  EXPECT_EQ(with_timer("${limit}"), std::nullopt);
  EXPECT_EQ(with_timer("P"), std::nullopt);
  EXPECT_EQ(with_timer("PT"), std::nullopt);
}

}  // namespace
}  // namespace lf
