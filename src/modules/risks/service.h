// The risk register's rules: who may file and edit, grading by the unit's model, the grading workflow with its
// history, yearly cycles, register checks and the standard forms. One transaction and audit row per write.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/audit/totals.h"
#include "modules/auth/principal.h"
#include "modules/common/import_report.h"
#include "modules/risks/grading.h"
#include "modules/risks/model.h"

namespace lf::risks {

using auth::Principal;

struct RiskInput {
  std::optional<int64_t> unit_id, department_id, post_id;
  std::optional<std::optional<int64_t>> power_id;
  std::optional<std::string> step_element, category, risk_class, duty, description, manifestation, causes,
      finding_method, measures_text, note, level, override_reason;
  std::optional<boost::json::object> grading_inputs;
  std::optional<int32_t> year;
};

struct TransitionInput {
  std::string action;  // submit | approve | return | object | reopen
  std::string comment;
  std::optional<std::string> level;            // at 纪委界定: the level the office defines
  std::optional<std::string> publicity_until;  // at 班子审定: end of the publicity period (default: 5 days on)
  std::optional<boost::json::object> appraisal;  // at 群众评议: votes or a result
};

struct Finding {
  std::string code;      // posts_without_risk, key_post_without_high, rank_only_grading, risk_without_measure,
                         // measure_vague, task_overdue, rating_expired, stage_overdue
  std::string severity;  // warning | notice
  std::string entity;    // post | department | risk
  int64_t entity_id = 0;
  std::string message, message_en;
};

// The standard forms: 附件二 部门工作廉政风险排查表 (one sheet per department), 附件三 个人岗位廉政风险排查表 (one sheet
// per post), and the 廉政风险点排查及防控措施一览表 (one sheet for the whole selection).
// 职权运行和廉政风险防控措施表 (seed 003): the risks on powers, step by step, with their measures and posts.
enum class RiskForm { department, personal, register_table, power_measures };

struct FormFilter {
  std::optional<int64_t> unit_id, department_id, post_id;
  std::optional<int32_t> year;
  std::string level, stage;
};

class RiskService {
 public:
  explicit RiskService(db::Database& db) : db_(db) {}

  Result<Page<Risk>> list(const Principal& who, const RiskFilter& f, int64_t offset, int64_t limit);
  Result<Risk> get(const Principal& who, int64_t id);
  Result<std::vector<HistoryEntry>> history(const Principal& who, int64_t id);
  Result<Risk> create(const Principal& who, const RiskInput& in);
  Result<Risk> update(const Principal& who, int64_t id, const RiskInput& in);
  Result<Risk> transition(const Principal& who, int64_t id, const TransitionInput& in);
  // The same action on many risks: all move, or none does and every refusal is reported.
  Result<std::vector<Risk>> transition_many(const Principal& who, const std::vector<int64_t>& ids,
                                            const TransitionInput& in);

  Result<GradingModel> grading_model(const Principal& who, int64_t unit_id);
  Result<GradingModel> set_grading_model(const Principal& who, int64_t unit_id, const boost::json::object& model);
  Result<std::vector<std::pair<std::string, std::string>>> categories(const Principal& who, int64_t unit_id);

  Result<std::vector<Cycle>> cycles(const Principal& who, std::optional<int64_t> unit_id);
  // Freezes the cycle's register and opens the next year with its risks copied as drafts for review.
  Result<Cycle> close_cycle(const Principal& who, int64_t cycle_id);

  // The form as XLSX, or as PDF for the register table.
  Result<std::string> export_form(const Principal& who, RiskForm form, const FormFilter& f, bool pdf);
  // Imports 附件二 or 附件三 into the unit's register for `year`: all rows, or nothing and every error.
  Result<list::ImportOutcome> import_form(const Principal& who, RiskForm form, int64_t unit_id, int32_t year,
                                          const std::string& xlsx);

  Result<std::vector<Finding>> quality(const Principal& who, std::optional<int64_t> unit_id);
  // Reopens filed risks whose rating has expired (at 纪委界定, reason recorded). Returns how many.
  Result<int64_t> reopen_expired();

 private:
  db::Database& db_;
  audit::Totals totals_;
};

// Sends a filed risk back to 纪委界定 for re-rating with `reason` in its history (inside the caller's transaction).
Status reopen(db::Connection& c, int64_t id, const Principal& who, const std::string& reason);
// Reopens the filed risks of a post whose duties changed (called by the org module inside its transaction).
Status reopen_for_post(db::Connection& c, int64_t post_id, const Principal& who);

}  // namespace lf::risks
