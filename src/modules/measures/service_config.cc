// Templates by level, template proposals for a risk, and the unit's measure settings.
#include <algorithm>
#include <boost/json.hpp>

#include "base/clock.h"
#include "modules/audit/audit.h"
#include "modules/auth/scope_sql.h"
#include "modules/measures/service.h"
#include "modules/risks/risk_util.h"

namespace lf::measures {

using db::Connection;

namespace {

// The discipline office of the unit keeps its templates and settings.
Status may_configure(Connection& c, const Principal& who, int64_t unit_id) {
  if (!who.has_role("admin") && !who.has_role("supervisor")) return make_error("auth.forbidden", "", 403);
  LF_TRY(db::Rows u, c.query("SELECT 1 FROM units WHERE id = ?", {unit_id}));
  if (u.empty()) return make_error("org.unit.not_found", "unit_id", 404);
  LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, unit_id));
  if (!mine) return make_error("auth.out_of_scope", "unit_id", 403);
  return ok();
}

Status may_read_unit(Connection& c, const Principal& who, int64_t unit_id) {
  LF_TRY(db::Rows u, c.query("SELECT 1 FROM units WHERE id = ?", {unit_id}));
  if (u.empty()) return make_error("org.unit.not_found", "unit_id", 404);
  return ok();  // templates and settings are not secret: every user of the platform may read them
}

Result<std::vector<Template>> templates_of(Connection& c, int64_t unit_id) {
  LF_TRY(bool own, store::has_own_templates(c, unit_id));
  if (!own) return preset_templates();
  return store::templates(c, unit_id);
}

Status audit_config(Connection& c, const Principal& who, const char* entity, int64_t unit_id, boost::json::value after) {
  audit::Entry e{who.id, who.username, "update", entity, std::to_string(unit_id)};
  e.after_json = boost::json::serialize(after);
  return audit::append(c, e);
}

}  // namespace

Result<std::vector<Template>> MeasureService::proposals(const Principal& who, int64_t risk_id) {
  return db::read<std::vector<Template>>(db_, [&](Connection& c) -> Result<std::vector<Template>> {
    LF_TRY(risks::Risk risk, risks::detail::readable(c, who, risk_id));
    LF_TRY(auto all, templates_of(c, risk.unit_id));
    LF_TRY(auto existing, store::for_risk(c, risk_id, today_utc()));
    std::vector<Template> out;
    for (const auto& t : all) {
      if (t.level != risk.level) continue;
      const bool taken = std::any_of(existing.begin(), existing.end(),
                                     [&](const Measure& m) { return m.template_code == t.code; });
      if (!taken) out.push_back(t);
    }
    return out;
  });
}

Result<std::pair<bool, std::vector<Template>>> MeasureService::templates(const Principal& who, int64_t unit_id) {
  using Out = std::pair<bool, std::vector<Template>>;
  return db::read<Out>(db_, [&](Connection& c) -> Result<Out> {
    LF_CHECK(may_read_unit(c, who, unit_id));
    LF_TRY(bool own, store::has_own_templates(c, unit_id));
    LF_TRY(auto list, templates_of(c, unit_id));
    return Out{own, std::move(list)};
  });
}

Result<std::vector<Template>> MeasureService::set_templates(const Principal& who, int64_t unit_id,
                                                            const std::vector<Template>& list) {
  return db::write<std::vector<Template>>(db_, [&](Connection& c) -> Result<std::vector<Template>> {
    LF_CHECK(may_configure(c, who, unit_id));
    LF_TRY(Settings s, settings_for(c, unit_id));
    std::vector<std::string> codes;
    for (const auto& t : list) {
      if (auto st = validate_template(t, s); !st.ok()) return std::move(st).error();
      if (std::find(codes.begin(), codes.end(), t.code) != codes.end())
        return make_error("measure.template_code_taken", "code");
      codes.push_back(t.code);
    }
    LF_CHECK(store::save_templates(c, unit_id, list));
    boost::json::array items;
    for (const auto& t : list) items.push_back(to_json(t));
    LF_CHECK(audit_config(c, who, "measure_templates", unit_id, items));
    return list;
  });
}

Result<Settings> MeasureService::settings(const Principal& who, int64_t unit_id) {
  return db::read<Settings>(db_, [&](Connection& c) -> Result<Settings> {
    LF_CHECK(may_read_unit(c, who, unit_id));
    return settings_for(c, unit_id);
  });
}

Result<Settings> MeasureService::set_settings(const Principal& who, int64_t unit_id, const boost::json::object& o) {
  LF_TRY(Settings s, settings_from_json(o));
  return db::write<Settings>(db_, [&](Connection& c) -> Result<Settings> {
    LF_CHECK(may_configure(c, who, unit_id));
    const auto json = to_json(s);
    LF_CHECK(store::save_settings(c, unit_id, boost::json::serialize(json)));
    LF_CHECK(audit_config(c, who, "measure_settings", unit_id, json));
    return s;
  });
}

}  // namespace lf::measures
