// The power catalogue (职权目录): each power a unit exercises, who exercises it, on what basis, and its
// prescribed flow (权力运行流程图).
#pragma once
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/flow.h"
#include "modules/common/list_query.h"

namespace lf::powers {

using list::Page;

inline const std::vector<std::string>& statuses() {
  static const std::vector<std::string> s = {"draft", "in_force", "repealed"};
  return s;
}

struct PostRef {
  int64_t id = 0;
  std::string name;
};

struct Power {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::optional<int64_t> department_id;
  std::string department_name;
  std::string code;
  std::string name;
  std::string category;
  std::string content;        // 具体内容
  std::string basis;          // 制度依据 / 法定依据
  std::string basis_article;  // 具体条款
  std::string procedure;      // 执法程序
  std::vector<PostRef> posts; // 办理主体 / 执法岗位
  std::optional<int32_t> time_limit_days;  // promised, in working days
  std::string supervision_channel;
  std::string materials;
  std::string service_commitment;
  std::string note;           // 备注
  bool is_public = false;
  std::string status = "draft";
  int64_t version = 1;
  bool has_flow = false;
  int64_t step_count = 0;
  std::string updated_at;
};

struct PowerFilter {
  std::optional<int64_t> unit_id, department_id;
  std::string category, status, q;
  std::optional<bool> has_flow;
};

// Counts over the powers in scope, for dashboards.
struct PowerSummary {
  int64_t total = 0, with_flow = 0;
  std::vector<std::pair<std::string, int64_t>> by_category, by_status;
};

struct Category {
  int64_t id = 0;
  std::optional<int64_t> unit_id;  // nullopt: a preset every unit has
  std::string name;
  std::string group;  // "type" (许可, 处罚 ...) or "function" (决策权 / 执行权 / 监督权)
  int64_t sort = 0;
};

// A saved flow step as the API shows it, with its post resolved.
struct StepLimit {
  std::string post;       // as the flow has it (a post id)
  std::string post_name;  // resolved, for display
  int64_t amount_fen = 0;
};

struct Step {
  std::string element_id;
  std::string name;
  std::optional<int64_t> post_id;
  std::string post_name;
  std::string lane;
  std::optional<int32_t> time_limit_days;
  std::vector<std::string> different_from;
  std::vector<StepLimit> limits;
  std::optional<int64_t> collective_above_fen;
  std::string materials;
  bool supervision_point = false;
};

struct FlowView {
  int64_t power_id = 0;
  std::vector<Step> steps;
  std::vector<std::string> lanes;
  size_t places = 0, transitions = 0, silent = 0;
  std::vector<std::string> labels;
  std::string updated_at;
};

boost::json::value to_json(const Power& p);
boost::json::value to_json(const Category& c);
boost::json::value to_json(const FlowView& f);
boost::json::value to_json(const engine::FlowIssue& i);
boost::json::value to_json(const PowerSummary& s);

}  // namespace lf::powers
