// write_bpmn: a FlowModel as a complete BPMN 2.0 document: one pool, lanes, the process with Lianfang's
// <lf:step> extension elements, and a BPMNDI diagram laid out by bpmn_layout so that bpmn-js opens it tidy.
#include <string>

#include <pugixml.hpp>

#include "formats/bpmn.h"
#include "formats/bpmn_layout.h"

namespace lf::formats {
namespace {

using engine::FlowModel;
using engine::FlowNode;
using engine::NodeKind;
namespace bl = bpmn_layout;

const char* element_for(NodeKind k) {
  switch (k) {
    case NodeKind::start_event: return "bpmn:startEvent";
    case NodeKind::end_event: return "bpmn:endEvent";
    case NodeKind::task: return "bpmn:userTask";
    case NodeKind::exclusive_gateway: return "bpmn:exclusiveGateway";
    case NodeKind::parallel_gateway: return "bpmn:parallelGateway";
    case NodeKind::inclusive_gateway: return "bpmn:inclusiveGateway";
    case NodeKind::intermediate_event: return "bpmn:intermediateThrowEvent";
  }
  return "bpmn:task";
}

bool has_step(const FlowNode& n) {
  return !n.post.empty() || n.time_limit_days || !n.different_from.empty() || !n.limits.empty() ||
         n.collective_above_fen || !n.materials.empty() || n.supervision_point;
}

void write_step(pugi::xml_node element, const FlowNode& n) {
  pugi::xml_node step = element.append_child("bpmn:extensionElements").append_child("lf:step");
  if (!n.post.empty()) step.append_attribute("post") = n.post.c_str();
  if (n.time_limit_days) step.append_attribute("timeLimitDays") = *n.time_limit_days;
  if (!n.different_from.empty()) {
    std::string refs;
    for (const auto& r : n.different_from) refs += (refs.empty() ? "" : " ") + r;
    step.append_attribute("differentFrom") = refs.c_str();
  }
  if (n.collective_above_fen) {
    step.append_attribute("collectiveAbove") = std::to_string(*n.collective_above_fen).c_str();
  }
  if (!n.materials.empty()) step.append_attribute("materials") = n.materials.c_str();
  if (n.supervision_point) step.append_attribute("supervisionPoint") = "true";
  for (const auto& limit : n.limits) {
    pugi::xml_node l = step.append_child("lf:limit");
    l.append_attribute("post") = limit.post.c_str();
    l.append_attribute("amount") = std::to_string(limit.amount_fen).c_str();
  }
}

void bounds(pugi::xml_node shape, const bl::Box& b) {
  pugi::xml_node d = shape.append_child("dc:Bounds");
  d.append_attribute("x") = b.x;
  d.append_attribute("y") = b.y;
  d.append_attribute("width") = b.w;
  d.append_attribute("height") = b.h;
}

pugi::xml_node shape(pugi::xml_node plane, const std::string& element) {
  pugi::xml_node s = plane.append_child("bpmndi:BPMNShape");
  s.append_attribute("id") = (element + "_di").c_str();
  s.append_attribute("bpmnElement") = element.c_str();
  return s;
}

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

// Ids of the elements the writer adds; a flow's own ids are kept as they are.
std::string id_or(const std::string& id, const std::string& fallback) { return id.empty() ? fallback : id; }

}  // namespace

std::string write_bpmn(const engine::FlowModel& flow) { return write_bpmn(flow, engine::PostDirectory{}); }

std::string write_bpmn(const engine::FlowModel& flow, const engine::PostDirectory& posts) {
  bl::Layout lay = bl::layout(flow);
  for (auto& band : lay.bands) {
    if (!band.by_post) continue;
    for (const auto& p : posts.posts) {
      if (p.id == band.name) band.name = p.name;
    }
  }
  std::string process_id = id_or(flow.process_id, "Process_1");

  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node defs = doc.append_child("bpmn:definitions");
  defs.append_attribute("xmlns:bpmn") = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  defs.append_attribute("xmlns:bpmndi") = "http://www.omg.org/spec/BPMN/20100524/DI";
  defs.append_attribute("xmlns:dc") = "http://www.omg.org/spec/DD/20100524/DC";
  defs.append_attribute("xmlns:di") = "http://www.omg.org/spec/DD/20100524/DI";
  defs.append_attribute("xmlns:lf") = kLianfangNs;
  defs.append_attribute("id") = "Definitions_1";
  defs.append_attribute("targetNamespace") = "urn:lianfang:flows";
  defs.append_attribute("exporter") = "Lianfang";
  defs.append_attribute("exporterVersion") = "1";

  pugi::xml_node collab = defs.append_child("bpmn:collaboration");
  collab.append_attribute("id") = "Collaboration_1";
  pugi::xml_node participant = collab.append_child("bpmn:participant");
  participant.append_attribute("id") = "Participant_1";
  if (!flow.name.empty()) participant.append_attribute("name") = flow.name.c_str();
  participant.append_attribute("processRef") = process_id.c_str();

  pugi::xml_node process = defs.append_child("bpmn:process");
  process.append_attribute("id") = process_id.c_str();
  if (!flow.name.empty()) process.append_attribute("name") = flow.name.c_str();
  process.append_attribute("isExecutable") = "false";

  std::vector<std::string> lane_ids;
  if (!lay.bands.empty()) {
    pugi::xml_node set = process.append_child("bpmn:laneSet");
    set.append_attribute("id") = "LaneSet_1";
    for (size_t b = 0; b < lay.bands.size(); ++b) {
      lane_ids.push_back("Lane_" + std::to_string(b + 1));
      pugi::xml_node lane = set.append_child("bpmn:lane");
      lane.append_attribute("id") = lane_ids.back().c_str();
      lane.append_attribute("name") = lay.bands[b].name.c_str();
      // Lanes made from posts are drawing aids; read_bpmn skips them so that they do not become lanes.
      if (lay.bands[b].by_post) lane.append_attribute("lf:byPost") = "true";
      for (const auto& ref : lay.bands[b].refs) lane.append_child("bpmn:flowNodeRef").text() = ref.c_str();
    }
  }

  std::vector<std::string> edge_ids;
  for (size_t e = 0; e < flow.edges.size(); ++e) edge_ids.push_back(id_or(flow.edges[e].id, "Flow_" + std::to_string(e + 1)));
  std::vector<std::string> node_ids;
  for (size_t i = 0; i < flow.nodes.size(); ++i) node_ids.push_back(id_or(flow.nodes[i].id, "Node_" + std::to_string(i + 1)));

  for (size_t i = 0; i < flow.nodes.size(); ++i) {
    const FlowNode& n = flow.nodes[i];
    pugi::xml_node el = process.append_child(element_for(n.kind));
    el.append_attribute("id") = node_ids[i].c_str();
    if (!n.name.empty()) el.append_attribute("name") = n.name.c_str();
    if (has_step(n)) write_step(el, n);
    // incoming/outgoing are redundant with the sequence flows, but bpmn-js and Camunda expect them.
    for (size_t e = 0; e < flow.edges.size(); ++e) {
      if (flow.edges[e].to == n.id) el.append_child("bpmn:incoming").text() = edge_ids[e].c_str();
    }
    for (size_t e = 0; e < flow.edges.size(); ++e) {
      if (flow.edges[e].from == n.id) el.append_child("bpmn:outgoing").text() = edge_ids[e].c_str();
    }
  }
  for (size_t e = 0; e < flow.edges.size(); ++e) {
    const auto& edge = flow.edges[e];
    pugi::xml_node sf = process.append_child("bpmn:sequenceFlow");
    sf.append_attribute("id") = edge_ids[e].c_str();
    if (!edge.condition.empty()) sf.append_attribute("name") = edge.condition.c_str();
    sf.append_attribute("sourceRef") = edge.from.c_str();
    sf.append_attribute("targetRef") = edge.to.c_str();
  }

  pugi::xml_node diagram = defs.append_child("bpmndi:BPMNDiagram");
  diagram.append_attribute("id") = "BPMNDiagram_1";
  pugi::xml_node plane = diagram.append_child("bpmndi:BPMNPlane");
  plane.append_attribute("id") = "BPMNPlane_1";
  plane.append_attribute("bpmnElement") = "Collaboration_1";

  pugi::xml_node pool = shape(plane, "Participant_1");
  pool.append_attribute("isHorizontal") = "true";
  bounds(pool, lay.pool);
  for (size_t b = 0; b < lay.bands.size(); ++b) {
    pugi::xml_node s = shape(plane, lane_ids[b]);
    s.append_attribute("isHorizontal") = "true";
    bounds(s, lay.bands[b].box);
  }
  for (size_t i = 0; i < flow.nodes.size(); ++i) {
    pugi::xml_node s = shape(plane, node_ids[i]);
    if (flow.nodes[i].kind == NodeKind::exclusive_gateway) s.append_attribute("isMarkerVisible") = "true";
    bounds(s, lay.nodes[i]);
    if (lay.labels[i]) bounds(s.append_child("bpmndi:BPMNLabel"), *lay.labels[i]);
  }
  for (size_t e = 0; e < flow.edges.size(); ++e) {
    if (lay.edges[e].empty()) continue;  // an end is missing: nothing to draw
    pugi::xml_node di = plane.append_child("bpmndi:BPMNEdge");
    di.append_attribute("id") = (edge_ids[e] + "_di").c_str();
    di.append_attribute("bpmnElement") = edge_ids[e].c_str();
    for (const auto& p : lay.edges[e]) {
      pugi::xml_node w = di.append_child("di:waypoint");
      w.append_attribute("x") = p.x;
      w.append_attribute("y") = p.y;
    }
  }

  StringWriter writer;
  doc.save(writer, "  ", pugi::format_default, pugi::encoding_utf8);
  return std::move(writer.out);
}

}  // namespace lf::formats
