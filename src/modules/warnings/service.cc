#include "modules/warnings/service.h"

#include <boost/json.hpp>

#include "base/clock.h"
#include "base/text.h"
#include "modules/audit/audit.h"
#include "modules/auth/scope_sql.h"
#include "modules/warnings/rules.h"
#include "modules/warnings/store.h"
#include "modules/warnings/warning_util.h"

namespace lf::warnings {

using db::Connection;
namespace json = boost::json;

namespace detail {

Result<Warning> reload(Connection& c, int64_t id) {
  LF_TRY(auto w, store::find(c, id, today_utc()));
  if (!w) return make_error("warning.not_found", "", 404);
  return *w;
}

Result<Warning> readable(Connection& c, const auth::Principal& who, int64_t id) {
  LF_TRY(bool seen, store::visible(c, who, id));
  if (!seen) return make_error("warning.not_found", "", 404);
  return reload(c, id);
}

void address(Warning& w, const Recipient& to) {
  w.recipient_tier = to.tier;
  w.recipient_role = to.role;
  w.recipient_unit_id = to.unit_id;
  w.recipient_department_id = to.department_id;
  w.recipient_label = to.label;
}

Status audit_warning(Connection& c, const auth::Principal& who, const char* action, int64_t id, const Warning* before,
                     const Warning* after) {
  audit::Entry e{who.id ? std::optional<int64_t>(who.id) : std::nullopt, who.username.empty() ? "system" : who.username,
                 action, "warning", std::to_string(id)};
  if (before) e.before_json = json::serialize(to_json(*before));
  if (after) e.after_json = json::serialize(to_json(*after));
  return audit::append(c, e);
}

Result<Settings> load_settings(Connection& c) {
  Settings s;
  s.colours = {{"reminder", "#2563eb"}, {"warning", "#eab308"}, {"alarm", "#dc2626"}};
  LF_TRY(db::Rows r, c.query("SELECT value FROM settings WHERE key = 'warnings'"));
  if (r.empty()) return s;
  boost::system::error_code ec;
  auto v = json::parse(r.text(0, 0), ec);
  if (ec || !v.is_object()) return s;
  const auto& o = v.as_object();
  if (const auto* col = o.if_contains("colours"); col && col->is_object())
    for (const auto& [k, c2] : col->as_object())
      if (c2.is_string()) s.colours[std::string(k)] = std::string(c2.as_string());
  if (const auto* t = o.if_contains("repeat_threshold"); t && t->is_int64()) s.repeat_threshold = int(t->as_int64());
  return s;
}

auth::Principal system() {
  auth::Principal p;
  p.username = "system";
  p.display_name = "系统";
  p.scope = auth::Scope::everything();
  return p;
}

}  // namespace detail

Result<Page<Warning>> WarningService::list(const Principal& who, const WarningFilter& f, int64_t offset, int64_t limit) {
  return db::read<Page<Warning>>(db_, [&](Connection& c) {
    return store::list(c, totals_, who, f, today_utc(), offset, limit);
  });
}

Result<Warning> WarningService::get(const Principal& who, int64_t id) {
  return db::read<Warning>(db_, [&](Connection& c) { return detail::readable(c, who, id); });
}

Result<std::vector<HistoryEntry>> WarningService::history(const Principal& who, int64_t id) {
  return db::read<std::vector<HistoryEntry>>(db_, [&](Connection& c) -> Result<std::vector<HistoryEntry>> {
    LF_TRY(Warning w, detail::readable(c, who, id));
    return store::history(c, w.id);
  });
}

Result<Stats> WarningService::stats(const Principal& who, std::optional<int64_t> unit_id) {
  return db::read<Stats>(db_, [&](Connection& c) -> Result<Stats> {
    db::Params p;
    std::string where = " WHERE 1 = 1" + auth::scope_filter(who.scope, "w.unit_id", "w.department_id", p);
    if (unit_id) {
      where += " AND w.unit_id = ?";
      p.emplace_back(*unit_id);
    }
    Stats s;
    const std::string from = " FROM warnings w LEFT JOIN departments d ON d.id = w.department_id" + where;
    for (auto [col, out] : {std::pair{"w.level", &s.by_level}, {"w.status", &s.by_status}, {"w.source", &s.by_source},
                            {"COALESCE(d.name, '')", &s.by_department}}) {
      LF_TRY(db::Rows r, c.query(std::string("SELECT ") + col + ", COUNT(*)" + from + " GROUP BY " + col + " ORDER BY 2 DESC", p));
      for (size_t i = 0; i < r.size(); ++i) out->emplace_back(r.text(i, 0), r.integer(i, 1));
    }
    LF_TRY(db::Rows t, c.query("SELECT COUNT(*), COALESCE(SUM(CASE WHEN w.status NOT IN ('closed', 'cancelled') THEN 1 ELSE 0 END), 0), "
                               "COALESCE(SUM(CASE WHEN w.escalations > 0 THEN 1 ELSE 0 END), 0), "
                               "COALESCE(SUM(CASE WHEN w.status IN ('issued', 'signed', 'handling', 'rectifying') AND "
                               "w.deadline < ? THEN 1 ELSE 0 END), 0)" + from,
                               [&] {
                                 db::Params x{today_utc()};
                                 x.insert(x.end(), p.begin(), p.end());
                                 return x;
                               }()));
    s.total = t.integer(0, 0);
    s.open = t.integer(0, 1);
    s.escalated = t.integer(0, 2);
    s.overdue = t.integer(0, 3);
    return s;
  });
}

Result<std::vector<Proposal>> WarningService::proposals(const Principal& who) {
  return db::read<std::vector<Proposal>>(db_, [&](Connection& c) -> Result<std::vector<Proposal>> {
    LF_TRY(auto all, store::proposals(c, who));
    std::vector<Proposal> out;
    for (auto& p : all) {
      LF_TRY(db::Rows u, c.query(std::string("SELECT unit_id FROM ") + (p.kind == "post" ? "posts" : "powers") + " WHERE id = ?",
                                 {p.target_id}));
      if (u.empty()) continue;
      LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, u.integer(0, 0)));
      if (mine) out.push_back(std::move(p));
    }
    return out;
  });
}

Result<Settings> WarningService::settings() {
  return db::read<Settings>(db_, [&](Connection& c) { return detail::load_settings(c); });
}

Result<Settings> WarningService::set_settings(const Principal& who, const json::object& o) {
  if (!who.has_role("admin") && !who.has_role("supervisor")) return make_error("auth.forbidden", "", 403);
  return db::write<Settings>(db_, [&](Connection& c) -> Result<Settings> {
    LF_TRY(Settings s, detail::load_settings(c));
    if (const auto* col = o.if_contains("colours")) {
      if (!col->is_object()) return make_error("warning.settings_invalid", "colours");
      for (const auto& [k, v] : col->as_object()) {
        const std::string key(k);
        if (key != "reminder" && key != "warning" && key != "alarm") return make_error("warning.settings_invalid", "colours");
        const auto* css = v.if_string();
        // A CSS colour as #rgb or #rrggbb: the UI paints with it.
        if (!css || (css->size() != 4 && css->size() != 7) || (*css)[0] != '#' ||
            css->find_first_not_of("#0123456789abcdefABCDEF") != std::string::npos)
          return make_error("warning.settings_invalid", "colours");
        s.colours[key] = std::string(*css);
      }
    }
    if (const auto* t = o.if_contains("repeat_threshold")) {
      if (!t->is_int64() || t->as_int64() < 2 || t->as_int64() > 20) return make_error("warning.settings_invalid", "repeat_threshold");
      s.repeat_threshold = int(t->as_int64());
    }
    json::object colours;
    for (const auto& [k, v] : s.colours) colours[k] = v;
    const json::object stored{{"colours", colours}, {"repeat_threshold", s.repeat_threshold}};
    LF_TRY(db::Rows r, c.query("INSERT INTO settings(key, value) VALUES ('warnings', ?) ON CONFLICT (key) DO UPDATE SET "
                               "value = excluded.value",
                               {json::serialize(stored)}));
    audit::Entry e{who.id, who.username, "update", "warning_settings", "warnings"};
    e.after_json = json::serialize(stored);
    LF_CHECK(audit::append(c, e));
    return s;
  });
}

}  // namespace lf::warnings
