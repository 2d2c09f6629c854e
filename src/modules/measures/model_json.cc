#include <boost/json.hpp>

#include "modules/common/json_value.h"
#include "modules/measures/model.h"

namespace lf::measures {
namespace json = boost::json;
using list::opt_json;

namespace {

json::value indicator_json(const Indicator& i) {
  if (i.type.empty()) return nullptr;
  return json::object{{"type", i.type},
                      {"direction", i.direction},
                      {"unit", i.unit},
                      {"baseline", opt_json(i.baseline)},
                      {"baseline_date", opt_json(i.baseline_date)},
                      {"target", opt_json(i.target)},
                      {"target_date", opt_json(i.target_date)}};
}

}  // namespace

json::value to_json(const Measurement& m) {
  return json::object{{"id", m.id},
                      {"measure_id", m.measure_id},
                      {"value", m.value},
                      {"measured_on", m.measured_on},
                      {"note", m.note},
                      {"file_id", opt_json(m.file_id)},
                      {"file_name", m.file_name},
                      {"recorded_by", m.recorded_by},
                      {"recorded_at", m.recorded_at}};
}

json::value to_json(const Measure& m) {
  json::value latest = nullptr;
  if (m.latest) latest = json::object{{"value", m.latest->value}, {"measured_on", m.latest->measured_on}};
  return json::object{{"id", m.id},
                      {"risk_id", m.risk_id},
                      {"risk_description", m.risk_description},
                      {"risk_level", m.risk_level},
                      {"unit_id", m.unit_id},
                      {"department_id", opt_json(m.department_id)},
                      {"department_name", m.department_name},
                      {"line", m.line},
                      {"control_type", m.control_type},
                      {"description", m.description},
                      {"owner_post_id", opt_json(m.owner_post_id)},
                      {"owner_post_name", m.owner_post_name},
                      {"owner_person_id", opt_json(m.owner_person_id)},
                      {"owner_person_name", m.owner_person_name},
                      {"supervision", m.supervision},
                      {"frequency", m.frequency},
                      {"start_date", m.start_date},
                      {"due_date", opt_json(m.due_date)},
                      {"evidence", m.evidence},
                      {"status", m.status},
                      {"specificity", m.specificity},
                      {"template_code", m.template_code},
                      {"indicator", indicator_json(m.indicator)},
                      {"latest", std::move(latest)},
                      {"applied", m.applied},
                      {"open_tasks", m.open_tasks},
                      {"overdue_tasks", m.overdue_tasks},
                      {"done_tasks", m.done_tasks},
                      {"version", m.version},
                      {"updated_at", m.updated_at}};
}

json::value to_json(const Task& t) {
  return json::object{{"id", t.id},
                      {"measure_id", t.measure_id},
                      {"measure_description", t.measure_description},
                      {"control_type", t.control_type},
                      {"risk_id", t.risk_id},
                      {"risk_description", t.risk_description},
                      {"risk_level", t.risk_level},
                      {"owner_post_name", t.owner_post_name},
                      {"owner_person_name", t.owner_person_name},
                      {"period", t.period},
                      {"due_date", t.due_date},
                      {"status", t.status},
                      {"overdue", t.overdue},
                      {"done_at", opt_json(t.done_at)},
                      {"done_by", t.done_by},
                      {"note", t.note},
                      {"file_id", opt_json(t.file_id)},
                      {"file_name", t.file_name}};
}

json::value to_json(const Template& t) {
  return json::object{{"level", t.level},           {"code", t.code},
                      {"line", t.line},             {"control_type", t.control_type},
                      {"description", t.description}, {"frequency", t.frequency},
                      {"specificity", t.specificity}, {"evidence", t.evidence}};
}

}  // namespace lf::measures
