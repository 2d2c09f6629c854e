#include "modules/measures/service.h"

#include <algorithm>
#include <boost/json.hpp>

#include "base/clock.h"
#include "base/text.h"
#include "modules/audit/audit.h"
#include "modules/auth/scope_sql.h"
#include "modules/measures/measure_util.h"
#include "modules/risks/risk_util.h"

namespace lf::measures {

using db::Connection;

namespace {

bool in(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

void apply(Measure& m, const MeasureInput& in) {
  if (in.line) m.line = *in.line;
  if (in.control_type) m.control_type = trim(*in.control_type);
  if (in.description) m.description = trim(*in.description);
  if (in.supervision) m.supervision = *in.supervision;
  if (in.frequency) m.frequency = *in.frequency;
  if (in.start_date) m.start_date = *in.start_date;
  if (in.evidence) m.evidence = trim(*in.evidence);
  if (in.status) m.status = *in.status;
  if (in.specificity) m.specificity = *in.specificity;
  if (in.template_code) m.template_code = *in.template_code;
  if (in.owner_post_id) m.owner_post_id = *in.owner_post_id;
  if (in.owner_person_id) m.owner_person_id = *in.owner_person_id;
  if (in.due_date) m.due_date = *in.due_date;
  if (in.indicator) m.indicator = in.indicator->value_or(Indicator{});
}

Status validate(Connection& c, Measure& m, int64_t unit_id) {
  LF_TRY(Settings s, settings_for(c, unit_id));
  if (!in(lines(), m.line)) return make_error("measure.line_invalid", "line");
  if (!in(s.control_types, m.control_type)) return make_error("measure.control_type_invalid", "control_type");
  if (m.description.empty()) return make_error("measure.description_required", "description");
  if (utf8_length(m.description) > 1000 || utf8_length(m.evidence) > 500 || !is_valid_utf8(m.description) ||
      !is_valid_utf8(m.evidence))
    return make_error("risk.text_too_long", utf8_length(m.description) > 1000 ? "description" : "evidence");
  if (m.supervision != "A" && m.supervision != "B" && m.supervision != "C")
    return make_error("measure.supervision_invalid", "supervision");
  if (!m.frequency.empty() && !in(frequencies(), m.frequency)) return make_error("measure.frequency_invalid", "frequency");
  if (!in(statuses(), m.status)) return make_error("measure.status_invalid", "status");
  if (m.specificity != "specific" && m.specificity != "general")
    return make_error("measure.specificity_invalid", "specificity");
  if (!is_valid_date(m.start_date)) return make_error("measure.date_invalid", "start_date");
  if (m.due_date && !is_valid_date(*m.due_date)) return make_error("measure.date_invalid", "due_date");
  if (m.due_date && *m.due_date < m.start_date) return make_error("measure.due_before_start", "due_date");
  auto& ind = m.indicator;
  if (!ind.type.empty()) {
    if (!in(indicator_types(), ind.type)) return make_error("measure.indicator_invalid", "indicator.type");
    if (ind.direction != "higher" && ind.direction != "lower")
      return make_error("measure.indicator_invalid", "indicator.direction");
    if (ind.type == "done") {
      ind.direction = "higher";
      if (!ind.target) ind.target = 1;
    }
    if (!ind.target) return make_error("measure.target_required", "indicator.target");
    if (ind.type == "percentage" && (*ind.target < 0 || *ind.target > 100))
      return make_error("measure.indicator_invalid", "indicator.target");
    for (const auto* d : {&ind.baseline_date, &ind.target_date})
      if (*d && !is_valid_date(**d)) return make_error("measure.date_invalid", "indicator");
  }
  // The owner belongs to the risk's unit.
  if (m.owner_post_id) {
    LF_TRY(db::Rows p, c.query("SELECT 1 FROM posts WHERE id = ? AND unit_id = ?", {*m.owner_post_id, unit_id}));
    if (p.empty()) return make_error("measure.owner_invalid", "owner_post_id");
  }
  if (m.owner_person_id) {
    LF_TRY(db::Rows p, c.query("SELECT 1 FROM people WHERE id = ? AND unit_id = ?", {*m.owner_person_id, unit_id}));
    if (p.empty()) return make_error("measure.owner_invalid", "owner_person_id");
  }
  return ok();
}

}  // namespace

void derive_applied(Measure& m) {
  if (m.status != "in_force") {
    m.applied = false;
  } else if (m.indicator.type.empty()) {
    // Without an indicator a measure counts as applied when its checks are kept: at least one done, none overdue.
    m.applied = m.done_tasks > 0 && m.overdue_tasks == 0;
  } else {
    m.applied = m.latest && m.indicator.target && meets_target(m.latest->value, *m.indicator.target, m.indicator.direction);
  }
}

Result<Settings> settings_for(Connection& c, int64_t unit_id) {
  LF_TRY(auto stored, store::settings(c, unit_id));
  if (!stored) return default_settings();
  boost::system::error_code ec;
  auto v = boost::json::parse(*stored, ec);
  if (ec || !v.is_object()) return default_settings();
  return settings_from_json(v.as_object());
}

Result<Page<Measure>> MeasureService::list(const Principal& who, const MeasureFilter& f, int64_t offset, int64_t limit) {
  return db::read<Page<Measure>>(db_, [&](Connection& c) -> Result<Page<Measure>> {
    LF_TRY(auto page, store::list(c, totals_, who.scope, f, who.id, today_utc(), offset, limit));
    for (auto& m : page.items) derive_applied(m);
    return page;
  });
}

Result<Measure> MeasureService::get(const Principal& who, int64_t id) {
  return db::read<Measure>(db_, [&](Connection& c) -> Result<Measure> { return detail::readable(c, who, id); });
}

Result<Measure> MeasureService::create(const Principal& who, const MeasureInput& in) {
  if (!in.risk_id) return make_error("measure.risk_required", "risk_id");
  return db::write<Measure>(db_, [&](Connection& c) -> Result<Measure> {
    LF_TRY(risks::Risk risk, risks::detail::writable(c, who, *in.risk_id));
    LF_TRY(Settings s, settings_for(c, risk.unit_id));
    Measure m;
    m.risk_id = risk.id;
    m.start_date = today_utc();
    auto sup = s.supervision_by_level.find(risk.level);
    if (sup != s.supervision_by_level.end()) m.supervision = sup->second;
    apply(m, in);
    LF_CHECK(validate(c, m, risk.unit_id));
    LF_TRY(m.id, store::insert(c, m));
    LF_CHECK(detail::schedule(c, m, today_utc()));
    LF_TRY(Measure after, detail::reload(c, m.id));
    LF_CHECK(detail::audit_measure(c, who, "create", m.id, nullptr, &after));
    return after;
  });
}

Result<Measure> MeasureService::update(const Principal& who, int64_t id, const MeasureInput& in) {
  return db::write<Measure>(db_, [&](Connection& c) -> Result<Measure> {
    LF_TRY(Measure before, detail::reload(c, id));
    LF_TRY(risks::Risk risk, risks::detail::writable(c, who, before.risk_id));
    if (in.risk_id && *in.risk_id != before.risk_id) return make_error("measure.risk_fixed", "risk_id");
    Measure next = before;
    apply(next, in);
    LF_CHECK(validate(c, next, risk.unit_id));
    LF_CHECK(store::update(c, next));
    LF_CHECK(detail::schedule(c, next, today_utc()));
    LF_TRY(Measure after, detail::reload(c, id));
    LF_CHECK(detail::audit_measure(c, who, "update", id, &before, &after));
    return after;
  });
}

Status MeasureService::remove(const Principal& who, int64_t id) {
  return db_.transaction([&](Connection& c) -> Status {
    LF_TRY(Measure before, detail::reload(c, id));
    LF_TRY(risks::Risk risk, risks::detail::writable(c, who, before.risk_id));
    LF_CHECK(store::remove(c, id));
    return detail::audit_measure(c, who, "delete", id, &before, nullptr);
  });
}

Result<RiskMeasures> MeasureService::for_risk(Connection& c, int64_t risk_id, int64_t unit_id, const std::string& level) {
  RiskMeasures out;
  LF_TRY(out.measures, store::for_risk(c, risk_id, today_utc()));
  LF_TRY(Settings s, settings_for(c, unit_id));
  std::vector<MeasureFacts> facts;
  for (auto& m : out.measures) {
    derive_applied(m);
    facts.push_back({m.specificity, m.status, m.applied});
  }
  out.levels = residual_levels(level, facts, s.residual);
  return out;
}

Result<RiskMeasures> MeasureService::for_risk(int64_t risk_id, int64_t unit_id, const std::string& level) {
  return db::read<RiskMeasures>(db_, [&](Connection& c) { return for_risk(c, risk_id, unit_id, level); });
}

Result<Stats> MeasureService::stats(const Principal& who, std::optional<int64_t> unit_id,
                                    std::optional<int64_t> department_id) {
  return db::read<Stats>(db_, [&](Connection& c) -> Result<Stats> {
    list::Where w;
    w.sql += auth::scope_filter(who.scope, "r.unit_id", "r.department_id", w.params);
    if (unit_id) w.equals("r.unit_id", *unit_id);
    if (department_id) LF_CHECK(w.in_department_subtree(c, "r.department_id", *department_id));
    const std::string from = " FROM measures m JOIN risks r ON r.id = m.risk_id" + w.sql;
    Stats s;
    for (auto [col, out] : {std::pair{"m.status", &s.by_status}, {"m.line", &s.by_line}, {"r.level", &s.by_level}}) {
      LF_TRY(db::Rows r, c.query(std::string("SELECT ") + col + ", COUNT(*)" + from + " GROUP BY " + col, w.params));
      for (size_t i = 0; i < r.size(); ++i) {
        out->emplace_back(r.text(i, 0), r.integer(i, 1));
        if (col == std::string("m.status")) s.measures += r.integer(i, 1);
      }
    }
    LF_TRY(db::Rows t, c.query("SELECT COUNT(*), COALESCE(SUM(CASE WHEN t.due_date < ? THEN 1 ELSE 0 END), 0), "
                               "COUNT(DISTINCT CASE WHEN t.due_date < ? THEN t.measure_id END) FROM measure_tasks t "
                               "JOIN measures m ON m.id = t.measure_id JOIN risks r ON r.id = m.risk_id" +
                                   w.sql + " AND t.status = 'open'",
                               [&] {
                                 db::Params q = w.params;
                                 q.insert(q.begin(), {today_utc(), today_utc()});
                                 return q;
                               }()));
    s.open_tasks = t.integer(0, 0);
    s.overdue_tasks = t.integer(0, 1);
    s.overdue_measures = t.integer(0, 2);
    // Applied needs the latest measurement against the target: count it over the measures in force.
    MeasureFilter f;
    f.unit_id = unit_id;
    f.department_id = department_id;
    f.status = "in_force";
    for (int64_t off = 0;; off += 500) {
      LF_TRY(auto page, store::list(c, totals_, who.scope, f, who.id, today_utc(), off, 500));
      for (auto& m : page.items) {
        derive_applied(m);
        s.applied += m.applied ? 1 : 0;
      }
      if (off + 500 >= page.total) break;
    }
    return s;
  });
}

}  // namespace lf::measures
