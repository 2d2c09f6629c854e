// The residual level of a risk point after its measures (seed 003 gives the levels, the unit the rule). Pure.
//
// Preset rule: levels score high 3, medium 2, low 1; each specific measure lowers the score by one step and each
// general measure by half a step; the result is rounded up (a lone general measure does not lower a level) and
// never goes below the lowest level. "After monitoring" counts only applied measures.
#pragma once
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace lf::measures {

struct ResidualRule {
  double specific_step = 1.0;
  double general_step = 0.5;
  std::string rounding = "up";  // up | down | nearest
};

Result<ResidualRule> residual_rule_from_json(const boost::json::object& o);
boost::json::object to_json(const ResidualRule& r);

// What the residual rule needs of one measure.
struct MeasureFacts {
  std::string specificity;  // specific | general
  std::string status;       // planned | in_force | lapsed
  bool applied = false;
};

struct Residual {
  std::string inherent, residual, after_monitoring;  // '' when the risk has no level yet
};

Residual residual_levels(const std::string& inherent, const std::vector<MeasureFacts>& measures, const ResidualRule& rule);

// Whether a measurement meets the target in the indicator's direction ("done" indicators: 1 meets 1).
bool meets_target(double value, double target, const std::string& direction);

}  // namespace lf::measures
