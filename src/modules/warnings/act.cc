// The handling lifecycle (sign → handle → commit → verify → close, or cancel) and escalation past deadlines.
#include <algorithm>
#include <boost/json.hpp>

#include "base/clock.h"
#include "base/text.h"
#include "modules/audit/audit.h"
#include "modules/auth/scope_sql.h"
#include "modules/calendar/calendar.h"
#include "modules/warnings/rules.h"
#include "modules/warnings/service.h"
#include "modules/warnings/store.h"
#include "modules/warnings/warning_util.h"

namespace lf::warnings {

using db::Connection;

namespace {

// Whether `who` may act as `actor` on `w`.
Result<bool> may(Connection& c, const Principal& who, const Warning& w, Actor actor) {
  if (who.has_role("admin")) return true;
  switch (actor) {
    case Actor::recipient:
      return store::addressed_to(w, who);
    case Actor::subject:
      return store::about(c, w, who.id, today_utc());
    case Actor::issuer:
      if (w.issued_by == who.id) return true;
      if (!who.has_role("supervisor")) return false;
      return auth::unit_in_scope(c, who.scope, w.unit_id);
  }
  return false;
}

std::string limited(const std::string& text, const char* field, Status& st, size_t max = 4000) {
  std::string t = trim(text);
  if (st.ok() && (utf8_length(t) > max || !is_valid_utf8(t))) st = make_error("risk.text_too_long", field);
  return t;
}

// The integrity archive's hook: a closed warning about a person becomes an event of their record.
Status archive(Connection& c, const Warning& w) {
  if (!w.subject_person_id) return ok();
  std::string measures;
  for (const auto& m : w.measures_taken) measures += (measures.empty() ? "" : "、") + m;
  LF_TRY(db::Rows r, c.query("INSERT INTO integrity_events(person_id, kind, ref_id, at, summary) VALUES (?, ?, ?, ?, ?)",
                             {*w.subject_person_id, std::string("warning_closed"), w.id, now_utc(),
                              w.situation + (measures.empty() ? "" : "（" + measures + "）")}));
  return ok();
}

}  // namespace

Result<Warning> WarningService::act(const Principal& who, int64_t id, const ActionInput& in) {
  return db::write<Warning>(db_, [&](Connection& c) -> Result<Warning> {
    LF_TRY(Warning before, detail::readable(c, who, id));
    LF_TRY(Move move, plan(before.status, in.action));
    LF_TRY(bool allowed, may(c, who, before, move.by));
    if (!allowed) return make_error("auth.forbidden", "", 403);
    Status text_ok = ok();
    const std::string comment = limited(in.comment, "comment", text_ok);
    LF_CHECK(text_ok);
    LF_TRY(auto cal, calendar::load(c));
    const std::string today = today_utc();
    Warning next = before;
    next.status = move.to;
    std::string action = in.action;
    if (in.action == "sign") {
      next.deadline = calendar::add_working_days(cal, today, kHandleDays);
    } else if (in.action == "handle") {
      if (in.measures.empty()) return make_error("warning.measures_required", "measures");
      for (const auto& m : in.measures)
        if (std::find(responses().begin(), responses().end(), m) == responses().end())
          return make_error("warning.measure_invalid", "measures");
      next.measures_taken = in.measures;
      next.handler_name = limited(in.handler_name.empty() ? who.display_name : in.handler_name, "handler_name", text_ok, 50);
      next.handler_title = limited(in.handler_title, "handler_title", text_ok, 100);
      LF_CHECK(text_ok);
      if (next.handler_name.empty()) return make_error("warning.handler_required", "handler_name");
      next.handled_at = today;
      if (!comment.empty()) next.note = comment;
      // After a talk the subject submits an analysis, a pledge and a plan within 5 working days (seed 003).
      if (includes_talk(in.measures)) {
        next.commitment_due = calendar::add_working_days(cal, today, kCommitDays);
        next.deadline = *next.commitment_due;
      } else {
        next.deadline = calendar::add_working_days(cal, today, kVerifyDays);
      }
    } else if (in.action == "commit") {
      next.commitment = limited(in.commitment, "commitment", text_ok);
      LF_CHECK(text_ok);
      if (next.commitment.empty()) return make_error("warning.commitment_required", "commitment");
      next.deadline = calendar::add_working_days(cal, today, kVerifyDays);
    } else if (in.action == "verify") {
      if (in.result != "ok" && in.result != "weak") return make_error("warning.result_invalid", "result");
      if (in.result == "weak") {
        // Weak rectification raises the level and sends it back to be handled again.
        if (comment.empty()) return make_error("warning.comment_required", "comment");
        next.status = "handling";
        next.level = raised(before.level);
        next.commitment.clear();
        next.deadline = calendar::add_working_days(cal, today, kHandleDays);
        action = "weak";
      }
      next.verification = comment;
    } else if (in.action == "close") {
      next.closed_at = now_utc();
      LF_CHECK(archive(c, next));
    } else if (in.action == "cancel") {
      if (comment.empty()) return make_error("warning.comment_required", "comment");
      next.cancel_reason = comment;
      next.closed_at = now_utc();
    }
    LF_CHECK(store::update(c, next));
    LF_CHECK(store::add_history(c, id, who, action, before.status, next.status, next.level, comment));
    LF_TRY(Warning after, detail::reload(c, id));
    LF_CHECK(detail::audit_warning(c, who, "transition", id, &before, &after));
    return after;
  });
}

Result<int64_t> WarningService::escalate_overdue(const std::string& today) {
  return db::write<int64_t>(db_, [&](Connection& c) -> Result<int64_t> {
    LF_TRY(auto ids, store::overdue_unhandled(c, today));
    if (ids.empty()) return int64_t{0};
    LF_TRY(auto cal, calendar::load(c));
    const Principal sys = detail::system();
    int64_t moved = 0;
    for (int64_t id : ids) {
      LF_TRY(Warning before, detail::reload(c, id));
      if (before.level == "alarm" && before.recipient_tier >= kTopTier) continue;  // nowhere higher to go
      Warning next = before;
      next.level = raised(before.level);
      LF_TRY(Recipient to, resolve(c, std::min(before.recipient_tier + 1, kTopTier), before.unit_id, before.department_id));
      detail::address(next, to);
      next.status = "issued";  // the new recipient signs for it
      next.escalations = before.escalations + 1;
      next.deadline = calendar::add_working_days(cal, today, sign_days(next.level));
      LF_CHECK(store::update(c, next));
      const std::string why = "超过办理期限 " + before.deadline + " 未" + (before.status == "issued" ? "签收" : "处置") +
                              "，升级并转 " + to.label;
      LF_CHECK(store::add_history(c, id, sys, "escalate", before.status, next.status, next.level, why));
      LF_TRY(Warning after, detail::reload(c, id));
      LF_CHECK(detail::audit_warning(c, sys, "escalate", id, &before, &after));
      ++moved;
    }
    return moved;
  });
}

}  // namespace lf::warnings
