#include <boost/json.hpp>

#include "modules/common/json_value.h"
#include "modules/warnings/model.h"

namespace lf::warnings {
namespace json = boost::json;
using list::opt_json;

json::value to_json(const Warning& w) {
  json::array measures, risks;
  for (const auto& m : w.measures_taken) measures.emplace_back(m);
  for (const auto& r : w.risks) risks.push_back(json::object{{"id", r.id}, {"description", r.description}, {"level", r.level}});
  return json::object{{"id", w.id},
                      {"unit_id", w.unit_id},
                      {"department_id", opt_json(w.department_id)},
                      {"department_name", w.department_name},
                      {"subject_kind", w.subject_kind},
                      {"subject_person_id", opt_json(w.subject_person_id)},
                      {"subject_post_id", opt_json(w.subject_post_id)},
                      {"subject_name", w.subject_name},
                      {"subject_title", w.subject_title},
                      {"power_id", opt_json(w.power_id)},
                      {"power_name", w.power_name},
                      {"source", w.source},
                      {"source_ref", w.source_ref},
                      {"situation", w.situation},
                      {"required_measures", w.required_measures},
                      {"evidence", w.evidence},
                      {"level", w.level},
                      {"status", w.status},
                      {"recipient_tier", w.recipient_tier},
                      {"recipient_role", w.recipient_role},
                      {"recipient_unit_id", opt_json(w.recipient_unit_id)},
                      {"recipient_department_id", opt_json(w.recipient_department_id)},
                      {"recipient_label", w.recipient_label},
                      {"deadline", w.deadline},
                      {"overdue", w.overdue},
                      {"escalations", w.escalations},
                      {"measures_taken", std::move(measures)},
                      {"handler_name", w.handler_name},
                      {"handler_title", w.handler_title},
                      {"handled_at", opt_json(w.handled_at)},
                      {"commitment", w.commitment},
                      {"commitment_due", opt_json(w.commitment_due)},
                      {"verification", w.verification},
                      {"note", w.note},
                      {"cancel_reason", w.cancel_reason},
                      {"issued_by", opt_json(w.issued_by)},
                      {"issued_by_name", w.issued_by_name},
                      {"issued_at", w.issued_at},
                      {"closed_at", opt_json(w.closed_at)},
                      {"risks", std::move(risks)},
                      {"version", w.version},
                      {"updated_at", w.updated_at}};
}

json::value to_json(const HistoryEntry& h) {
  return json::object{{"id", h.id},         {"at", h.at},         {"actor", h.actor},   {"action", h.action},
                      {"from_status", h.from_status}, {"to_status", h.to_status}, {"level", h.level},
                      {"comment", h.comment}};
}

json::value to_json(const Proposal& p) {
  json::array reopened;
  for (auto id : p.reopened) reopened.emplace_back(id);
  return json::object{{"id", p.id},           {"kind", p.kind},         {"target_id", p.target_id},
                      {"target_name", p.target_name}, {"warnings", p.warnings}, {"reopened", std::move(reopened)},
                      {"created_at", p.created_at}};
}

}  // namespace lf::warnings
