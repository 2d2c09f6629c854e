// flow_svg: builds a DOT description of the flow and lets graphviz (dot layout, SVG renderer) draw it.
// Graphviz keeps global state (the context, error hooks, the cgraph dictionaries), so every call runs under
// one mutex.
#include "formats/flow_svg.h"

#include <algorithm>
#include <mutex>
#include <string>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

namespace lf::formats {
namespace {

using engine::FlowNode;
using engine::NodeKind;

constexpr const char* kFont = "Noto Sans CJK SC";

// A DOT double-quoted string. Line breaks in names become DOT's centred line break.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out + "\"";
}

// A post id (as check_flow leaves it) shown by the post's name; anything else as written.
std::string post_name(const std::string& post, const engine::PostDirectory& posts) {
  for (const auto& p : posts.posts) {
    if (p.id == post) return p.name;
  }
  return post;
}

std::string task_label(const FlowNode& n, const engine::PostDirectory& posts) {
  std::string detail = post_name(n.post, posts);
  if (n.time_limit_days) {
    if (!detail.empty()) detail += " · ";
    detail += std::to_string(*n.time_limit_days) + " 个工作日";
  }
  std::string label = n.name.empty() ? n.id : n.name;
  return detail.empty() ? label : label + "\n" + detail;
}

std::string node_statement(const FlowNode& n, size_t index, const engine::PostDirectory& posts) {
  std::string s = "  n" + std::to_string(index) + " [id=" + quoted(n.id);
  switch (n.kind) {
    case NodeKind::task:
      s += ", shape=box, style=\"rounded,filled\", fillcolor=\"#ecf5ff\", color=" +
           std::string(n.supervision_point ? "\"#e6a23c\", penwidth=2" : "\"#409eff\"") +
           ", margin=\"0.15,0.08\", label=" + quoted(task_label(n, posts));
      break;
    case NodeKind::exclusive_gateway:
    case NodeKind::parallel_gateway:
    case NodeKind::inclusive_gateway: {
      const char* mark = n.kind == NodeKind::parallel_gateway ? "+" : n.kind == NodeKind::inclusive_gateway ? "○" : "×";
      // The mark is drawn larger than the name beside it: an HTML-like label has its own font size.
      s += ", shape=diamond, style=filled, fillcolor=\"#fdf6ec\", color=\"#e6a23c\", fixedsize=true, width=0.5, "
           "height=0.5, label=<<font point-size=\"16\">" + std::string(mark) + "</font>>, xlabel=" + quoted(n.name);
      break;
    }
    default: {
      const char* look = n.kind == NodeKind::start_event ? "shape=circle, color=\"#67c23a\", penwidth=1.5"
                         : n.kind == NodeKind::end_event ? "shape=circle, color=\"#f56c6c\", penwidth=3"
                                                         : "shape=doublecircle, color=\"#909399\"";
      s += std::string(", ") + look + ", fixedsize=true, width=0.35, label=\"\", xlabel=" + quoted(n.name);
    }
  }
  return s + "];\n";
}

std::string to_dot(const engine::FlowModel& flow, const engine::PostDirectory& posts) {
  std::string font = quoted(kFont);
  std::string dot = "digraph flow {\n";
  dot += "  graph [rankdir=LR, charset=\"UTF-8\", fontname=" + font +
         ", fontsize=12, nodesep=0.35, ranksep=0.45, labeljust=l, forcelabels=true];\n";
  dot += "  node [fontname=" + font + ", fontsize=11];\n";
  dot += "  edge [fontname=" + font + ", fontsize=10, color=\"#606266\", arrowsize=0.7];\n";

  // Lanes first, in document order (then any lane only the nodes name), each as a cluster.
  std::vector<std::string> lanes = flow.lanes;
  for (const auto& n : flow.nodes) {
    if (!n.lane.empty() && std::find(lanes.begin(), lanes.end(), n.lane) == lanes.end()) lanes.push_back(n.lane);
  }
  for (size_t l = 0; l < lanes.size(); ++l) {
    dot += "  subgraph cluster_" + std::to_string(l) + " {\n  label=" + quoted(lanes[l]) +
           "; style=\"rounded,filled\"; fillcolor=\"#f5f7fa\"; color=\"#dcdfe6\";\n";
    for (size_t i = 0; i < flow.nodes.size(); ++i) {
      if (flow.nodes[i].lane == lanes[l]) dot += "  " + node_statement(flow.nodes[i], i, posts);
    }
    dot += "  }\n";
  }
  for (size_t i = 0; i < flow.nodes.size(); ++i) {
    if (flow.nodes[i].lane.empty()) dot += node_statement(flow.nodes[i], i, posts);
  }
  for (const auto& e : flow.edges) {
    const FlowNode* from = flow.node(e.from);
    const FlowNode* to = flow.node(e.to);
    if (from == nullptr || to == nullptr) continue;
    dot += "  n" + std::to_string(from - flow.nodes.data()) + " -> n" + std::to_string(to - flow.nodes.data()) +
           " [id=" + quoted(e.id);
    if (!e.condition.empty()) dot += ", label=" + quoted(e.condition);
    dot += "];\n";
  }
  return dot + "}\n";
}

std::mutex graphviz_mutex;
std::string graphviz_errors;  // guarded by graphviz_mutex

int collect_error(char* message) {
  graphviz_errors += message;
  return 0;
}

}  // namespace

Result<std::string> flow_svg(const engine::FlowModel& flow) { return flow_svg(flow, engine::PostDirectory{}); }

Result<std::string> flow_svg(const engine::FlowModel& flow, const engine::PostDirectory& posts) {
  std::string dot = to_dot(flow, posts);
  std::lock_guard<std::mutex> lock(graphviz_mutex);
  // One context for the life of the process: creating one loads the plugin configuration each time.
  static GVC_t* context = gvContext();
  graphviz_errors.clear();
  agseterrf(collect_error);

  Agraph_t* graph = agmemread(dot.c_str());
  if (graph == nullptr) return internal_error("graphviz could not read the flow's DOT: " + graphviz_errors);
  if (gvLayout(context, graph, "dot") != 0) {
    agclose(graph);
    return internal_error("graphviz layout failed: " + graphviz_errors);
  }
  char* data = nullptr;
  unsigned int length = 0;
  int rendered = gvRenderData(context, graph, "svg", &data, &length);
  std::string svg = rendered == 0 && data != nullptr ? std::string(data, length) : std::string();
  if (data != nullptr) gvFreeRenderData(data);
  gvFreeLayout(context, graph);
  agclose(graph);
  if (svg.empty()) return internal_error("graphviz could not render SVG: " + graphviz_errors);
  return svg;
}

}  // namespace lf::formats
