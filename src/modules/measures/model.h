// Control measures (防控措施) of risk points: line of defence, control type, owner, supervision class, frequency,
// evidence, an optional monitoring indicator with its measurements, and the check tasks recurring measures owe.
#pragma once
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/common/list_query.h"

namespace lf::measures {

using list::Page;

// 前期预防 / 中期监控 / 后期处置
inline const std::vector<std::string>& lines() {
  static const std::vector<std::string> l = {"prevent", "monitor", "dispose"};
  return l;
}
inline const std::vector<std::string>& default_control_types() {
  static const std::vector<std::string> t = {"不相容职务分离", "授权审批", "会计系统", "财产保护", "预算",
                                             "运营分析",       "绩效考评", "廉政谈话", "书面报告", "轮岗交流",
                                             "公开",           "制度建设", "教育培训", "信息化监控", "集体决策/联签"};
  return t;
}
// '' means "not said" — the register check flags it.
inline const std::vector<std::string>& frequencies() {
  static const std::vector<std::string> f = {"once", "monthly", "quarterly", "yearly", "per_case"};
  return f;
}
inline const std::vector<std::string>& statuses() {
  static const std::vector<std::string> s = {"planned", "in_force", "lapsed"};
  return s;
}
inline const std::vector<std::string>& indicator_types() {
  static const std::vector<std::string> t = {"done", "count", "percentage", "amount"};
  return t;
}

struct Indicator {
  std::string type;                  // '' = the measure has no indicator
  std::string direction = "higher";  // higher | lower (is better)
  std::string unit;                  // 次, %, 元 ...
  std::optional<double> baseline, target;
  std::optional<std::string> baseline_date, target_date;
};

struct Measurement {
  int64_t id = 0;
  int64_t measure_id = 0;
  double value = 0;
  std::string measured_on;
  std::string note;
  std::optional<int64_t> file_id;
  std::string file_name;
  std::string recorded_by, recorded_at;
};

struct Measure {
  int64_t id = 0;
  int64_t risk_id = 0;
  // of the risk, for lists and scope
  std::string risk_description, risk_level;
  int64_t unit_id = 0;
  std::optional<int64_t> department_id;
  std::string department_name;
  std::string line, control_type, description;
  std::optional<int64_t> owner_post_id, owner_person_id;
  std::string owner_post_name, owner_person_name;
  std::string supervision = "C";  // A | B | C
  std::string frequency;
  std::string start_date;
  std::optional<std::string> due_date;
  std::string evidence;  // what counts as evidence of the check
  std::string status = "planned";
  std::string specificity = "specific";  // specific | general
  std::string template_code;
  Indicator indicator;
  std::optional<Measurement> latest;
  int64_t open_tasks = 0, overdue_tasks = 0, done_tasks = 0;
  bool applied = false;
  int64_t version = 1;
  std::string updated_at;
};

struct Task {
  int64_t id = 0;
  int64_t measure_id = 0;
  std::string measure_description, control_type, risk_description, risk_level;
  int64_t risk_id = 0;
  std::string owner_post_name, owner_person_name;
  std::string period, due_date, status;  // open | done
  bool overdue = false;
  std::optional<std::string> done_at;
  std::string done_by, note;
  std::optional<int64_t> file_id;
  std::string file_name;
};

struct Template {
  std::string level, code, line, control_type, description, frequency, specificity = "general", evidence;
};

struct MeasureFilter {
  std::optional<int64_t> risk_id, unit_id, department_id, owner_post_id, owner_person_id;
  bool mine = false, overdue = false;
  std::string status, level, q;
};

struct TaskFilter {
  std::optional<int64_t> measure_id, unit_id, department_id;
  bool mine = false, overdue = false;
  std::string status;
};

boost::json::value to_json(const Measure& m);
boost::json::value to_json(const Measurement& m);
boost::json::value to_json(const Task& t);
boost::json::value to_json(const Template& t);

}  // namespace lf::measures
