// A power's prescribed flow (权力运行流程): the steps, who performs them, the control-flow between them and
// the integrity controls attached to steps. Built from BPMN (formats/bpmn.h), checked here, and compiled to
// a Petri net for conformance checking. No I/O.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/petri_net.h"

namespace lf::engine {

enum class NodeKind {
  start_event,
  end_event,
  task,               // a step (any BPMN task type, or a collapsed sub-process)
  exclusive_gateway,  // XOR (also event-based and complex gateways)
  parallel_gateway,   // AND
  inclusive_gateway,  // OR: compiled as a choice of exactly one branch, see compile_flow
  intermediate_event, // catch or throw; passes control through
};

// An authorisation limit: the post may approve up to `amount_fen` (分).
struct AuthorisationLimit {
  std::string post;  // post reference (see FlowStep::post)
  int64_t amount_fen = 0;
  bool operator==(const AuthorisationLimit&) const = default;
};

struct FlowNode {
  std::string id;    // BPMN element id
  std::string name;  // for a task: the step name, which is also its activity label in events
  NodeKind kind = NodeKind::task;
  std::string lane;  // name of the lane holding it, if any

  // Step properties (tasks only), from Lianfang's BPMN extension or from standard BPMN where it has them.
  std::string post;                          // the post performing the step: a post id as text, or a post name
  std::optional<int32_t> time_limit_days;    // working days (from lf:step timeLimitDays or a timer boundary event)
  std::vector<std::string> different_from;   // ids of steps that must be done by another person (不相容职务分离)
  std::vector<AuthorisationLimit> limits;    // authorisation limits by post
  std::optional<int64_t> collective_above_fen;  // collective decision required above this amount (三重一大)
  std::string materials;
  bool supervision_point = false;

  bool operator==(const FlowNode&) const = default;
};

struct FlowEdge {
  std::string id;
  std::string from;  // node ids
  std::string to;
  std::string condition;  // condition text or name of the sequence flow, for display
  bool operator==(const FlowEdge&) const = default;
};

struct FlowModel {
  std::string process_id;
  std::string name;
  std::vector<FlowNode> nodes;
  std::vector<FlowEdge> edges;
  std::vector<std::string> lanes;  // lane names in document order

  const FlowNode* node(const std::string& id) const;
  std::vector<const FlowNode*> tasks() const;

  // Field by field; read_bpmn(write_bpmn(x)) == x is the BPMN round-trip guarantee.
  bool operator==(const FlowModel&) const = default;
};

// A problem found in a flow. `element` is the BPMN id it concerns (empty for the whole flow).
struct FlowIssue {
  std::string code;        // stable: "flow.unreachable", "flow.no_post", ...
  std::string element;
  std::string message;     // zh-CN
  std::string message_en;
};

// What the checker needs to know about the power's unit: the posts that may perform steps.
struct PostDirectory {
  struct Entry {
    std::string id;    // post id as text
    std::string name;  // post name (unique within the unit is not guaranteed; ambiguous names are an issue)
  };
  std::vector<Entry> posts;
};

// Checks a flow: exactly one start event and at least one end event; every node reachable from the start and
// able to reach an end; every task named and performed by a known post of the unit (resolving post names to
// ids in `flow`; a task without a post takes the post its lane is named after); limits and amounts positive;
// separation-of-duty references name existing tasks (not the task itself). Returns every issue found: the
// flow-level ones (no start, no end) first, then dangling sequence flows, then node by node in document order;
// empty when the flow is sound. Messages come from the catalogue (base/messages.cc) and name the step.
std::vector<FlowIssue> check_flow(FlowModel& flow, const PostDirectory& posts);

// Compiles a checked flow to a workflow net: one place per sequence flow plus a source and a sink place;
// one labelled transition per task; silent transitions for events and gateways. XOR: one silent transition
// per branch; AND: one silent transition consuming/producing all branches; a task with several incoming
// flows merges them (XOR) through silent transitions; several outgoing flows from a task run in parallel.
// Initial marking: one token in the source; final marking: one token in the sink.
PetriNet compile_flow(const FlowModel& flow);

}  // namespace lf::engine
