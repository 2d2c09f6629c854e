// compile_flow: a flow becomes a workflow net (one source place, one sink place) that the conformance checks
// replay events against. Every construct maps locally, node by node, so a deviation in the net points back to
// one element of the BPMN diagram.
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/flow.h"

namespace lf::engine {
namespace {

class Compiler {
 public:
  explicit Compiler(const FlowModel& flow) : flow_(flow) {
    net_.id = flow.process_id;
    net_.name = flow.name;
    source_ = net_.add_place("source", "source");
    sink_ = net_.add_place("sink", "sink");
    net_.initial[source_] = 1;
    net_.final_marking[sink_] = 1;
    // One place per sequence flow, named after its condition when it has one.
    for (const auto& e : flow.edges) {
      int32_t p = net_.add_place(e.id, e.condition);
      incoming_[e.to].push_back(p);
      outgoing_[e.from].push_back(p);
    }
  }

  PetriNet run() && {
    for (const auto& n : flow_.nodes) {
      switch (n.kind) {
        case NodeKind::exclusive_gateway:
        case NodeKind::inclusive_gateway:  // an OR split is replayed as a choice of one branch
          choice(n);
          break;
        case NodeKind::parallel_gateway:
          synchronise(n);
          break;
        default:
          activity(n);
      }
    }
    return std::move(net_);
  }

 private:
  std::vector<int32_t> ins(const FlowNode& n) {
    std::vector<int32_t> places = incoming_[n.id];
    if (n.kind == NodeKind::start_event) places.insert(places.begin(), source_);
    // A node nothing leads to (the checker reports it) waits on a place that never gets a token, rather than
    // becoming a transition that is always enabled.
    if (places.empty()) places.push_back(net_.add_place(n.id + "_unreached"));
    return places;
  }
  std::vector<int32_t> outs(const FlowNode& n) {
    if (n.kind == NodeKind::end_event) return {sink_};
    return outgoing_[n.id];
  }

  // Tasks and events: alternative incoming flows merge (XOR) through silent transitions into one place; the
  // node's transition then produces on every outgoing flow (BPMN's implicit parallel split).
  void activity(const FlowNode& n) {
    std::vector<int32_t> in = ins(n);
    int32_t from = in[0];
    if (in.size() > 1) {
      from = net_.add_place(n.id + "_merge");
      for (size_t i = 0; i < in.size(); ++i) {
        int32_t t = net_.add_transition(n.id + "_merge" + std::to_string(i + 1), "");
        net_.add_input(t, in[i]);
        net_.add_output(t, from);
      }
    }
    std::string label;
    if (n.kind == NodeKind::task) label = n.name.empty() ? n.id : n.name;
    int32_t t = net_.add_transition(n.id, label);
    net_.add_input(t, from);
    for (int32_t p : outs(n)) net_.add_output(t, p);
  }

  // XOR (and OR): one silent transition per pair of incoming and outgoing flow.
  void choice(const FlowNode& n) {
    std::vector<int32_t> in = ins(n), out = outs(n);
    size_t k = 0;
    for (int32_t i : in) {
      if (out.empty()) {
        int32_t t = net_.add_transition(n.id + "_" + std::to_string(++k), "");
        net_.add_input(t, i);
      }
      for (int32_t o : out) {
        int32_t t = net_.add_transition(n.id + "_" + std::to_string(++k), "");
        net_.add_input(t, i);
        net_.add_output(t, o);
      }
    }
  }

  // AND: one silent transition waiting for every incoming flow and starting every outgoing one.
  void synchronise(const FlowNode& n) {
    int32_t t = net_.add_transition(n.id, "");
    for (int32_t p : ins(n)) net_.add_input(t, p);
    for (int32_t p : outs(n)) net_.add_output(t, p);
  }

  const FlowModel& flow_;
  PetriNet net_;
  int32_t source_ = 0, sink_ = 0;
  std::unordered_map<std::string, std::vector<int32_t>> incoming_, outgoing_;
};

}  // namespace

PetriNet compile_flow(const FlowModel& flow) { return Compiler(flow).run(); }

}  // namespace lf::engine
