#include "modules/demo/demo_measures.h"

#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "modules/measures/schedule.h"
#include "modules/measures/settings.h"

namespace lf::demo {

namespace {

struct RiskRow {
  int64_t id, unit_id;
  std::optional<int64_t> department_id, post_id;
  std::string level, stage, measures_text;
};

// The control type a measure written in words is most like (the form's 防控措施 column is free text).
std::string control_type_of(const std::string& text) {
  static const std::vector<std::pair<const char*, const char*>> keywords = {
      {"谈话", "廉政谈话"},   {"集体", "集体决策/联签"}, {"联签", "集体决策/联签"}, {"公开", "公开"},
      {"公示", "公开"},       {"轮岗", "轮岗交流"},      {"报告", "书面报告"},      {"系统", "信息化监控"},
      {"抽查", "监督检查"},   {"检查", "监督检查"},      {"审批", "授权审批"},      {"审核", "授权审批"},
      {"分离", "不相容职务分离"}, {"培训", "教育培训"},  {"预算", "预算"},          {"台账", "制度建设"}};
  for (const auto& [k, t] : keywords)
    if (text.find(k) != std::string::npos) return t;
  return "制度建设";
}

std::string frequency_of(const std::string& text) {
  if (text.find("每月") != std::string::npos) return "monthly";
  if (text.find("每季度") != std::string::npos || text.find("每学期") != std::string::npos) return "quarterly";
  if (text.find("每年") != std::string::npos || text.find("年度") != std::string::npos) return "yearly";
  return "per_case";
}

// The post that answers for a measure: the risk's own post, else the department's first middle-tier post (its
// head), else the unit's first leader post.
Result<std::optional<int64_t>> owner_of(db::Connection& c, const RiskRow& r) {
  if (r.post_id) return r.post_id;
  db::Rows p;
  if (r.department_id) {
    LF_TRY(p, c.query("SELECT id FROM posts WHERE department_id = ? ORDER BY CASE tier WHEN 'middle' THEN 0 "
                      "WHEN 'leader' THEN 1 ELSE 2 END, id LIMIT 1",
                      {*r.department_id}));
  } else {
    LF_TRY(p, c.query("SELECT id FROM posts WHERE unit_id = ? AND tier = 'leader' ORDER BY id LIMIT 1", {r.unit_id}));
  }
  if (p.empty()) return std::optional<int64_t>{};
  return std::optional<int64_t>{p.integer(0, 0)};
}

struct Indicator {
  const char* type;
  const char* direction;
  const char* unit;
  double baseline, target;
  std::vector<double> values;  // measurements, oldest first, one a month up to last month
};

// Indicators for some template measures; `n` varies the values so that some meet their targets and some do not.
std::optional<Indicator> indicator_for(const std::string& code, size_t n) {
  if (code == "high.check") {
    // Problems found by the regular check: lower is better.
    return Indicator{"count", "lower", "个", 3, 0, n % 3 == 0 ? std::vector<double>{2, 1, 1} : std::vector<double>{2, 1, 0}};
  }
  if (code == "high.public") {
    return Indicator{"percentage", "higher", "%", 60, 100, n % 4 == 1 ? std::vector<double>{70, 85} : std::vector<double>{80, 100}};
  }
  if (code == "medium.report") return Indicator{"done", "higher", "", 0, 1, {n % 5 == 2 ? 0.0 : 1.0}};
  return std::nullopt;
}

}  // namespace

Result<MeasureCounts> seed_measures(db::Connection& c) {
  MeasureCounts out;
  const std::string today = today_utc(), now = now_utc();
  const std::string started = add_days(today, -210);
  LF_TRY(db::Rows rows, c.query("SELECT id, unit_id, department_id, post_id, level, stage, measures_text FROM risks "
                                "ORDER BY id"));
  const auto settings = measures::default_settings();
  // Posts held by demo accounts: each gets one overdue check, so that every account has something in its to-do list.
  LF_TRY(db::Rows held, c.query("SELECT a.post_id FROM assignments a JOIN users u ON u.person_id = a.person_id "
                                "WHERE a.end_date IS NULL"));
  std::set<int64_t> owes_overdue;
  for (size_t i = 0; i < held.size(); ++i) owes_overdue.insert(held.integer(i, 0));
  size_t serial = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    RiskRow r{rows.integer(i, 0), rows.integer(i, 1), rows.opt_integer(i, 2), rows.opt_integer(i, 3),
              rows.text(i, 4), rows.text(i, 5), rows.text(i, 6)};
    if (r.level.empty()) continue;
    LF_TRY(auto owner, owner_of(c, r));
    // Measures carry over from the earlier register while a risk is re-rated; only new drafts are still planned.
    const bool in_force = r.stage != "draft";
    const std::string status = in_force ? "in_force" : "planned";
    const std::string supervision = settings.supervision_by_level.at(r.level);

    struct Spec {
      std::string code, line, type, text, frequency, specificity, evidence;
    };
    std::vector<Spec> specs;
    if (!r.measures_text.empty())
      specs.push_back({"", "monitor", control_type_of(r.measures_text), r.measures_text, frequency_of(r.measures_text),
                       "specific", "检查记录"});
    for (const auto& t : measures::preset_templates())
      if (t.level == r.level) specs.push_back({t.code, t.line, t.control_type, t.description, t.frequency, t.specificity, t.evidence});

    for (const auto& s : specs) {
      ++serial;
      auto ind = indicator_for(s.code, serial);
      LF_TRY(db::Rows m, c.query(
          "INSERT INTO measures(risk_id, line, control_type, description, owner_post_id, supervision, frequency, "
          "start_date, evidence, status, specificity, template_code, indicator_type, indicator_direction, indicator_unit, "
          "baseline, baseline_date, target, target_date, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {r.id, s.line, s.type, s.text, db::nullable(owner), supervision, s.frequency, started, s.evidence, status,
           s.specificity, s.code, ind ? std::string(ind->type) : std::string(), ind ? ind->direction : "higher",
           ind ? ind->unit : "", ind ? db::Value(ind->baseline) : db::Value(nullptr),
           ind ? db::Value(started) : db::Value(nullptr), ind ? db::Value(ind->target) : db::Value(nullptr),
           ind ? db::Value(add_days(today, 150)) : db::Value(nullptr), now, now}));
      const int64_t measure_id = m.integer(0, 0);
      ++out.measures;
      if (!in_force) continue;
      if (ind) {
        for (size_t k = 0; k < ind->values.size(); ++k) {
          const auto on = add_days(today, -30 * long(ind->values.size() - k));
          LF_TRY(db::Rows x, c.query("INSERT INTO measurements(measure_id, value, measured_on, note, recorded_by, "
                                     "recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                                     {measure_id, ind->values[k], on, "例行监测", "system", now}));
          ++out.measurements;
        }
      }
      // Checks owed since the start: the old ones done, the last one past due left open on every fifth measure.
      const auto slots = measures::task_slots(s.frequency, started, std::nullopt, today);
      bool leave_overdue = serial % 5 == 0;
      if (!ind && owner && owes_overdue.count(*owner) && slots.size() > 1) {
        leave_overdue = true;
        owes_overdue.erase(*owner);
      }
      for (size_t k = 0; k < slots.size(); ++k) {
        const auto& slot = slots[k];
        const bool past = slot.due_date < today;
        const bool last_past = past && (k + 1 == slots.size() || slots[k + 1].due_date >= today);
        const bool done = past && !(leave_overdue && last_past);
        LF_TRY(db::Rows t, c.query("INSERT INTO measure_tasks(measure_id, period, due_date, status, done_at, done_by, note) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   {measure_id, slot.period, slot.due_date, done ? "done" : "open",
                                    done ? db::Value(slot.due_date + "T09:00:00Z") : db::Value(nullptr),
                                    done ? "责任岗位" : "", done ? "已按期检查，未发现问题" : ""}));
        ++out.tasks;
      }
    }
  }
  return out;
}

}  // namespace lf::demo
