// Measurements, check tasks and their generation.
#include <boost/json.hpp>

#include "base/clock.h"
#include "base/text.h"
#include "modules/audit/audit.h"
#include "modules/measures/measure_util.h"
#include "modules/measures/service.h"
#include "modules/risks/risk_util.h"

namespace lf::measures {

using db::Connection;

namespace {

Status check_file(Connection& c, const Principal& who, std::optional<int64_t> file_id) {
  if (!file_id) return ok();
  LF_TRY(auto f, store::find_file(c, *file_id, false));
  // Evidence is the caller's own upload: nobody attaches a file they could not read.
  if (!f || f->uploaded_by != who.id) return make_error("file.not_found", "file_id", 404);
  return ok();
}

}  // namespace

Result<std::vector<Measurement>> MeasureService::measurements(const Principal& who, int64_t measure_id) {
  return db::read<std::vector<Measurement>>(db_, [&](Connection& c) -> Result<std::vector<Measurement>> {
    LF_TRY(Measure m, detail::readable(c, who, measure_id));
    return store::measurements(c, m.id);
  });
}

Result<Measure> MeasureService::add_measurement(const Principal& who, int64_t measure_id, const MeasurementInput& in) {
  if (!is_valid_date(in.measured_on)) return make_error("measure.date_invalid", "measured_on");
  if (in.measured_on > today_utc()) return make_error("measure.date_future", "measured_on");
  if (utf8_length(in.note) > 1000 || !is_valid_utf8(in.note)) return make_error("risk.text_too_long", "note");
  return db::write<Measure>(db_, [&](Connection& c) -> Result<Measure> {
    LF_TRY(Measure before, detail::readable(c, who, measure_id));
    LF_TRY(bool may, detail::may_check(c, who, before));
    if (!may) return make_error("auth.forbidden", "", 403);
    if (before.indicator.type.empty()) return make_error("measure.no_indicator", "value", 409);
    if (before.indicator.type == "done" && in.value != 0 && in.value != 1)
      return make_error("measure.indicator_invalid", "value");
    if (before.indicator.type == "percentage" && (in.value < 0 || in.value > 100))
      return make_error("measure.indicator_invalid", "value");
    LF_CHECK(check_file(c, who, in.file_id));
    Measurement m{0, measure_id, in.value, in.measured_on, trim(in.note), in.file_id, "", who.username, ""};
    LF_TRY(int64_t id, store::add_measurement(c, m));
    LF_TRY(Measure after, detail::reload(c, measure_id));
    audit::Entry e{who.id, who.username, "measurement", "measure", std::to_string(measure_id)};
    e.after_json = boost::json::serialize(boost::json::object{
        {"measurement_id", id}, {"value", in.value}, {"measured_on", in.measured_on}, {"applied", after.applied}});
    LF_CHECK(audit::append(c, e));
    return after;
  });
}

Result<Page<Task>> MeasureService::tasks(const Principal& who, const TaskFilter& f, int64_t offset, int64_t limit) {
  return db::read<Page<Task>>(db_, [&](Connection& c) -> Result<Page<Task>> {
    return store::tasks(c, task_totals_, who.scope, f, who.id, today_utc(), offset, limit);
  });
}

Result<Task> MeasureService::complete_task(const Principal& who, int64_t task_id, const std::string& note_in,
                                           std::optional<int64_t> file_id) {
  const std::string note = trim(note_in);
  if (note.empty()) return make_error("task.note_required", "note");
  if (utf8_length(note) > 2000 || !is_valid_utf8(note)) return make_error("risk.text_too_long", "note");
  return db::write<Task>(db_, [&](Connection& c) -> Result<Task> {
    LF_TRY(auto task, store::find_task(c, task_id, today_utc()));
    if (!task) return make_error("task.not_found", "", 404);
    LF_TRY(Measure m, detail::readable(c, who, task->measure_id));
    if (task->status == "done") return make_error("task.already_done", "", 409);
    LF_TRY(bool may, detail::may_check(c, who, m));
    if (!may) return make_error("auth.forbidden", "", 403);
    LF_CHECK(check_file(c, who, file_id));
    LF_CHECK(store::complete_task(c, task_id, who.display_name.empty() ? who.username : who.display_name, note, file_id));
    LF_TRY(auto after, store::find_task(c, task_id, today_utc()));
    audit::Entry e{who.id, who.username, "complete", "task", std::to_string(task_id)};
    e.before_json = boost::json::serialize(to_json(*task));
    e.after_json = boost::json::serialize(to_json(*after));
    LF_CHECK(audit::append(c, e));
    return *after;
  });
}

Result<int64_t> MeasureService::generate_tasks(const std::string& today) {
  return db::write<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    LF_TRY(auto list, store::scheduled(c));
    int64_t added = 0;
    for (const auto& s : list) {
      LF_TRY(int64_t n, store::ensure_tasks(c, s.id, task_slots(s.frequency, s.start_date, s.due_date, today)));
      added += n;
    }
    if (added > 0) {
      // Only a round that created tasks is a write worth a row in the chain.
      audit::Entry e{std::nullopt, "system", "generate", "task", ""};
      e.after_json = boost::json::serialize(boost::json::object{{"tasks", added}, {"today", today}});
      LF_CHECK(audit::append(c, e));
    }
    return added;
  });
}

}  // namespace lf::measures
