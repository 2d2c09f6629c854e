// The rules of warnings: issuing (by people, and by the monitoring engine), routing to a recipient, the handling
// lifecycle with its roles, escalation past deadlines on the working-day calendar, re-rating proposals after
// repeated warnings, the record sheet (附件四) and notices. One transaction and one audit row per write.
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/audit/totals.h"
#include "modules/auth/principal.h"
#include "modules/warnings/model.h"

namespace lf::warnings {

using auth::Principal;

struct WarningInput {
  std::string subject_kind;  // person | post | department | unit
  std::optional<int64_t> subject_id;
  std::string source = "manual", source_ref, situation, required_measures, level = "reminder";
  boost::json::array evidence;
  std::vector<int64_t> risk_ids;
  std::optional<int64_t> power_id;
  std::optional<std::string> deadline;
};

struct ActionInput {
  std::string action;  // sign | handle | commit | verify | close | cancel
  std::string comment;
  std::vector<std::string> measures;           // handle: 提醒, 督导, 纠错, 廉政谈话, 诫勉谈话, 书面预警, 通报批评, 限期整改
  std::string handler_name, handler_title;     // handle: 预警处置实施人 (default: the caller)
  std::string commitment;                      // commit: 承诺整改情况
  std::string result;                          // verify: ok | weak
};

struct Settings {
  std::map<std::string, std::string> colours;  // reminder / warning / alarm → CSS colour
  int repeat_threshold = 3;                    // warnings in a year on one post or power that propose re-rating
};

struct Stats {
  int64_t total = 0, open = 0, overdue = 0, escalated = 0;
  std::vector<std::pair<std::string, int64_t>> by_level, by_status, by_source, by_department;
};

// Notice kinds: 风险提示书 (prompt), 腐败风险防控通知书 (prevention, level 1), 腐败风险处置通知书 (disposal, level 2).
inline const std::vector<std::string>& notice_kinds() {
  static const std::vector<std::string> k = {"prompt", "prevention", "disposal"};
  return k;
}

class WarningService {
 public:
  explicit WarningService(db::Database& db) : db_(db) {}

  Result<Page<Warning>> list(const Principal& who, const WarningFilter& f, int64_t offset, int64_t limit);
  Result<Warning> get(const Principal& who, int64_t id);
  Result<std::vector<HistoryEntry>> history(const Principal& who, int64_t id);
  Result<Warning> issue(const Principal& who, const WarningInput& in);
  Result<Warning> act(const Principal& who, int64_t id, const ActionInput& in);
  Result<Stats> stats(const Principal& who, std::optional<int64_t> unit_id);
  Result<std::vector<Proposal>> proposals(const Principal& who);

  // Escalates every unsigned or unhandled warning past its deadline; returns how many moved.
  Result<int64_t> escalate_overdue(const std::string& today);

  Result<Settings> settings();
  Result<Settings> set_settings(const Principal& who, const boost::json::object& o);
  Result<std::string> notice_template(const Principal& who, int64_t unit_id, const std::string& kind);
  Result<std::string> set_notice_template(const Principal& who, int64_t unit_id, const std::string& kind,
                                          const std::string& body);

  // 廉政风险预警处置记录单 (附件四) as XLSX or PDF; a notice as PDF.
  Result<std::string> record(const Principal& who, int64_t id, bool pdf);
  Result<std::string> notice(const Principal& who, int64_t id, const std::string& kind);

 private:
  db::Database& db_;
  audit::Totals totals_;
};

// Issues a warning inside the caller's transaction (the monitoring engine's findings, red flags): routed like any
// other, issued by the system. Returns its id.
Result<int64_t> issue_in(db::Connection& c, const Principal& who, const WarningInput& in);

// The default text of a notice kind, with {{subject}}, {{situation}}, {{risks}}, {{consequences}}, {{measures}},
// {{deadline}}, {{issuer}} and {{date}} filled in when the notice is made.
const std::string& default_notice(const std::string& kind);

}  // namespace lf::warnings
