// Grading (风险等级评定): how a unit turns a risk point's inputs into a level. Pure functions, no I/O.
// A unit picks one model (or keeps the default); presets cover the methods in use (domain/README.md, Grading):
//   matrix      likelihood × impact on an n×n grid (3×3, 5×5) with score cut-offs;
//   criteria    five yes/no criteria (universities): ≥ 3 → high, 2 → medium, ≤ 1 → low (counts configurable);
//   consequence the worst consequence (crime / discipline / minor) and the type of power exercised;
//   lec         D = L × E × C (likelihood, exposure, consequence) with bands on D.
// Levels are always high / medium / low inside Lianfang; how they are shown (高中低, 一二三级, ABC) is the
// unit's display choice.
#pragma once
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace lf::risks {

enum class Method { matrix, criteria, consequence, lec };

struct GradingModel {
  Method method = Method::matrix;
  std::string preset;  // name of the preset it started from: "matrix3", "matrix5", "criteria5", "consequence", "lec"

  // matrix: scores are likelihood × impact (1..size each); score ≥ high_from → high, ≥ medium_from → medium.
  int size = 3;
  int high_from = 6;
  int medium_from = 3;

  // criteria: the five criteria's labels (zh) and the counts for high / medium.
  std::vector<std::string> criteria;
  int criteria_high = 3;
  int criteria_medium = 2;

  // consequence: which consequences and which power types make a level.
  std::vector<std::string> high_power_types;  // e.g. 直接执法, 行政许可, 行政处罚, 收费, 项目审批, 人事, 财务, 采购

  // lec: D ≥ lec_high → high, ≥ lec_medium → medium.
  double lec_high = 160;
  double lec_medium = 70;

  // Display: "gzd" (高/中/低), "level123" (一级/二级/三级), "abc" (A/B/C).
  std::string display = "gzd";
  // How long a rating holds before it must be reviewed again (1 or 3 years in the seeds).
  int validity_years = 1;

  bool operator==(const GradingModel&) const = default;
};

struct Grade {
  std::string level;       // high | medium | low
  double score = 0;        // the number the level came from (matrix product, criteria count, D)
  std::string basis;       // zh: how it was reached, e.g. "可能性 3 × 影响 2 = 6，≥ 6 为高"
  std::string basis_en;    // e.g. "likelihood 3 × impact 2 = 6, ≥ 6 is High"

  bool operator==(const Grade&) const = default;
};

// The preset models by name; unknown names → risk.grading_preset_unknown.
Result<GradingModel> preset(const std::string& name);
std::vector<std::string> preset_names();

// A model from its JSON form (as stored per unit and sent by the API), validated: sizes 3..5, cut-offs
// positive and ordered (high above medium), five criteria, display known. Errors name the field.
Result<GradingModel> model_from_json(const boost::json::object& o);
boost::json::object model_to_json(const GradingModel& m);
// The checks model_from_json makes, for a model built in code; grade() makes them too. Errors name the field.
Status validate_model(const GradingModel& m);

// The level for `inputs`, whose shape depends on the method:
//   matrix      {"likelihood": 1..size, "impact": 1..size}
//   criteria    {"criteria": [true, false, true, false, false]}   (exactly as many as the model's criteria)
//   consequence {"consequence": "crime"|"discipline"|"minor", "power_type": "..."}
//   lec         {"L": >0, "E": >0, "C": >0}
// Missing or out-of-range inputs → risk.grading_input_invalid with the field named.
Result<Grade> grade(const GradingModel& m, const boost::json::object& inputs);

// The label a unit shows for a level: 高 / 一级 / A (zh) and High / Level 1 / A (en).
std::string level_label(const GradingModel& m, const std::string& level, bool english = false);

}  // namespace lf::risks
