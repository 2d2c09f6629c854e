// The rules of control measures: who may set and change them, what a valid measure says, template proposals by
// level, measurements against the indicator's target, check tasks and their completion with evidence, the
// residual level of a risk. One transaction and one audit row per write.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/audit/totals.h"
#include "modules/auth/principal.h"
#include "modules/measures/model.h"
#include "modules/measures/residual.h"
#include "modules/measures/settings.h"
#include "modules/measures/store.h"

namespace lf::measures {

using auth::Principal;

struct MeasureInput {
  std::optional<int64_t> risk_id;
  std::optional<std::string> line, control_type, description, supervision, frequency, start_date, evidence, status,
      specificity, template_code;
  std::optional<std::optional<int64_t>> owner_post_id, owner_person_id;
  std::optional<std::optional<std::string>> due_date;
  std::optional<std::optional<Indicator>> indicator;
};

struct MeasurementInput {
  double value = 0;
  std::string measured_on, note;
  std::optional<int64_t> file_id;
};

// What a risk point's page shows of its measures: the list and the three levels.
struct RiskMeasures {
  std::vector<Measure> measures;
  Residual levels;
};

struct Stats {
  int64_t measures = 0, applied = 0, overdue_measures = 0, open_tasks = 0, overdue_tasks = 0;
  std::vector<std::pair<std::string, int64_t>> by_status, by_line, by_level;
};

class MeasureService {
 public:
  explicit MeasureService(db::Database& db) : db_(db) {}

  Result<Page<Measure>> list(const Principal& who, const MeasureFilter& f, int64_t offset, int64_t limit);
  Result<Measure> get(const Principal& who, int64_t id);
  Result<Measure> create(const Principal& who, const MeasureInput& in);
  Result<Measure> update(const Principal& who, int64_t id, const MeasureInput& in);
  Status remove(const Principal& who, int64_t id);
  Result<Stats> stats(const Principal& who, std::optional<int64_t> unit_id, std::optional<int64_t> department_id);

  Result<std::vector<Measurement>> measurements(const Principal& who, int64_t measure_id);
  Result<Measure> add_measurement(const Principal& who, int64_t measure_id, const MeasurementInput& in);

  Result<Page<Task>> tasks(const Principal& who, const TaskFilter& f, int64_t offset, int64_t limit);
  Result<Task> complete_task(const Principal& who, int64_t task_id, const std::string& note,
                             std::optional<int64_t> file_id);
  // Creates the check tasks now due for every measure in force; returns how many.
  Result<int64_t> generate_tasks(const std::string& today);

  // The templates of the risk's level not yet taken, each with the supervision class its level calls for.
  Result<std::vector<Template>> proposals(const Principal& who, int64_t risk_id);
  Result<std::pair<bool, std::vector<Template>>> templates(const Principal& who, int64_t unit_id);  // own?, list
  Result<std::vector<Template>> set_templates(const Principal& who, int64_t unit_id, const std::vector<Template>& t);
  Result<Settings> settings(const Principal& who, int64_t unit_id);
  Result<Settings> set_settings(const Principal& who, int64_t unit_id, const boost::json::object& o);

  // Measures and levels of a risk (the caller has checked that the risk is readable).
  Result<RiskMeasures> for_risk(db::Connection& c, int64_t risk_id, int64_t unit_id, const std::string& level);
  Result<RiskMeasures> for_risk(int64_t risk_id, int64_t unit_id, const std::string& level);

  // Evidence files: type-checked by content, at most kMaxFile bytes.
  static constexpr size_t kMaxFile = 5u << 20;
  Result<store::File> upload(const Principal& who, const std::string& name, const std::string& bytes);
  Result<store::File> download(const Principal& who, int64_t id);

 private:
  db::Database& db_;
  audit::Totals totals_, task_totals_;
};

// The unit's settings as stored, else the defaults.
Result<Settings> settings_for(db::Connection& c, int64_t unit_id);
// Applied, from the measure's status, indicator, latest measurement and tasks.
void derive_applied(Measure& m);

}  // namespace lf::measures
