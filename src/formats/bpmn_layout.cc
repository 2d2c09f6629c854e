#include "formats/bpmn_layout.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

namespace lf::formats::bpmn_layout {
namespace {

using engine::FlowModel;
using engine::NodeKind;

// Sizes as bpmn-js draws them, and the grid the nodes sit on.
constexpr int kPoolX = 160, kPoolY = 80, kPoolLabel = 30;
constexpr int kRowH = 120, kColW = 160, kMarginX = 50;

Box size_of(NodeKind k) {
  switch (k) {
    case NodeKind::task: return {0, 0, 100, 80};
    case NodeKind::start_event:
    case NodeKind::end_event:
    case NodeKind::intermediate_event: return {0, 0, 36, 36};
    default: return {0, 0, 50, 50};
  }
}

bool is_gateway(NodeKind k) {
  return k == NodeKind::exclusive_gateway || k == NodeKind::parallel_gateway || k == NodeKind::inclusive_gateway;
}

struct Graph {
  std::vector<int> from, to;               // by edge index; -1 when the end is not a node
  std::vector<std::vector<size_t>> out;    // edge indices by node
  std::vector<bool> back;                  // edges closing a cycle, left out of the layering
};

Graph build_graph(const FlowModel& flow) {
  std::unordered_map<std::string, int> index;
  for (size_t i = 0; i < flow.nodes.size(); ++i) index.emplace(flow.nodes[i].id, static_cast<int>(i));
  Graph g;
  g.out.resize(flow.nodes.size());
  g.back.assign(flow.edges.size(), false);
  for (size_t e = 0; e < flow.edges.size(); ++e) {
    auto f = index.find(flow.edges[e].from), t = index.find(flow.edges[e].to);
    g.from.push_back(f == index.end() ? -1 : f->second);
    g.to.push_back(t == index.end() ? -1 : t->second);
    if (g.from.back() >= 0 && g.to.back() >= 0) g.out[f->second].push_back(e);
  }
  // Depth-first from the start events, then from anything left: an edge to a node still on the stack is a
  // back edge (a loop such as "退回修改").
  std::vector<int> state(flow.nodes.size(), 0);  // 0 new, 1 on stack, 2 done
  auto dfs = [&](size_t root) {
    std::vector<std::pair<size_t, size_t>> stack{{root, 0}};
    state[root] = 1;
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next == g.out[v].size()) {
        state[v] = 2;
        stack.pop_back();
        continue;
      }
      size_t e = g.out[v][next++];
      size_t w = static_cast<size_t>(g.to[e]);
      if (state[w] == 1) {
        g.back[e] = true;
      } else if (state[w] == 0) {
        state[w] = 1;
        stack.emplace_back(w, 0);
      }
    }
  };
  for (size_t i = 0; i < flow.nodes.size(); ++i) {
    if (flow.nodes[i].kind == NodeKind::start_event && state[i] == 0) dfs(i);
  }
  for (size_t i = 0; i < flow.nodes.size(); ++i) {
    if (state[i] == 0) dfs(i);
  }
  return g;
}

// Which band each node is drawn in: its lane (or, without lanes, its post); events and gateways with neither
// join the band of the nearest node that has one.
std::vector<int> assign_bands(const FlowModel& flow, const Graph& g, Layout& out) {
  bool lanes = !flow.lanes.empty();
  for (const auto& n : flow.nodes) lanes = lanes || !n.lane.empty();
  std::vector<std::string> names = lanes ? flow.lanes : std::vector<std::string>{};
  std::vector<int> band(flow.nodes.size(), -1);
  for (size_t i = 0; i < flow.nodes.size(); ++i) {
    const std::string& key = lanes ? flow.nodes[i].lane : flow.nodes[i].post;
    if (key.empty()) continue;
    auto it = std::find(names.begin(), names.end(), key);
    band[i] = static_cast<int>(it - names.begin());
    if (it == names.end()) names.push_back(key);
  }
  for (const auto& name : names) out.bands.push_back({name, !lanes, {}, {}});
  if (names.empty()) return band;

  std::vector<std::vector<size_t>> near(flow.nodes.size());
  for (size_t e = 0; e < g.from.size(); ++e) {
    if (g.from[e] < 0 || g.to[e] < 0) continue;
    near[g.from[e]].push_back(g.to[e]);
    near[g.to[e]].push_back(g.from[e]);
  }
  std::vector<int> drawn = band;
  for (size_t i = 0; i < flow.nodes.size(); ++i) {
    if (drawn[i] >= 0) continue;
    std::vector<bool> seen(flow.nodes.size(), false);
    std::deque<size_t> queue{i};
    seen[i] = true;
    drawn[i] = 0;
    while (!queue.empty()) {
      size_t v = queue.front();
      queue.pop_front();
      if (band[v] >= 0) {
        drawn[i] = band[v];
        break;
      }
      for (size_t w : near[v]) {
        if (!seen[w]) {
          seen[w] = true;
          queue.push_back(w);
        }
      }
    }
  }
  for (size_t i = 0; i < flow.nodes.size(); ++i) {
    // A lane lists only its own nodes; a post band (which the reader ignores) lists every node drawn in it.
    int holder = lanes ? band[i] : drawn[i];
    if (holder >= 0) out.bands[holder].refs.push_back(flow.nodes[i].id);
  }
  return drawn;
}

// The box bpmn-js needs for a name of about this width at its 11px font: wrapped at 90px.
Box label_size(const std::string& text) {
  int width = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    width += c >= 0xE0 ? 12 : 7;       // CJK and other 3-4 byte characters are full width
  }
  int lines = std::max(1, (width + 89) / 90);
  return {0, 0, std::min(std::max(width, 20), 90), 14 * lines};
}

// Events carry their name centred below; gateways above and to the right, where neither the incoming flow
// (from the left), nor the outgoing ones (to the right, or leaving the top and bottom corners) run.
std::optional<Box> place_label(const engine::FlowNode& n, const Box& shape) {
  if (n.name.empty() || n.kind == NodeKind::task) return std::nullopt;
  Box label = label_size(n.name);
  if (is_gateway(n.kind)) {
    label.x = shape.cx() + 6;
    label.y = shape.y - 4 - label.h;
  } else {
    label.x = shape.cx() - label.w / 2;
    label.y = shape.bottom() + 6;
  }
  return label;
}

std::vector<Point> route(const Box& s, NodeKind sk, const Box& t, NodeKind tk, bool back) {
  if (back) {
    // Loops run back underneath both ends.
    int y = std::max(s.cy(), t.cy()) + kRowH / 2 - 8;
    return {{s.cx(), s.bottom()}, {s.cx(), y}, {t.cx(), y}, {t.cx(), t.bottom()}};
  }
  if (s.cy() == t.cy()) return {{s.right(), s.cy()}, {t.x, t.cy()}};
  bool down = t.cy() > s.cy();
  if (is_gateway(sk)) return {{s.cx(), down ? s.bottom() : s.y}, {s.cx(), t.cy()}, {t.x, t.cy()}};
  if (is_gateway(tk)) return {{s.right(), s.cy()}, {t.cx(), s.cy()}, {t.cx(), down ? t.y : t.bottom()}};
  int mid = t.x - (t.x - s.right()) / 2;
  return {{s.right(), s.cy()}, {mid, s.cy()}, {mid, t.cy()}, {t.x, t.cy()}};
}

}  // namespace

Layout layout(const FlowModel& flow) {
  Layout out;
  Graph g = build_graph(flow);
  std::vector<int> band = assign_bands(flow, g, out);
  size_t n = flow.nodes.size();

  // Longest-path layers over the acyclic part, in topological order (Kahn, ties by document order).
  std::vector<int> indegree(n, 0), layer(n, 0);
  std::vector<std::vector<size_t>> in(n);
  for (size_t e = 0; e < g.from.size(); ++e) {
    if (g.from[e] < 0 || g.to[e] < 0 || g.back[e]) continue;
    ++indegree[g.to[e]];
    in[g.to[e]].push_back(e);
  }
  std::set<size_t> ready;
  for (size_t i = 0; i < n; ++i) {
    if (indegree[i] == 0) ready.insert(i);
  }
  std::vector<size_t> order;
  while (!ready.empty()) {
    size_t v = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(v);
    for (size_t e : g.out[v]) {
      if (g.back[e]) continue;
      size_t w = static_cast<size_t>(g.to[e]);
      layer[w] = std::max(layer[w], layer[v] + 1);
      if (--indegree[w] == 0) ready.insert(w);
    }
  }

  // Rows within a band: a node keeps the row of its first predecessor in the same band when that cell is
  // free, so that the main path runs straight and branches open below it.
  std::vector<int> row(n, 0);
  std::map<std::pair<int, int>, std::set<int>> taken;  // (band, layer) -> rows
  std::map<int, int> rows_in_band;
  for (size_t v : order) {
    int preferred = 0;
    for (size_t e : in[v]) {
      if (band[g.from[e]] == band[v]) {
        preferred = row[g.from[e]];
        break;
      }
    }
    auto& cell = taken[{band[v], layer[v]}];
    int r = preferred;
    while (cell.count(r) > 0) ++r;
    cell.insert(r);
    row[v] = r;
    rows_in_band[band[v]] = std::max(rows_in_band[band[v]], r + 1);
  }

  int layers = 0;
  for (size_t i = 0; i < n; ++i) layers = std::max(layers, layer[i] + 1);
  int width = kPoolLabel + 2 * kMarginX + std::max(1, layers) * kColW - (kColW - 100);
  std::map<int, int> band_top;
  int y = kPoolY;
  if (out.bands.empty()) {
    band_top[-1] = y;
    y += std::max(1, rows_in_band[-1]) * kRowH;
  }
  for (size_t b = 0; b < out.bands.size(); ++b) {
    int height = std::max(1, rows_in_band[static_cast<int>(b)]) * kRowH;
    band_top[static_cast<int>(b)] = y;
    out.bands[b].box = {kPoolX + kPoolLabel, y, width - kPoolLabel, height};
    y += height;
  }
  out.pool = {kPoolX, kPoolY, width, y - kPoolY};

  for (size_t i = 0; i < n; ++i) {
    Box box = size_of(flow.nodes[i].kind);
    int cx = kPoolX + kPoolLabel + kMarginX + 50 + layer[i] * kColW;
    int cy = band_top[band[i]] + row[i] * kRowH + kRowH / 2;
    box.x = cx - box.w / 2;
    box.y = cy - box.h / 2;
    out.nodes.push_back(box);
    out.labels.push_back(place_label(flow.nodes[i], box));
  }
  for (size_t e = 0; e < g.from.size(); ++e) {
    if (g.from[e] < 0 || g.to[e] < 0) {
      out.edges.emplace_back();
      continue;
    }
    out.edges.push_back(route(out.nodes[g.from[e]], flow.nodes[g.from[e]].kind, out.nodes[g.to[e]],
                              flow.nodes[g.to[e]].kind, g.back[e]));
  }
  return out;
}

}  // namespace lf::formats::bpmn_layout
