// SQL for measures, measurements, check tasks, templates, settings and evidence files. Scope comes from the
// risk a measure belongs to (auth::scope_filter on the risk's unit and department).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/audit/totals.h"
#include "modules/auth/principal.h"
#include "modules/measures/model.h"
#include "modules/measures/schedule.h"

namespace lf::measures::store {

using auth::Scope;
using db::Connection;

// `user_id` answers filter.mine (the user's person, or a post the person holds today); `today` dates "overdue".
Result<Page<Measure>> list(Connection& c, audit::Totals& totals, const Scope& s, const MeasureFilter& f,
                           int64_t user_id, const std::string& today, int64_t offset, int64_t limit);
Result<std::optional<Measure>> find(Connection& c, int64_t id, const std::string& today);
Result<std::vector<Measure>> for_risk(Connection& c, int64_t risk_id, const std::string& today);
Result<bool> visible(Connection& c, const Scope& s, int64_t id);
Result<int64_t> insert(Connection& c, const Measure& m);
Status update(Connection& c, const Measure& m);
Status remove(Connection& c, int64_t id);

// Whether the user owns the measure: it names the user's person, or a post the person holds today.
Result<bool> owned_by(Connection& c, const Measure& m, int64_t user_id, const std::string& today);

Result<std::vector<Measurement>> measurements(Connection& c, int64_t measure_id);
Result<int64_t> add_measurement(Connection& c, const Measurement& m);

Result<Page<Task>> tasks(Connection& c, audit::Totals& totals, const Scope& s, const TaskFilter& f, int64_t user_id,
                         const std::string& today, int64_t offset, int64_t limit);
Result<std::optional<Task>> find_task(Connection& c, int64_t id, const std::string& today);
Status complete_task(Connection& c, int64_t id, const std::string& by, const std::string& note,
                     std::optional<int64_t> file_id);
// Adds the slots the measure has no task for yet; returns how many were added.
Result<int64_t> ensure_tasks(Connection& c, int64_t measure_id, const std::vector<TaskSlot>& slots);
// Measures in force with a recurring or one-off schedule (id, frequency, start, due).
struct Scheduled {
  int64_t id;
  std::string frequency, start_date;
  std::optional<std::string> due_date;
};
Result<std::vector<Scheduled>> scheduled(Connection& c);

Result<std::vector<Template>> templates(Connection& c, int64_t unit_id);  // the unit's own, else the presets
Result<bool> has_own_templates(Connection& c, int64_t unit_id);
Status save_templates(Connection& c, int64_t unit_id, const std::vector<Template>& t);
Result<std::optional<std::string>> settings(Connection& c, int64_t unit_id);
Status save_settings(Connection& c, int64_t unit_id, const std::string& json);

struct File {
  int64_t id = 0;
  std::string name, content_type, sha256, data;
  int64_t size = 0;
  std::optional<int64_t> uploaded_by;
};
Result<int64_t> insert_file(Connection& c, const File& f);
Result<std::optional<File>> find_file(Connection& c, int64_t id, bool with_data);
// The measures a file is attached to (as task or measurement evidence).
Result<std::vector<int64_t>> file_measures(Connection& c, int64_t file_id);

}  // namespace lf::measures::store
