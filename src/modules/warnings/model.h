// Warnings (预警) and their handling (预警处置): who or what they are about, the situation and its evidence, the
// level, the recipient the routing chose, the deadline on the working-day calendar, and the record of handling.
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/common/list_query.h"

namespace lf::warnings {

using list::Page;

struct RiskRef {
  int64_t id = 0;
  std::string description, level;
};

struct Warning {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::optional<int64_t> department_id;
  std::string department_name;
  std::string subject_kind;  // person | post | department | unit
  std::optional<int64_t> subject_person_id, subject_post_id, power_id;
  std::string subject_name, subject_title, power_name;
  std::string source, source_ref, situation, required_measures;
  boost::json::array evidence;
  std::string level, status = "issued";
  int recipient_tier = 0;
  std::string recipient_role;
  std::optional<int64_t> recipient_unit_id, recipient_department_id;
  std::string recipient_label;
  std::string deadline;
  bool overdue = false;
  int64_t escalations = 0;
  std::vector<std::string> measures_taken;
  std::string handler_name, handler_title;
  std::optional<std::string> handled_at;
  std::string commitment;
  std::optional<std::string> commitment_due;
  std::string verification, note, cancel_reason;
  std::optional<int64_t> issued_by;
  std::string issued_by_name, issued_at;
  std::optional<std::string> closed_at;
  std::vector<RiskRef> risks;
  int64_t version = 1;
  std::string updated_at;
};

struct HistoryEntry {
  int64_t id = 0;
  std::string at, actor, action, from_status, to_status, level, comment;
};

struct WarningFilter {
  std::optional<int64_t> unit_id, department_id, risk_id, subject_person_id;
  std::string level, status, source, subject, q;
  bool overdue = false, inbox = false, mine = false, open = false;
};

struct Proposal {
  int64_t id = 0;
  std::string kind;  // post | power
  int64_t target_id = 0;
  std::string target_name;
  int64_t warnings = 0;
  std::vector<int64_t> reopened;
  std::string created_at;
};

boost::json::value to_json(const Warning& w);
boost::json::value to_json(const HistoryEntry& h);
boost::json::value to_json(const Proposal& p);

}  // namespace lf::warnings
