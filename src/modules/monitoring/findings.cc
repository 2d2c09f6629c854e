#include "modules/monitoring/findings.h"

#include <boost/json.hpp>

#include "modules/warnings/service.h"

namespace lf::monitoring {

namespace json = boost::json;

namespace {

const char* level_of(const std::string& card) {
  return card == "red" ? "alarm" : card == "yellow" ? "warning" : "reminder";
}

}  // namespace

Status warn(db::Connection& c, int64_t unit_id, const engine::Finding& f, int64_t first_seq) {
  warnings::WarningInput in;
  in.source = "rule";
  in.source_ref = f.rule;
  in.level = level_of(f.level);
  in.situation = f.message + "（业务编号 " + f.case_id + "）";
  LF_TRY(db::Rows rule, c.query("SELECT m.risk_id, r.post_id, r.department_id FROM monitor_rules m LEFT JOIN risks r ON "
                                "r.id = m.risk_id WHERE m.unit_id = ? AND m.code = ?",
                                {unit_id, f.rule}));
  std::optional<int64_t> risk, post, dept;
  if (!rule.empty()) {
    risk = rule.opt_integer(0, 0);
    post = rule.opt_integer(0, 1);
    dept = rule.opt_integer(0, 2);
  }
  if (risk) in.risk_ids = {*risk};
  // The subject: the person who acted, when the unit knows them by name; else the risk point's post, department,
  // or the unit itself.
  std::optional<int64_t> person;
  if (!f.actor.empty()) {
    LF_TRY(db::Rows p, c.query("SELECT id FROM people WHERE unit_id = ? AND (name = ? OR employee_no = ?) ORDER BY id LIMIT 1",
                               {unit_id, f.actor, f.actor}));
    if (!p.empty()) person = p.integer(0, 0);
  }
  if (person) {
    in.subject_kind = "person";
    in.subject_id = person;
  } else if (post) {
    in.subject_kind = "post";
    in.subject_id = post;
  } else if (dept) {
    in.subject_kind = "department";
    in.subject_id = dept;
  } else {
    in.subject_kind = "unit";
    in.subject_id = unit_id;
  }
  json::object evidence{{"check", f.check}, {"case_id", f.case_id}, {"activity", f.activity}, {"time", f.time},
                        {"actor", f.actor}, {"card", f.level}, {"message_en", f.message_en}};
  if (f.event_index >= 0) {
    const int64_t seq = first_seq + f.event_index;
    LF_TRY(db::Rows e, c.query("SELECT event_json FROM events WHERE unit_id = ? AND seq = ?", {unit_id, seq}));
    if (!e.empty()) {
      boost::system::error_code ec;
      auto v = json::parse(e.text(0, 0), ec);
      if (!ec) evidence["event"] = v;
      evidence["seq"] = seq;
    }
  }
  in.evidence = json::array{std::move(evidence)};
  auth::Principal system;
  system.username = "system";
  system.display_name = "电子监察";
  system.scope = auth::Scope::everything();
  LF_TRY(int64_t id, warnings::issue_in(c, system, in));
  (void)id;
  return ok();
}

}  // namespace lf::monitoring
