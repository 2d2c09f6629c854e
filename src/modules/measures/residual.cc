#include "modules/measures/residual.h"

#include <algorithm>
#include <cmath>

namespace lf::measures {

namespace {

int score_of(const std::string& level) {
  if (level == "high") return 3;
  if (level == "medium") return 2;
  if (level == "low") return 1;
  return 0;
}

const char* level_of(int score) { return score >= 3 ? "high" : score == 2 ? "medium" : "low"; }

std::string lowered(const std::string& inherent, double steps, const ResidualRule& rule) {
  const int s = score_of(inherent);
  if (s == 0) return "";
  const double raw = double(s) - steps;
  // A small tolerance so that 3 - 0.5 - 0.5 rounds like 2 and not like 2.0000000001.
  double r = rule.rounding == "down" ? std::floor(raw + 1e-9)
             : rule.rounding == "nearest" ? std::floor(raw + 0.5 + 1e-9)
                                          : std::ceil(raw - 1e-9);
  return level_of(std::max(1, int(r)));
}

}  // namespace

Result<ResidualRule> residual_rule_from_json(const boost::json::object& o) {
  ResidualRule r;
  auto number = [&](const char* key, double& out) -> Status {
    if (!o.contains(key)) return ok();
    const auto& v = o.at(key);
    if (!v.is_number()) return make_error("measure.residual_rule_invalid", key);
    out = v.to_number<double>();
    if (out < 0 || out > 3) return make_error("measure.residual_rule_invalid", key);
    return ok();
  };
  LF_CHECK(number("specific_step", r.specific_step));
  LF_CHECK(number("general_step", r.general_step));
  if (o.contains("rounding")) {
    const auto* s = o.at("rounding").if_string();
    if (!s || (*s != "up" && *s != "down" && *s != "nearest")) return make_error("measure.residual_rule_invalid", "rounding");
    r.rounding = std::string(*s);
  }
  return r;
}

boost::json::object to_json(const ResidualRule& r) {
  return {{"specific_step", r.specific_step}, {"general_step", r.general_step}, {"rounding", r.rounding}};
}

Residual residual_levels(const std::string& inherent, const std::vector<MeasureFacts>& measures, const ResidualRule& rule) {
  double planned = 0, applied = 0;
  for (const auto& m : measures) {
    if (m.status == "lapsed") continue;
    const double step = m.specificity == "general" ? rule.general_step : rule.specific_step;
    planned += step;
    if (m.applied) applied += step;
  }
  Residual out;
  out.inherent = score_of(inherent) ? inherent : "";
  out.residual = lowered(inherent, planned, rule);
  out.after_monitoring = lowered(inherent, applied, rule);
  return out;
}

bool meets_target(double value, double target, const std::string& direction) {
  return direction == "lower" ? value <= target : value >= target;
}

}  // namespace lf::measures
