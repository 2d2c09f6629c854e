// A flow drawn as SVG on the server (graphviz), for PDF reports and exports: lanes as clusters, tasks as
// rounded boxes with their post and time limit, gateways as diamonds, events as circles.
#pragma once
#include <string>

#include "base/result.h"
#include "engine/flow.h"

namespace lf::formats {

Result<std::string> flow_svg(const engine::FlowModel& flow);
// The same, showing each step's post by its name in `posts` (steps hold post ids after check_flow).
Result<std::string> flow_svg(const engine::FlowModel& flow, const engine::PostDirectory& posts);

}  // namespace lf::formats
