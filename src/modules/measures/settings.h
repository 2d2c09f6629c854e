// A unit's measure settings (control types, supervision classes, the residual rule) and its templates by
// level, with the presets of seeds 000, 002 and 003 for units that have not set their own.
#pragma once
#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "modules/measures/model.h"
#include "modules/measures/residual.h"

namespace lf::measures {

struct Settings {
  std::vector<std::string> control_types;
  std::map<std::string, std::string> supervision;        // A/B/C → who supervises
  std::map<std::string, std::string> supervision_by_level;  // high/medium/low → A/B/C (default for new measures)
  ResidualRule residual;
};

Settings default_settings();
Result<Settings> settings_from_json(const boost::json::object& o);
boost::json::object to_json(const Settings& s);

// Seed 003: what each level of risk calls for.
const std::vector<Template>& preset_templates();
Status validate_template(const Template& t, const Settings& s);

}  // namespace lf::measures
