// The risk register (廉政风险点): risk points of a unit, a department or a post, graded and passed through
// the grading workflow (自查自报 → 部门审核 → 纪委界定 → 群众评议 → 班子审定 → 公示 → 备案), one register per unit
// and year.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/common/list_query.h"

namespace lf::risks {

using list::Page;

inline const std::vector<std::string>& stages() {
  static const std::vector<std::string> s = {"draft",     "dept_review", "commission_review", "appraisal",
                                             "leadership_review", "publicity", "filed"};
  return s;
}
inline const std::vector<std::string>& levels() {
  static const std::vector<std::string> l = {"high", "medium", "low"};
  return l;
}
inline const std::vector<std::string>& finding_methods() {
  static const std::vector<std::string> m = {"自己找", "群众提", "互相查", "领导点", "组织评"};
  return m;
}
inline const std::vector<std::string>& cause_presets() {
  static const std::vector<std::string> c = {"制度缺陷及漏洞", "监管缺失", "外部环境影响", "个人自律", "个人业务素质"};
  return c;
}

struct Risk {
  int64_t id = 0;
  int64_t cycle_id = 0;
  int32_t year = 0;
  int64_t unit_id = 0;
  std::optional<int64_t> department_id;
  std::string department_name;
  std::optional<int64_t> post_id;
  std::string post_name;
  std::optional<int64_t> power_id;
  std::string power_name;
  std::string step_element;   // BPMN id of the flow step it concerns, if any
  std::string scope_level;    // unit | department | post
  std::string category;
  std::string risk_class;     // integrity (廉洁风险) | management (管理风险)
  std::string duty;           // 部门职责 / 岗位职责 the risk arises from
  std::string description;    // 廉政风险点
  std::string manifestation;  // 表现形式
  std::string causes;         // 原因分析: presets and free text, "；"-separated
  std::string finding_method;
  std::string measures_text;  // 防控措施 as written on the form
  std::string note;
  boost::json::object grading_inputs;
  std::string computed_level;
  std::string grading_basis;
  std::string level;          // the level in force: computed, or overridden with a reason
  std::string override_reason;
  std::string stage = "draft";
  std::optional<std::string> stage_due;
  std::optional<std::string> publicity_until;
  boost::json::object appraisal;
  std::optional<std::string> valid_until;
  std::optional<int64_t> filed_by;
  std::string filed_by_name;
  bool cycle_closed = false;
  int64_t version = 1;
  std::string updated_at;
};

struct RiskFilter {
  std::optional<int64_t> unit_id, department_id, post_id, power_id, cycle_id;
  std::optional<int32_t> year;
  std::string level, stage, scope_level, q;
};

struct HistoryEntry {
  int64_t id = 0;
  std::string at, actor, action, from_stage, to_stage, level, comment;
};

struct Cycle {
  int64_t id = 0;
  int64_t unit_id = 0;
  int32_t year = 0;
  std::string status;  // open | closed
  std::string opened_at;
  std::optional<std::string> closed_at;
  int64_t risks = 0;
};

boost::json::value to_json(const Risk& r);
boost::json::value to_json(const HistoryEntry& h);
boost::json::value to_json(const Cycle& c);

}  // namespace lf::risks
