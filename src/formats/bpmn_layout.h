// Diagram layout for write_bpmn: left to right by longest-path layering, lanes as horizontal bands. Internal
// to formats/; pure geometry, no XML.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "engine/flow.h"

namespace lf::formats::bpmn_layout {

struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  int cx() const { return x + w / 2; }
  int cy() const { return y + h / 2; }
  int right() const { return x + w; }
  int bottom() const { return y + h; }
};

struct Point {
  int x = 0, y = 0;
};

struct Band {
  std::string name;
  bool by_post = false;           // derived from the steps' posts because the flow has no lanes
  Box box;
  std::vector<std::string> refs;  // ids of the nodes the lane holds (its flowNodeRefs)
};

struct Layout {
  Box pool;
  std::vector<Band> bands;                // empty when the flow has neither lanes nor posts
  std::vector<Box> nodes;                 // by node index
  // Where the name of an event or gateway goes (bpmn-js draws those names outside the shape); by node index.
  std::vector<std::optional<Box>> labels;
  std::vector<std::vector<Point>> edges;  // by edge index; empty for an edge whose ends are not both nodes
};

Layout layout(const engine::FlowModel& flow);

}  // namespace lf::formats::bpmn_layout
