#include "modules/risks/risk_util.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>

#include "base/clock.h"
#include "engine/calendar.h"
#include "base/text.h"
#include "modules/auth/scope_sql.h"
#include "modules/audit/audit.h"
#include "modules/risks/store.h"

namespace lf::risks::detail {

bool is_office(const auth::Principal& who) {
  return who.has_role("admin") || who.has_role("supervisor") || who.has_role("dept_head") || who.has_role("liaison");
}

Result<Risk> readable(db::Connection& c, const auth::Principal& who, int64_t id) {
  LF_TRY(bool seen, store::visible(c, who.scope, id));
  if (!seen) return make_error("risk.not_found", "", 404);
  return reload(c, id);
}

Result<Risk> writable(db::Connection& c, const auth::Principal& who, int64_t id) {
  LF_TRY(auto r, store::find(c, id));
  if (!r) return make_error("risk.not_found", "", 404);
  LF_TRY(bool mine, store::visible(c, who.scope, id));
  if (!mine) return make_error("auth.out_of_scope", "", 403);
  if (r->cycle_closed) return make_error("risk.cycle_closed", "", 409);
  if (!is_office(who)) {
    // Staff touch only what they filed.
    if (!who.has_role("staff") || r->filed_by != who.id) return make_error("auth.forbidden", "", 403);
  }
  return *r;
}

Result<Risk> reload(db::Connection& c, int64_t id) {
  LF_TRY(auto r, store::find(c, id));
  if (!r) return make_error("risk.not_found", "", 404);
  return *r;
}

Status audit_risk(db::Connection& c, const auth::Principal& who, const char* action, int64_t id, const Risk* before,
                  const Risk* after) {
  audit::Entry e{who.id ? std::optional<int64_t>(who.id) : std::nullopt,
                 who.username.empty() ? "system" : who.username, action, "risk", std::to_string(id)};
  if (before) e.before_json = boost::json::serialize(to_json(*before));
  if (after) e.after_json = boost::json::serialize(to_json(*after));
  return audit::append(c, e);
}

Result<GradingModel> model_for(db::Connection& c, int64_t unit_id) {
  LF_TRY(auto stored, store::grading_model(c, unit_id));
  if (!stored) return preset("matrix3");
  boost::system::error_code ec;
  auto v = boost::json::parse(*stored, ec);
  if (ec || !v.is_object()) return preset("matrix3");
  return model_from_json(v.as_object());
}

Status grade_into(db::Connection& c, Risk& r, const std::optional<std::string>& level, const std::string& reason) {
  if (level && !level->empty() &&
      std::find(levels().begin(), levels().end(), *level) == levels().end())
    return make_error("risk.level_invalid", "level");
  if (r.grading_inputs.empty()) {
    r.computed_level.clear();
    r.grading_basis.clear();
    if (level) r.level = *level;
    r.override_reason.clear();
    return ok();
  }
  LF_TRY(GradingModel m, model_for(c, r.unit_id));
  LF_TRY(Grade g, grade(m, r.grading_inputs));
  r.computed_level = g.level;
  r.grading_basis = g.basis;
  if (level && !level->empty() && *level != g.level) {
    if (reason.empty()) return make_error("risk.override_reason_required", "override_reason");
    r.level = *level;
    r.override_reason = reason;
  } else if (!level || level->empty()) {
    // Inputs changed without an explicit level: an earlier override stands only if it still differs.
    if (r.override_reason.empty() || r.level == g.level) {
      r.level = g.level;
      r.override_reason.clear();
    }
  } else {
    r.level = g.level;
    r.override_reason.clear();
  }
  return ok();
}

Status validate_text(Risk& r) {
  r.description = trim(r.description);
  if (r.description.empty()) return make_error("risk.description_required", "description");
  struct Text {
    std::string* value;
    const char* field;
    size_t max;
  };
  for (Text t : {Text{&r.description, "description", 1000}, Text{&r.manifestation, "manifestation", 4000},
                 Text{&r.causes, "causes", 2000}, Text{&r.duty, "duty", 4000}, Text{&r.measures_text, "measures_text", 4000},
                 Text{&r.note, "note", 2000}, Text{&r.category, "category", 50}, Text{&r.step_element, "step_element", 100}}) {
    *t.value = trim(*t.value);
    if (!is_valid_utf8(*t.value)) return make_error("request.field_type", t.field);
    if (utf8_length(*t.value) > t.max) return make_error("risk.text_too_long", t.field);
  }
  if (!r.finding_method.empty() &&
      std::find(finding_methods().begin(), finding_methods().end(), r.finding_method) == finding_methods().end())
    return make_error("risk.finding_method_invalid", "finding_method");
  if (r.risk_class != "integrity" && r.risk_class != "management") return make_error("risk.class_invalid", "risk_class");
  return ok();
}

// Places the risk: a post gives its department and unit; a department its unit. Checks the writer's scope, the
// category list of the unit, the power and its step.
Status place(db::Connection& c, const auth::Principal& who, Risk& r) {
  if (r.post_id) {
    LF_TRY(db::Rows p, c.query("SELECT department_id, unit_id FROM posts WHERE id = ?", {*r.post_id}));
    if (p.empty()) return make_error("risk.post_invalid", "post_id");
    r.department_id = p.integer(0, 0);
    r.unit_id = p.integer(0, 1);
    r.scope_level = "post";
  } else if (r.department_id) {
    LF_TRY(db::Rows d, c.query("SELECT unit_id FROM departments WHERE id = ?", {*r.department_id}));
    if (d.empty()) return make_error("risk.department_invalid", "department_id");
    r.unit_id = d.integer(0, 0);
    r.scope_level = "department";
  } else {
    if (r.unit_id == 0) return make_error("risk.unit_required", "unit_id");
    LF_TRY(db::Rows u, c.query("SELECT 1 FROM units WHERE id = ?", {r.unit_id}));
    if (u.empty()) return make_error("risk.unit_required", "unit_id");
    r.scope_level = "unit";
  }
  LF_TRY(bool mine, r.department_id ? auth::department_in_scope(c, who.scope, *r.department_id)
                                    : auth::unit_in_scope(c, who.scope, r.unit_id));
  if (!mine) return make_error("auth.out_of_scope", r.post_id ? "post_id" : "department_id", 403);
  // Staff file only for their own posts (个人岗位排查).
  if (!detail::is_office(who)) {
    LF_TRY(auto own, store::own_posts(c, who.id));
    if (!r.post_id || std::find(own.begin(), own.end(), *r.post_id) == own.end())
      return make_error("auth.out_of_scope", "post_id", 403);
  }
  if (!r.category.empty()) {
    LF_TRY(auto cats, store::categories(c, r.unit_id));
    auto it = std::find_if(cats.begin(), cats.end(), [&](const auto& k) { return k.first == r.category; });
    if (it == cats.end()) return make_error("risk.category_invalid", "category");
    if (it->second == "management") r.risk_class = "management";
  }
  if (r.power_id) {
    LF_TRY(db::Rows p, c.query("SELECT unit_id FROM powers WHERE id = ?", {*r.power_id}));
    if (p.empty() || p.integer(0, 0) != r.unit_id) return make_error("risk.power_invalid", "power_id");
    if (!r.step_element.empty()) {
      LF_TRY(db::Rows s, c.query("SELECT 1 FROM flow_steps WHERE power_id = ? AND element_id = ?",
                                 {*r.power_id, r.step_element}));
      if (s.empty()) return make_error("risk.step_invalid", "step_element");
    }
  } else if (!r.step_element.empty()) {
    return make_error("risk.step_invalid", "step_element");
  }
  return ok();
}

std::string due_after(int days) {
  // Working days on the official schedule (holidays and 调休 included); a unit's own days are the warnings'
  // concern, which reads them from the store.
  static const auto cal = engine::WorkCalendar::china();
  const auto today = engine::parse_day(today_utc());
  return engine::format_day(cal.add_working_days(*today, days));
}

}  // namespace lf::risks::detail
