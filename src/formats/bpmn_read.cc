// read_bpmn: BPMN 2.0 XML from any modeller to a FlowModel. Element names are matched by local name, so the
// bpmn:, bpmn2:, semantic: and default-namespace spellings all read alike; Lianfang's <step> is recognised by
// its namespace URI (kLianfangNs), whatever prefix the file binds it to.
//
// Boundary events are not nodes: a timer on a task becomes the task's time limit, and sequence flows leaving
// a boundary event (escalation paths) are not part of the prescribed flow, so they are dropped. Sub-processes
// are read as single steps.
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include <pugixml.hpp>

#include "base/text.h"
#include "formats/bpmn.h"

namespace lf::formats {
namespace {

using engine::FlowEdge;
using engine::FlowModel;
using engine::FlowNode;
using engine::NodeKind;

std::string_view local_name(const char* qname) {
  std::string_view s(qname);
  size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}
std::string_view local_name(const pugi::xml_node& n) { return local_name(n.name()); }

// The namespace URI an element's prefix is bound to, looked up through its ancestors' xmlns declarations.
std::string_view namespace_of(pugi::xml_node n) {
  std::string_view qname(n.name());
  size_t colon = qname.find(':');
  std::string attr = colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(qname.substr(0, colon));
  for (pugi::xml_node at = n; at; at = at.parent()) {
    if (pugi::xml_attribute a = at.attribute(attr.c_str())) return a.value();
  }
  return {};
}

pugi::xml_node child_local(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_node c : n.children()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

// An attribute by local name: lf:step's attributes are unprefixed, but a prefixed spelling reads too.
pugi::xml_attribute attr_local(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_attribute a : n.attributes()) {
    if (local_name(a.name()) == name) return a;
  }
  return {};
}

// A reference may be a QName ("tns:Process_1"); ids are compared without the prefix.
std::string strip_prefix(std::string_view ref) {
  std::string id = trim(ref);
  size_t colon = id.find(':');
  return colon == std::string::npos ? id : id.substr(colon + 1);
}

// Integers in attributes: an unreadable value becomes 0, which check_flow reports as not positive rather than
// silently dropping the control the author meant to set.
int64_t to_int(std::string_view text) {
  std::string t = trim(text);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size()) return 0;
  return v;
}

std::vector<std::string> split_refs(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// Whole days, rounded up, of an ISO-8601 duration (P3D, PT48H, P1DT12H, P2W). Years and months have no fixed
// length, and expressions (${...}) are not durations: both give nullopt.
std::optional<int32_t> duration_days(std::string_view text) {
  std::string s = trim(text);
  if (s.size() < 2 || s[0] != 'P') return std::nullopt;
  double seconds = 0;
  bool in_time = false, any = false;
  std::string number;
  for (size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == 'T') {
      in_time = true;
    } else if ((c >= '0' && c <= '9') || c == '.' || c == ',') {
      number += c == ',' ? '.' : c;
    } else {
      if (number.empty()) return std::nullopt;
      double v = 0;
      auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
      if (ec != std::errc() || end != number.data() + number.size()) return std::nullopt;
      number.clear();
      double unit = 0;
      if (!in_time && c == 'W') unit = 7 * 86400;
      else if (!in_time && c == 'D') unit = 86400;
      else if (in_time && c == 'H') unit = 3600;
      else if (in_time && c == 'M') unit = 60;
      else if (in_time && c == 'S') unit = 1;
      else return std::nullopt;
      seconds += v * unit;
      any = true;
    }
  }
  if (!any || !number.empty()) return std::nullopt;
  return static_cast<int32_t>(std::ceil(seconds / 86400 - 1e-9));
}

std::optional<NodeKind> kind_of(std::string_view name) {
  static const std::unordered_map<std::string_view, NodeKind> kinds = {
      {"task", NodeKind::task},
      {"userTask", NodeKind::task},
      {"manualTask", NodeKind::task},
      {"serviceTask", NodeKind::task},
      {"scriptTask", NodeKind::task},
      {"businessRuleTask", NodeKind::task},
      {"sendTask", NodeKind::task},
      {"receiveTask", NodeKind::task},
      {"callActivity", NodeKind::task},
      {"subProcess", NodeKind::task},
      {"adHocSubProcess", NodeKind::task},
      {"transaction", NodeKind::task},
      {"startEvent", NodeKind::start_event},
      {"endEvent", NodeKind::end_event},
      {"intermediateCatchEvent", NodeKind::intermediate_event},
      {"intermediateThrowEvent", NodeKind::intermediate_event},
      {"exclusiveGateway", NodeKind::exclusive_gateway},
      {"eventBasedGateway", NodeKind::exclusive_gateway},
      {"complexGateway", NodeKind::exclusive_gateway},
      {"parallelGateway", NodeKind::parallel_gateway},
      {"inclusiveGateway", NodeKind::inclusive_gateway},
  };
  auto it = kinds.find(name);
  if (it == kinds.end()) return std::nullopt;
  return it->second;
}

// Lianfang's step properties from <extensionElements><lf:step .../></extensionElements>.
void read_step(const pugi::xml_node& element, FlowNode& node) {
  pugi::xml_node ext = child_local(element, "extensionElements");
  for (pugi::xml_node step : ext.children()) {
    if (step.type() != pugi::node_element || local_name(step) != "step") continue;
    if (namespace_of(step) != kLianfangNs) continue;
    if (auto a = attr_local(step, "post")) node.post = trim(a.value());
    if (auto a = attr_local(step, "timeLimitDays")) node.time_limit_days = static_cast<int32_t>(to_int(a.value()));
    if (auto a = attr_local(step, "differentFrom")) node.different_from = split_refs(a.value());
    if (auto a = attr_local(step, "collectiveAbove")) node.collective_above_fen = to_int(a.value());
    if (auto a = attr_local(step, "materials")) node.materials = a.value();
    if (auto a = attr_local(step, "supervisionPoint")) {
      std::string v = trim(a.value());
      node.supervision_point = v == "true" || v == "1";
    }
    for (pugi::xml_node limit : step.children()) {
      if (limit.type() != pugi::node_element || local_name(limit) != "limit") continue;
      node.limits.push_back({trim(attr_local(limit, "post").value()), to_int(attr_local(limit, "amount").value())});
    }
    return;  // one <lf:step> per element
  }
}

// Camunda, Flowable and Activiti name the performer in a prefixed assignee or candidateGroups attribute; it
// stands in for the post when <lf:step> names none. Expressions (${initiator}) name no post.
void read_engine_assignee(const pugi::xml_node& element, FlowNode& node) {
  if (!node.post.empty()) return;
  for (const char* name : {"assignee", "candidateGroups"}) {
    for (pugi::xml_attribute a : element.attributes()) {
      std::string_view qname(a.name());
      if (qname.find(':') == std::string_view::npos || local_name(a.name()) != name) continue;
      std::vector<std::string> values = split_refs(a.value());
      std::string first = values.empty() ? "" : values.front();  // of several candidate groups, the first
      if (first.empty() || first.find("{") != std::string::npos) continue;
      node.post = first;
      return;
    }
  }
}

// Lanes from <laneSet>, nested ones included; a node belongs to the innermost lane listing it. Lanes the
// writer derived from posts (lf:byPost) carry no information of their own and are skipped.
void read_lanes(const pugi::xml_node& lane_set, FlowModel& flow, std::unordered_map<std::string, std::string>& lane_of) {
  for (pugi::xml_node lane : lane_set.children()) {
    if (lane.type() != pugi::node_element || local_name(lane) != "lane") continue;
    pugi::xml_attribute by_post = attr_local(lane, "byPost");
    bool derived = by_post && std::string_view(by_post.value()) == "true";
    std::string name = lane.attribute("name").value();
    if (name.empty()) name = lane.attribute("id").value();
    pugi::xml_node children = child_local(lane, "childLaneSet");
    bool has_children = children && child_local(children, "lane");
    if (!derived && !has_children) flow.lanes.push_back(name);
    for (pugi::xml_node ref : lane.children()) {
      if (ref.type() == pugi::node_element && local_name(ref) == "flowNodeRef" && !derived) {
        lane_of[strip_prefix(ref.text().get())] = name;
      }
    }
    if (has_children) read_lanes(children, flow, lane_of);
  }
}

pugi::xml_node choose_process(const pugi::xml_node& root, std::string& participant_name) {
  std::unordered_map<std::string, pugi::xml_node> processes;
  pugi::xml_node first;
  for (pugi::xml_node c : root.children()) {
    if (c.type() == pugi::node_element && local_name(c) == "process") {
      processes.emplace(c.attribute("id").value(), c);
      if (!first) first = c;
    }
  }
  for (pugi::xml_node collab : root.children()) {
    if (local_name(collab) != "collaboration") continue;
    for (pugi::xml_node p : collab.children()) {
      if (local_name(p) != "participant") continue;
      auto it = processes.find(strip_prefix(p.attribute("processRef").value()));
      if (it != processes.end()) {
        participant_name = p.attribute("name").value();
        return it->second;
      }
    }
  }
  return first;
}

}  // namespace

Result<engine::FlowModel> read_bpmn(std::string_view xml) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  if (!parsed) {
    Error e = make_error("bpmn.not_xml");
    e.detail = std::string(parsed.description()) + " at byte " + std::to_string(parsed.offset);
    return e;
  }
  std::string participant_name;
  pugi::xml_node process = choose_process(doc.document_element(), participant_name);
  if (!process) return make_error("bpmn.no_process");

  FlowModel flow;
  flow.process_id = process.attribute("id").value();
  flow.name = process.attribute("name").value();
  if (flow.name.empty()) flow.name = participant_name;

  std::unordered_map<std::string, std::string> lane_of;
  std::unordered_set<std::string> boundary_events;
  std::vector<std::pair<std::string, int32_t>> timers;  // (task id, days)
  for (pugi::xml_node c : process.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view tag = local_name(c);
    if (tag == "laneSet") {
      read_lanes(c, flow, lane_of);
    } else if (tag == "sequenceFlow") {
      FlowEdge e{c.attribute("id").value(), strip_prefix(c.attribute("sourceRef").value()),
                 strip_prefix(c.attribute("targetRef").value()), c.attribute("name").value()};
      if (e.condition.empty()) e.condition = trim(child_local(c, "conditionExpression").text().get());
      flow.edges.push_back(std::move(e));
    } else if (tag == "boundaryEvent") {
      boundary_events.insert(c.attribute("id").value());
      pugi::xml_node timer = child_local(c, "timerEventDefinition");
      if (!timer) continue;
      if (auto days = duration_days(child_local(timer, "timeDuration").text().get())) {
        timers.emplace_back(strip_prefix(c.attribute("attachedToRef").value()), *days);
      }
    } else if (auto kind = kind_of(tag)) {
      // An event sub-process runs beside the flow when its event occurs; it is not a step of the flow.
      if (std::string_view(c.attribute("triggeredByEvent").value()) == "true") continue;
      FlowNode n;
      n.id = c.attribute("id").value();
      n.name = c.attribute("name").value();
      n.kind = *kind;
      read_step(c, n);
      if (n.kind == NodeKind::task) read_engine_assignee(c, n);
      flow.nodes.push_back(std::move(n));
    }
  }

  for (auto& n : flow.nodes) {
    if (auto it = lane_of.find(n.id); it != lane_of.end()) n.lane = it->second;
  }
  // lf:step's timeLimitDays wins over a timer; of several timers on one task, the first.
  for (const auto& [task, days] : timers) {
    for (auto& n : flow.nodes) {
      if (n.id == task && !n.time_limit_days) n.time_limit_days = days;
    }
  }
  std::erase_if(flow.edges, [&](const FlowEdge& e) {
    return boundary_events.count(e.from) > 0 || boundary_events.count(e.to) > 0;
  });
  return flow;
}

}  // namespace lf::formats
