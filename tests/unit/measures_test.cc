// Control measures: the residual level as data-driven cases (tests/cases/residual), the check-task schedule
// across a year with a fixed "today", and unit settings.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "modules/measures/residual.h"
#include "modules/measures/schedule.h"
#include "modules/measures/service.h"
#include "modules/measures/settings.h"

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace lf::measures;

namespace {

json::object load_cases() {
  std::ifstream in(fs::path(LF_SOURCE_DIR) / "tests" / "cases" / "residual" / "cases.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str()).as_object();
}

std::string str(const json::object& o, const char* k) {
  return o.contains(k) ? std::string(o.at(k).as_string()) : std::string();
}

}  // namespace

TEST(Residual, DataDrivenCases) {
  const auto all = load_cases();
  const auto& cases = all.at("cases").as_array();
  ASSERT_GE(cases.size(), 10u);
  for (const auto& v : cases) {
    const auto& c = v.as_object();
    SCOPED_TRACE(str(c, "name"));
    ResidualRule rule;
    if (c.contains("rule")) {
      auto r = residual_rule_from_json(c.at("rule").as_object());
      ASSERT_TRUE(r.ok());
      rule = *r;
    }
    std::vector<MeasureFacts> facts;
    for (const auto& mv : c.at("measures").as_array()) {
      const auto& m = mv.as_object();
      // Applied either as given, or derived from the indicator and its latest value by the service's own rule.
      Measure measure;
      measure.status = str(m, "status");
      measure.specificity = str(m, "specificity");
      if (m.contains("indicator")) {
        const auto& ind = m.at("indicator").as_object();
        measure.indicator.type = "count";
        measure.indicator.direction = str(ind, "direction");
        measure.indicator.target = ind.at("target").to_number<double>();
        if (m.contains("latest")) measure.latest = Measurement{0, 0, m.at("latest").to_number<double>()};
        derive_applied(measure);
      } else {
        measure.applied = m.contains("applied") && m.at("applied").as_bool();
      }
      facts.push_back({measure.specificity, measure.status, measure.applied});
    }
    const auto got = residual_levels(str(c, "inherent"), facts, rule);
    EXPECT_EQ(got.residual, str(c, "residual"));
    EXPECT_EQ(got.after_monitoring, str(c, "after_monitoring"));
  }
}

TEST(Residual, RuleRejectsNonsense) {
  EXPECT_FALSE(residual_rule_from_json(json::object{{"rounding", "sideways"}}).ok());
  EXPECT_FALSE(residual_rule_from_json(json::object{{"specific_step", -1}}).ok());
  EXPECT_FALSE(residual_rule_from_json(json::object{{"general_step", "half"}}).ok());
}

TEST(Applied, WithoutIndicatorNeedsKeptChecks) {
  Measure m;
  m.status = "in_force";
  derive_applied(m);
  EXPECT_FALSE(m.applied);  // nothing checked yet
  m.done_tasks = 2;
  derive_applied(m);
  EXPECT_TRUE(m.applied);
  m.overdue_tasks = 1;
  derive_applied(m);
  EXPECT_FALSE(m.applied);  // a check past due
  m.overdue_tasks = 0;
  m.status = "planned";
  derive_applied(m);
  EXPECT_FALSE(m.applied);
}

// A fixed clock: the schedule is a function of the measure and "today" only.
TEST(Schedule, MonthlyAcrossAYear) {
  auto slots = task_slots("monthly", "2026-01-15", std::nullopt, "2026-12-31");
  ASSERT_EQ(slots.size(), 12u);
  EXPECT_EQ(slots.front().period, "2026-01");
  EXPECT_EQ(slots.front().due_date, "2026-01-31");
  EXPECT_EQ(slots[1].due_date, "2026-02-28");
  EXPECT_EQ(slots.back().period, "2026-12");
  EXPECT_EQ(slots.back().due_date, "2026-12-31");
  // Mid-year: the months so far, the current one included.
  EXPECT_EQ(task_slots("monthly", "2026-01-15", std::nullopt, "2026-06-10").size(), 6u);
  // Leap year February.
  EXPECT_EQ(task_slots("monthly", "2028-02-01", std::nullopt, "2028-02-01").front().due_date, "2028-02-29");
}

TEST(Schedule, QuarterlyYearlyAndCrossingTheYear) {
  auto q = task_slots("quarterly", "2026-05-20", std::nullopt, "2027-01-05");
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].period, "2026-Q2");
  EXPECT_EQ(q[0].due_date, "2026-06-30");
  EXPECT_EQ(q[2].due_date, "2026-12-31");
  EXPECT_EQ(q[3].period, "2027-Q1");
  EXPECT_EQ(q[3].due_date, "2027-03-31");
  auto y = task_slots("yearly", "2025-03-01", std::nullopt, "2026-11-21");
  ASSERT_EQ(y.size(), 2u);
  EXPECT_EQ(y[0].period, "2025");
  EXPECT_EQ(y[1].due_date, "2026-12-31");
}

TEST(Schedule, OnceDueDateAndEnd) {
  auto once = task_slots("once", "2026-03-01", std::string("2026-03-15"), "2026-11-21");
  ASSERT_EQ(once.size(), 1u);
  EXPECT_EQ(once[0].due_date, "2026-03-15");
  EXPECT_EQ(task_slots("once", "2026-03-01", std::nullopt, "2026-11-21")[0].due_date, "2026-03-31");
  EXPECT_TRUE(task_slots("once", "2026-12-01", std::nullopt, "2026-11-21").empty());  // not started yet
  // A recurring measure's due date ends its series.
  EXPECT_EQ(task_slots("monthly", "2026-01-01", std::string("2026-03-31"), "2026-11-21").size(), 3u);
  EXPECT_TRUE(task_slots("per_case", "2026-01-01", std::nullopt, "2026-11-21").empty());
  EXPECT_TRUE(task_slots("", "2026-01-01", std::nullopt, "2026-11-21").empty());
  EXPECT_TRUE(task_slots("monthly", "not a date", std::nullopt, "2026-11-21").empty());
}

TEST(Settings, DefaultsAndValidation) {
  const auto d = default_settings();
  EXPECT_EQ(d.supervision_by_level.at("high"), "A");
  EXPECT_NE(std::find(d.control_types.begin(), d.control_types.end(), "集体决策/联签"), d.control_types.end());
  auto own = settings_from_json(json::object{{"control_types", json::array{"廉政谈话", "监督检查"}},
                                             {"supervision_by_level", json::object{{"low", "B"}}}});
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->control_types.size(), 2u);
  EXPECT_EQ(own->supervision_by_level.at("low"), "B");
  EXPECT_EQ(own->supervision_by_level.at("high"), "A");
  EXPECT_FALSE(settings_from_json(json::object{{"supervision_by_level", json::object{{"low", "D"}}}}).ok());
  EXPECT_FALSE(settings_from_json(json::object{{"control_types", json::array{"a", "a"}}}).ok());
  // Every preset template validates against the default settings, and each level has its seed-003 measures.
  int per_level[3] = {0, 0, 0};
  for (const auto& t : preset_templates()) {
    EXPECT_TRUE(validate_template(t, d).ok()) << t.code;
    per_level[t.level == "high" ? 0 : t.level == "medium" ? 1 : 2]++;
  }
  EXPECT_EQ(per_level[0], 6);
  EXPECT_EQ(per_level[1], 3);
  EXPECT_EQ(per_level[2], 2);
}
