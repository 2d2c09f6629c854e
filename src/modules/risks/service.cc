// Risks: filing, editing, grading and reading, with scope and audit. The workflow is in transitions.cc, cycles
// and register checks in cycles.cc and quality.cc.
#include "modules/risks/service.h"

#include <algorithm>
#include <boost/json.hpp>

#include "base/clock.h"
#include "base/text.h"
#include "modules/audit/audit.h"
#include "modules/auth/scope_sql.h"
#include "modules/risks/risk_util.h"
#include "modules/risks/store.h"
#include "modules/risks/workflow.h"

namespace lf::risks {
using db::Connection;

namespace {

void apply(Risk& r, const RiskInput& in) {
  if (in.unit_id) r.unit_id = *in.unit_id;
  if (in.department_id) r.department_id = *in.department_id;
  if (in.post_id) r.post_id = *in.post_id;
  if (in.power_id) r.power_id = *in.power_id;
  if (in.step_element) r.step_element = *in.step_element;
  if (in.category) r.category = *in.category;
  if (in.risk_class) r.risk_class = *in.risk_class;
  if (in.duty) r.duty = *in.duty;
  if (in.description) r.description = *in.description;
  if (in.manifestation) r.manifestation = *in.manifestation;
  if (in.causes) r.causes = *in.causes;
  if (in.finding_method) r.finding_method = *in.finding_method;
  if (in.measures_text) r.measures_text = *in.measures_text;
  if (in.note) r.note = *in.note;
  if (in.grading_inputs) r.grading_inputs = *in.grading_inputs;
}

}  // namespace

Result<Page<Risk>> RiskService::list(const Principal& who, const RiskFilter& f, int64_t offset, int64_t limit) {
  if (!f.level.empty() && std::find(levels().begin(), levels().end(), f.level) == levels().end())
    return make_error("risk.level_invalid", "level");
  if (!f.stage.empty() && std::find(stages().begin(), stages().end(), f.stage) == stages().end())
    return make_error("risk.stage_invalid", "stage");
  return db::read<Page<Risk>>(db_, [&](Connection& c) { return store::list(c, totals_, who.scope, f, offset, limit); });
}

Result<Risk> RiskService::get(const Principal& who, int64_t id) {
  return db::read<Risk>(db_, [&](Connection& c) { return detail::readable(c, who, id); });
}

Result<std::vector<HistoryEntry>> RiskService::history(const Principal& who, int64_t id) {
  return db::read<std::vector<HistoryEntry>>(db_, [&](Connection& c) -> Result<std::vector<HistoryEntry>> {
    LF_TRY(Risk r, detail::readable(c, who, id));
    return store::history(c, r.id);
  });
}

Result<Risk> RiskService::create(const Principal& who, const RiskInput& in) {
  if (!detail::is_office(who) && !who.has_role("staff")) return make_error("auth.forbidden", "", 403);
  Risk r;
  r.risk_class = "integrity";
  apply(r, in);
  LF_CHECK(detail::validate_text(r));
  return db::write<Risk>(db_, [&](Connection& c) -> Result<Risk> {
    LF_CHECK(detail::place(c, who, r));
    LF_CHECK(detail::grade_into(c, r, in.level, in.override_reason.value_or("")));
    const int32_t year = in.year.value_or(std::stoi(today_utc().substr(0, 4)));
    LF_TRY(r.cycle_id, store::open_cycle(c, r.unit_id, year));
    r.stage = "draft";
    r.stage_due = detail::due_after(stage_days("draft"));
    r.filed_by = who.id;
    LF_TRY(int64_t id, store::insert(c, r));
    LF_CHECK(store::add_history(c, id, who, "create", "", "draft", r.level, ""));
    LF_TRY(Risk after, detail::reload(c, id));
    LF_CHECK(detail::audit_risk(c, who, "create", id, nullptr, &after));
    return after;
  });
}

Result<Risk> RiskService::update(const Principal& who, int64_t id, const RiskInput& in) {
  return db::write<Risk>(db_, [&](Connection& c) -> Result<Risk> {
    LF_TRY(Risk before, detail::writable(c, who, id));
    // Content changes while the filer holds it; the discipline office may still correct it while defining it.
    const bool office_defining = before.stage == "commission_review" && (who.has_role("supervisor") || who.has_role("admin"));
    if (before.stage != "draft" && !office_defining) return make_error("risk.not_editable", "stage", 409);
    Risk next = before;
    apply(next, in);
    LF_CHECK(detail::validate_text(next));
    LF_CHECK(detail::place(c, who, next));
    LF_CHECK(detail::grade_into(c, next, in.level, in.override_reason.value_or(before.override_reason)));
    LF_CHECK(store::update(c, next));
    if (next.level != before.level)
      LF_CHECK(store::add_history(c, id, who, "regrade", before.stage, before.stage, next.level,
                                  next.override_reason.empty() ? next.grading_basis : next.override_reason));
    LF_TRY(Risk after, detail::reload(c, id));
    LF_CHECK(detail::audit_risk(c, who, "update", id, &before, &after));
    return after;
  });
}

Result<std::vector<std::pair<std::string, std::string>>> RiskService::categories(const Principal& who,
                                                                                 int64_t unit_id) {
  return db::read<std::vector<std::pair<std::string, std::string>>>(
      db_, [&](Connection& c) { return store::categories(c, unit_id); });
}

}  // namespace lf::risks
