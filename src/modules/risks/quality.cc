// Register checks (体检): what a discipline office looks for before it signs off a register (domain README and
// seed 002: posts without risk points, key posts graded low, levels that follow rank alone, vague measures,
// ratings past validity, work stuck in a stage).
#include <map>
#include <regex>
#include <set>

#include "base/clock.h"
#include "modules/auth/scope_sql.h"
#include "modules/risks/service.h"

namespace lf::risks {
using db::Connection;

namespace {

// A measure says what will be checked, by whom and how often; without any of these words it is the defect
// seed 002 names ("严格按照规章制度办事，不徇私情" with no follow-up check).
bool vague(const std::string& measure) {
  static const std::regex kConcrete(
      "(每月|每季|每年|每半年|每周|定期|每次|季度|年度|月度|检查|抽查|审计|核查|谈话|报告|公示|公开|双人|联签|"
      "集体|会审|轮岗|备案|登记|复核|监督|台账)");
  return !std::regex_search(measure, kConcrete);
}

}  // namespace

Result<std::vector<Finding>> RiskService::quality(const Principal& who, std::optional<int64_t> unit_id) {
  return db::read<std::vector<Finding>>(db_, [&](Connection& c) -> Result<std::vector<Finding>> {
    std::vector<Finding> out;
    db::Params p;
    std::string post_scope = auth::scope_filter(who.scope, "po.unit_id", "po.department_id", p);
    if (unit_id) {
      post_scope += " AND po.unit_id = ?";
      p.emplace_back(*unit_id);
    }
    // Risks of the open cycles, per post.
    LF_TRY(db::Rows posts, c.query(
        "SELECT po.id, po.name, d.name, po.tier, po.key_people + po.key_money + po.key_goods + po.key_approval + "
        "po.key_enforcement, po.department_id, "
        "(SELECT COUNT(*) FROM risks r JOIN risk_cycles cy ON cy.id = r.cycle_id WHERE r.post_id = po.id AND cy.status = 'open'), "
        "(SELECT COUNT(*) FROM risks r JOIN risk_cycles cy ON cy.id = r.cycle_id WHERE r.post_id = po.id AND cy.status = 'open' "
        " AND r.level IN ('high', 'medium')) "
        "FROM posts po JOIN departments d ON d.id = po.department_id WHERE 1 = 1" + post_scope + " ORDER BY po.id", p));
    for (size_t i = 0; i < posts.size(); ++i) {
      const std::string where = posts.text(i, 2) + " / " + posts.text(i, 1);
      if (posts.integer(i, 6) == 0) {
        out.push_back({"posts_without_risk", "warning", "post", posts.integer(i, 0),
                       where + "：岗位尚未排查出任何廉政风险点", where + ": the post has no risk point"});
      } else if (posts.integer(i, 4) > 0 && posts.integer(i, 7) == 0) {
        out.push_back({"key_post_without_high", "warning", "post", posts.integer(i, 0),
                       where + "：关键岗位没有高或中等级的风险点", where + ": a key post without a high or medium risk"});
      }
    }

    // Levels that follow rank alone, per department: every leader/middle post's risks high and every staff
    // post's risks low (seed 002 calls grading by rank alone a defect).
    db::Params rp;
    std::string risk_scope = auth::scope_filter(who.scope, "r.unit_id", "r.department_id", rp);
    if (unit_id) {
      risk_scope += " AND r.unit_id = ?";
      rp.emplace_back(*unit_id);
    }
    LF_TRY(db::Rows graded, c.query(
        "SELECT r.department_id, d.name, po.tier, r.level FROM risks r JOIN risk_cycles cy ON cy.id = r.cycle_id "
        "JOIN posts po ON po.id = r.post_id JOIN departments d ON d.id = r.department_id "
        "WHERE cy.status = 'open' AND r.level <> ''" + risk_scope, rp));
    struct Tally {
      std::string name;
      int ranked_high = 0, ranked_other = 0, staff_low = 0, staff_other = 0;
    };
    std::map<int64_t, Tally> by_dept;
    for (size_t i = 0; i < graded.size(); ++i) {
      Tally& t = by_dept[graded.integer(i, 0)];
      t.name = graded.text(i, 1);
      const bool staff = graded.text(i, 2) == "staff";
      const std::string level = graded.text(i, 3);
      if (staff) (level == "low" ? t.staff_low : t.staff_other)++;
      else (level == "high" ? t.ranked_high : t.ranked_other)++;
    }
    for (const auto& [dept, t] : by_dept) {
      if (t.ranked_high > 0 && t.staff_low > 0 && t.ranked_other == 0 && t.staff_other == 0 &&
          t.ranked_high + t.staff_low >= 3)
        out.push_back({"rank_only_grading", "warning", "department", dept,
                       t.name + "：风险等级与职务层级完全一致（领导均为高、一般人员均为低），疑似按级别定级",
                       t.name + ": levels follow rank alone (every leader high, every staff low)"});
    }

    // Per risk: measures missing, vague or with overdue checks; ratings past validity; stages overdue.
    const std::string today = today_utc();
    struct MeasureLine {
      std::string description;
      bool no_owner, no_frequency, no_check;
      int64_t overdue;
    };
    std::map<int64_t, std::vector<MeasureLine>> measures;
    {
      db::Params mp{today};
      mp.insert(mp.end(), rp.begin(), rp.end());
      LF_TRY(db::Rows m, c.query(
          "SELECT m.risk_id, m.description, m.owner_post_id IS NULL AND m.owner_person_id IS NULL, m.frequency, "
          "m.evidence, (SELECT COUNT(*) FROM measure_tasks t WHERE t.measure_id = m.id AND t.status = 'open' AND "
          "t.due_date < ?) FROM measures m JOIN risks r ON r.id = m.risk_id JOIN risk_cycles cy ON cy.id = r.cycle_id "
          "WHERE cy.status = 'open' AND m.status <> 'lapsed'" + risk_scope + " ORDER BY m.id", mp));
      for (size_t i = 0; i < m.size(); ++i) {
        const std::string text = m.text(i, 1);
        measures[m.integer(i, 0)].push_back({text, m.text(i, 2) == "1" || m.text(i, 2) == "t" || m.text(i, 2) == "true",
                                             m.text(i, 3).empty(), m.text(i, 4).empty() && vague(text),
                                             m.integer(i, 5)});
      }
    }
    LF_TRY(db::Rows risks, c.query(
        "SELECT r.id, r.description, r.measures_text, r.stage, r.stage_due, r.valid_until FROM risks r "
        "JOIN risk_cycles cy ON cy.id = r.cycle_id WHERE cy.status = 'open'" + risk_scope + " ORDER BY r.id", rp));
    for (size_t i = 0; i < risks.size(); ++i) {
      const int64_t id = risks.integer(i, 0);
      const std::string what = "“" + risks.text(i, 1) + "”";
      auto found = measures.find(id);
      if (found == measures.end()) {
        out.push_back({"risk_without_measure", "warning", "risk", id, what + "没有防控措施", what + " has no measure"});
      } else {
        for (const auto& m : found->second) {
          std::string zh, en;
          if (m.no_owner) zh += "责任人", en += "owner, ";
          if (m.no_frequency) zh += std::string(zh.empty() ? "" : "、") + "频次", en += "frequency, ";
          if (m.no_check) zh += std::string(zh.empty() ? "" : "、") + "检查方式", en += "check, ";
          if (!zh.empty())
            out.push_back({"measure_vague", "notice", "risk", id, what + "的措施“" + m.description + "”未写明" + zh,
                           what + ": the measure \"" + m.description + "\" names no " + en.substr(0, en.size() - 2)});
          if (m.overdue > 0)
            out.push_back({"task_overdue", "warning", "risk", id,
                           what + "的措施“" + m.description + "”有 " + std::to_string(m.overdue) + " 项检查任务逾期",
                           what + ": " + std::to_string(m.overdue) + " check task(s) of \"" + m.description + "\" overdue"});
        }
      }
      // A rating past its validity stays a finding until it is redone (filing again sets a new validity), also
      // while the reopened risk waits at 纪委界定.
      if (!risks.is_null(i, 5) && risks.text(i, 5) < today)
        out.push_back({"rating_expired", "warning", "risk", id, what + "的等级评定已过有效期", what + ": the rating has expired"});
      if (risks.text(i, 3) != "filed" && !risks.is_null(i, 4) && risks.text(i, 4) < today)
        out.push_back({"stage_overdue", "notice", "risk", id, what + "在当前环节已超过办理期限",
                       what + " is overdue in its stage"});
    }
    return out;
  });
}

}  // namespace lf::risks
