// Issuing a warning: the subject placed in the organisation, the risk points checked, the recipient routed,
// the deadline set on the working-day calendar, and re-rating proposed after repeated warnings.
#include <algorithm>
#include <boost/json.hpp>

#include "base/clock.h"
#include "base/text.h"
#include "modules/audit/audit.h"
#include "modules/auth/scope_sql.h"
#include "modules/calendar/calendar.h"
#include "modules/risks/service.h"
#include "modules/warnings/recipients.h"
#include "modules/warnings/rules.h"
#include "modules/warnings/service.h"
#include "modules/warnings/store.h"
#include "modules/warnings/warning_util.h"

namespace lf::warnings {

using db::Connection;

namespace {

bool one_of(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// Fills unit, department, subject name and title from the subject.
Status place(Connection& c, Warning& w, const std::string& kind, int64_t id) {
  w.subject_kind = kind;
  const std::string today = today_utc();
  auto names = [&](const std::string& sql, const db::Params& p) -> Result<std::string> {
    LF_TRY(db::Rows r, c.query(sql, p));
    std::string out;
    for (size_t i = 0; i < r.size(); ++i) out += (out.empty() ? "" : "、") + r.text(i, 0);
    return out;
  };
  if (kind == "person") {
    LF_TRY(db::Rows p, c.query("SELECT name, unit_id, department_id FROM people WHERE id = ?", {id}));
    if (p.empty()) return make_error("warning.subject_invalid", "subject_id");
    w.subject_person_id = id;
    w.subject_name = p.text(0, 0);
    w.unit_id = p.integer(0, 1);
    w.department_id = p.opt_integer(0, 2);
    // The post the person holds now answers for repeated warnings; its department places the warning.
    LF_TRY(db::Rows a, c.query("SELECT a.post_id, po.department_id FROM assignments a JOIN posts po ON po.id = a.post_id "
                               "WHERE a.person_id = ? AND (a.end_date IS NULL OR a.end_date >= ?) ORDER BY a.start_date, a.id",
                               {id, today}));
    if (!a.empty()) {
      w.subject_post_id = a.integer(0, 0);
      w.department_id = a.integer(0, 1);
    }
    LF_TRY(w.subject_title, names("SELECT po.name FROM assignments a JOIN posts po ON po.id = a.post_id WHERE "
                                  "a.person_id = ? AND (a.end_date IS NULL OR a.end_date >= ?) ORDER BY a.start_date, a.id",
                                  {id, today}));
  } else if (kind == "post") {
    LF_TRY(db::Rows p, c.query("SELECT name, unit_id, department_id FROM posts WHERE id = ?", {id}));
    if (p.empty()) return make_error("warning.subject_invalid", "subject_id");
    w.subject_post_id = id;
    w.subject_title = p.text(0, 0);
    w.unit_id = p.integer(0, 1);
    w.department_id = p.integer(0, 2);
    LF_TRY(w.subject_name, names("SELECT pe.name FROM assignments a JOIN people pe ON pe.id = a.person_id WHERE "
                                 "a.post_id = ? AND (a.end_date IS NULL OR a.end_date >= ?) ORDER BY a.start_date",
                                 {id, today}));
    if (w.subject_name.empty()) w.subject_name = w.subject_title;
  } else if (kind == "department") {
    LF_TRY(db::Rows d, c.query("SELECT name, unit_id FROM departments WHERE id = ?", {id}));
    if (d.empty()) return make_error("warning.subject_invalid", "subject_id");
    w.department_id = id;
    w.subject_name = d.text(0, 0);
    w.unit_id = d.integer(0, 1);
  } else if (kind == "unit") {
    LF_TRY(db::Rows u, c.query("SELECT name FROM units WHERE id = ?", {id}));
    if (u.empty()) return make_error("warning.subject_invalid", "subject_id");
    w.unit_id = id;
    w.subject_name = u.text(0, 0);
  } else {
    return make_error("warning.subject_kind_invalid", "subject_kind");
  }
  return ok();
}

// A year of warnings on one post or one power proposes raising its risk level: its filed risks that are not high
// go back to 纪委界定 with the reason, once per post or power and year.
Status propose_rerating(Connection& c, const Principal& who, const Warning& w, int threshold) {
  const std::string since = add_days(today_utc(), -365) + "T00:00:00Z";
  struct Target {
    const char* kind;
    std::optional<int64_t> id;
    const char* column;
  };
  for (const Target t : {Target{"post", w.subject_post_id, "subject_post_id"}, Target{"power", w.power_id, "power_id"}}) {
    if (!t.id) continue;
    LF_TRY(db::Rows n, c.query(std::string("SELECT COUNT(*) FROM warnings WHERE ") + t.column +
                                   " = ? AND status <> 'cancelled' AND issued_at >= ?",
                               {*t.id, since}));
    const int64_t count = n.integer(0, 0);
    if (count < threshold) continue;
    LF_TRY(db::Rows done, c.query("SELECT 1 FROM warning_proposals WHERE kind = ? AND target_id = ? AND created_at >= ?",
                                  {std::string(t.kind), *t.id, since}));
    if (!done.empty()) continue;
    Proposal p;
    p.kind = t.kind;
    p.target_id = *t.id;
    p.warnings = count;
    LF_TRY(db::Rows name, c.query(std::string("SELECT name FROM ") + (p.kind == "post" ? "posts" : "powers") +
                                      " WHERE id = ?",
                                  {*t.id}));
    p.target_name = name.empty() ? "" : name.text(0, 0);
    LF_TRY(db::Rows risks, c.query(std::string("SELECT r.id FROM risks r JOIN risk_cycles cy ON cy.id = r.cycle_id WHERE r.") +
                                       (p.kind == "post" ? "post_id" : "power_id") +
                                       " = ? AND cy.status = 'open' AND r.stage = 'filed' AND r.level <> 'high' ORDER BY r.id",
                                   {*t.id}));
    const std::string reason = "一年内第 " + std::to_string(count) + " 次预警，建议提高风险等级 / warned " +
                               std::to_string(count) + " times in a year: raise the level?";
    for (size_t i = 0; i < risks.size(); ++i) {
      LF_CHECK(risks::reopen(c, risks.integer(i, 0), who, reason));
      p.reopened.push_back(risks.integer(i, 0));
    }
    LF_TRY(p.id, store::add_proposal(c, p));
    audit::Entry e{who.id ? std::optional<int64_t>(who.id) : std::nullopt, who.username.empty() ? "system" : who.username,
                   "propose", "warning_proposal", std::to_string(p.id)};
    e.after_json = boost::json::serialize(to_json(p));
    LF_CHECK(audit::append(c, e));
  }
  return ok();
}

}  // namespace

Result<int64_t> issue_in(Connection& c, const Principal& who, const WarningInput& in) {
  if (!one_of(levels(), in.level)) return make_error("warning.level_invalid", "level");
  if (!one_of(sources(), in.source)) return make_error("warning.source_invalid", "source");
  Warning w;
  w.level = in.level;
  w.source = in.source;
  w.source_ref = trim(in.source_ref);
  w.situation = trim(in.situation);
  w.required_measures = trim(in.required_measures);
  w.evidence = in.evidence;
  if (w.situation.empty()) return make_error("warning.situation_required", "situation");
  if (utf8_length(w.situation) > 4000 || !is_valid_utf8(w.situation)) return make_error("risk.text_too_long", "situation");
  if (utf8_length(w.required_measures) > 4000 || !is_valid_utf8(w.required_measures))
    return make_error("risk.text_too_long", "required_measures");
  if (!in.subject_id) return make_error("warning.subject_invalid", "subject_id");
  LF_CHECK(place(c, w, in.subject_kind, *in.subject_id));
  // Scope: the issuer's, over the subject's place.
  LF_TRY(bool mine, w.department_id ? auth::department_in_scope(c, who.scope, *w.department_id)
                                    : auth::unit_in_scope(c, who.scope, w.unit_id));
  if (!mine) return make_error("auth.out_of_scope", "subject_id", 403);
  // Risk points: the subject's unit's; the highest of them steers the routing.
  std::string highest;
  for (int64_t rid : in.risk_ids) {
    LF_TRY(db::Rows r, c.query("SELECT unit_id, level, power_id FROM risks WHERE id = ?", {rid}));
    if (r.empty() || r.integer(0, 0) != w.unit_id) return make_error("warning.risk_invalid", "risk_ids");
    const std::string level = r.text(0, 1);
    auto rank = [](const std::string& l) { return l == "high" ? 3 : l == "medium" ? 2 : l == "low" ? 1 : 0; };
    if (rank(level) > rank(highest)) highest = level;
    if (!in.power_id && !w.power_id) w.power_id = r.opt_integer(0, 2);
  }
  if (in.power_id) {
    LF_TRY(db::Rows p, c.query("SELECT unit_id FROM powers WHERE id = ?", {*in.power_id}));
    if (p.empty() || p.integer(0, 0) != w.unit_id) return make_error("warning.power_invalid", "power_id");
    w.power_id = in.power_id;
  }
  LF_TRY(Recipient to, resolve(c, route_tier(w.level, highest), w.unit_id, w.department_id));
  detail::address(w, to);
  LF_TRY(auto cal, calendar::load(c));
  const std::string today = today_utc();
  if (in.deadline) {
    if (!is_valid_date(*in.deadline) || *in.deadline < today) return make_error("warning.deadline_invalid", "deadline");
    w.deadline = *in.deadline;
  } else {
    w.deadline = calendar::add_working_days(cal, today, sign_days(w.level));
  }
  w.issued_by = who.id ? std::optional<int64_t>(who.id) : std::nullopt;
  w.issued_by_name = who.display_name.empty() ? (who.username.empty() ? "系统" : who.username) : who.display_name;
  w.issued_at = now_utc();
  LF_TRY(w.id, store::insert(c, w));
  LF_CHECK(store::link_risks(c, w.id, in.risk_ids));
  LF_CHECK(store::add_history(c, w.id, who, "issue", "", "issued", w.level, w.recipient_label));
  LF_TRY(Warning after, detail::reload(c, w.id));
  LF_CHECK(detail::audit_warning(c, who, "create", w.id, nullptr, &after));
  LF_TRY(Settings s, detail::load_settings(c));
  LF_CHECK(propose_rerating(c, who, after, s.repeat_threshold));
  return w.id;
}

Result<Warning> WarningService::issue(const Principal& who, const WarningInput& in) {
  const bool office = who.has_role("admin") || who.has_role("supervisor");
  if (!office && !(who.has_role("dept_head") && in.level == "reminder")) return make_error("auth.forbidden", "", 403);
  return db::write<Warning>(db_, [&](Connection& c) -> Result<Warning> {
    LF_TRY(int64_t id, issue_in(c, who, in));
    return detail::reload(c, id);
  });
}

}  // namespace lf::warnings
