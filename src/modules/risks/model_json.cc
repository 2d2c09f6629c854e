#include <boost/json.hpp>

#include "modules/common/json_value.h"
#include "modules/risks/model.h"

namespace lf::risks {
namespace json = boost::json;
using list::opt_json;

json::value to_json(const Risk& r) {
  return json::object{{"id", r.id},
                      {"cycle_id", r.cycle_id},
                      {"year", r.year},
                      {"unit_id", r.unit_id},
                      {"department_id", opt_json(r.department_id)},
                      {"department_name", r.department_name},
                      {"post_id", opt_json(r.post_id)},
                      {"post_name", r.post_name},
                      {"power_id", opt_json(r.power_id)},
                      {"power_name", r.power_name},
                      {"step_element", r.step_element},
                      {"scope_level", r.scope_level},
                      {"category", r.category},
                      {"risk_class", r.risk_class},
                      {"duty", r.duty},
                      {"description", r.description},
                      {"manifestation", r.manifestation},
                      {"causes", r.causes},
                      {"finding_method", r.finding_method},
                      {"measures_text", r.measures_text},
                      {"note", r.note},
                      {"grading_inputs", r.grading_inputs},
                      {"computed_level", r.computed_level},
                      {"grading_basis", r.grading_basis},
                      {"level", r.level},
                      {"override_reason", r.override_reason},
                      {"stage", r.stage},
                      {"stage_due", opt_json(r.stage_due)},
                      {"publicity_until", opt_json(r.publicity_until)},
                      {"appraisal", r.appraisal},
                      {"valid_until", opt_json(r.valid_until)},
                      {"filed_by", opt_json(r.filed_by)},
                      {"filed_by_name", r.filed_by_name},
                      {"cycle_closed", r.cycle_closed},
                      {"version", r.version},
                      {"updated_at", r.updated_at}};
}

json::value to_json(const HistoryEntry& h) {
  return json::object{{"id", h.id},         {"at", h.at},       {"actor", h.actor},
                      {"action", h.action}, {"from_stage", h.from_stage}, {"to_stage", h.to_stage},
                      {"level", h.level},   {"comment", h.comment}};
}

json::value to_json(const Cycle& c) {
  return json::object{{"id", c.id},         {"unit_id", c.unit_id},        {"year", c.year},
                      {"status", c.status}, {"opened_at", c.opened_at},    {"closed_at", opt_json(c.closed_at)},
                      {"risks", c.risks}};
}

}  // namespace lf::risks
