#include "modules/demo/demo_warnings.h"

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "base/clock.h"
#include "modules/calendar/calendar.h"
#include "modules/warnings/recipients.h"
#include "modules/warnings/rules.h"
#include "modules/warnings/service.h"
#include "modules/warnings/store.h"

namespace lf::demo {

namespace {

struct Spec {
  const char* post;       // the subject: the first holder of this post (a person), or the post itself
  bool about_post;
  const char* source;
  const char* source_ref;
  const char* level;
  const char* situation;
  const char* measures;   // required measures (for notices)
  const char* state;      // issued | signed | handling | rectifying | verified | closed | cancelled | escalated
  int days_ago;           // when it was issued
  bool on_risk = false;   // names the post's first risk point (and so its power)
};

const std::vector<Spec>& specs() {
  static const std::vector<Spec> s = {
      {"zy.zccg.cg", false, "rule", "WZCG-SOD-ACCEPT", "warning",
       "同一采购事项的申请、询价和验收由同一人完成（电子监察：不相容职务未分离）", "即日起采购申请与验收分设经办人", "handling", 6, true},
      {"zy.zccg.zb", false, "rule", "WZCG-SPLIT", "alarm",
       "30 日内向同一供应商分 4 次采购办公设备，单笔均低于 5 万元、合计 18.6 万元（疑似化整为零规避招标）",
       "说明分次采购理由，补办集中采购审批", "signed", 3},
      {"zy.cwc.sf", false, "complaint", "信访〔2026〕17号", "reminder",
       "学生反映收费窗口对少数学生减免学费未经公示", "", "issued", 1},
      {"zy.cwc.cn", false, "inspection", "专项检查", "reminder",
       "库存现金盘点发现白条抵库 2 张，合计 3,200 元", "一周内收回白条并建立日清月结台账", "closed", 40, true},
      {"zy.zccg.zc", false, "audit", "经责审计", "warning",
       "固定资产账实不符，12 台电脑未办理报废即处置", "清查资产台账，补办处置手续", "rectifying", 15, true},
      {"zy.cwc.kj", false, "manual", "", "reminder",
       "报销审核中对超标准接待费用未予退回", "", "verified", 25},
      {"zy.zccg.fcz", false, "opinion", "网络舆情", "reminder",
       "网帖反映物资采购中指定品牌，经核实系采购需求表述不当", "", "cancelled", 20},
      {"zy.cwc.ys", false, "manual", "", "reminder",
       "年度预算调整未按规定提交院长办公会研究", "", "escalated", 12},
      {"sp.tzjs.spy", false, "rule", "SP-TIME", "warning",
       "投资项目备案件超过承诺时限 3 个工作日仍未办结（电子监察：超时红牌）", "当日办结并说明超时原因", "escalated", 9, true},
      {"sp.spk.kz", true, "case", "案件〔2026〕3号", "warning",
       "审批科在办理许可事项中存在“体外循环”线索，已移送案件审理", "全面自查近一年许可件办理情况", "handling", 30},
  };
  return s;
}

}  // namespace

Result<int64_t> seed_warnings(db::Connection& c, const DemoIds& ids) {
  LF_TRY(db::Rows u, c.query("SELECT id, username, display_name FROM users WHERE username = 'jiwei'"));
  auth::Principal office;
  if (!u.empty()) {
    office.id = u.integer(0, 0);
    office.username = u.text(0, 1);
    office.display_name = u.text(0, 2);
  }
  office.scope = auth::Scope::everything();
  LF_TRY(auto cal, calendar::load(c));
  const std::string today = today_utc();
  int64_t n = 0;
  for (const auto& s : specs()) {
    auto post = ids.posts.find(s.post);
    if (post == ids.posts.end()) return internal_error(std::string("demo warnings: no post ") + s.post);
    warnings::WarningInput in;
    in.level = s.level;
    in.source = s.source;
    in.source_ref = s.source_ref;
    in.situation = s.situation;
    in.required_measures = s.measures;
    if (s.about_post) {
      in.subject_kind = "post";
      in.subject_id = post->second.first;
    } else {
      LF_TRY(db::Rows h, c.query("SELECT person_id FROM assignments WHERE post_id = ? AND end_date IS NULL ORDER BY "
                                 "start_date, id LIMIT 1",
                                 {post->second.first}));
      if (h.empty()) return internal_error(std::string("demo warnings: nobody holds ") + s.post);
      in.subject_kind = "person";
      in.subject_id = h.integer(0, 0);
    }
    LF_TRY(db::Rows risk, c.query("SELECT id FROM risks WHERE post_id = ? ORDER BY id LIMIT 1", {post->second.first}));
    // Few name a risk point: three warnings on one power in a year would already propose re-rating it.
    if (!risk.empty() && s.on_risk) in.risk_ids = {risk.integer(0, 0)};
    if (std::string(s.source) == "rule")
      in.evidence = boost::json::array{boost::json::object{{"source", "demo"}, {"rule", s.source_ref}, {"case", std::string("2026-") + s.source_ref},
                                                           {"time", add_days(today, -s.days_ago) + "T02:15:00Z"}}};
    // Rule hits are issued by the system, the rest by the discipline office.
    auth::Principal system;
    system.username = "system";
    system.display_name = "系统";
    system.scope = auth::Scope::everything();
    LF_TRY(int64_t id, warnings::issue_in(c, std::string(s.source) == "rule" ? system : office, in));
    ++n;
    // Date it back, then walk it to its state as the people involved would have.
    LF_TRY(auto found, warnings::store::find(c, id, today));
    warnings::Warning w = *found;
    const std::string issued_on = add_days(today, -s.days_ago);
    w.issued_at = issued_on + "T01:30:00Z";
    w.deadline = calendar::add_working_days(cal, issued_on, warnings::sign_days(w.level));
    LF_TRY(db::Rows hist, c.query("UPDATE warning_history SET at = ? WHERE warning_id = ?", {w.issued_at, id}));
    LF_TRY(db::Rows back, c.query("UPDATE warnings SET issued_at = ? WHERE id = ?", {w.issued_at, id}));
    const std::string state = s.state;
    auth::Principal actor;
    actor.display_name = w.recipient_label.substr(0, w.recipient_label.find("（"));
    auto step = [&](const char* action, const std::string& from, const std::string& comment) -> Status {
      return warnings::store::add_history(c, id, actor, action, from, w.status, w.level, comment);
    };
    const std::string handled = calendar::add_working_days(cal, issued_on, 1);
    if (state == "escalated") {
      // Nobody signed before the deadline: one level and one recipient up.
      const std::string missed = w.deadline;
      w.level = warnings::raised(w.level);
      LF_TRY(auto to, warnings::resolve(c, std::min(w.recipient_tier + 1, warnings::kTopTier), w.unit_id, w.department_id));
      w.recipient_tier = to.tier;
      w.recipient_role = to.role;
      w.recipient_unit_id = to.unit_id;
      w.recipient_department_id = to.department_id;
      w.recipient_label = to.label;
      w.escalations = 1;
      const std::string on = add_days(missed, 1);
      w.deadline = calendar::add_working_days(cal, on, warnings::sign_days(w.level));
      auth::Principal sys;
      sys.display_name = "系统";
      LF_CHECK(warnings::store::add_history(c, id, sys, "escalate", "issued", "issued", w.level,
                                            "超过办理期限 " + missed + " 未签收，升级并转 " + to.label));
    }
    if (state != "issued" && state != "escalated" && state != "cancelled") {
      w.status = "signed";
      LF_CHECK(step("sign", "issued", ""));
      w.deadline = calendar::add_working_days(cal, handled, warnings::kHandleDays);
    }
    if (state == "handling" || state == "rectifying" || state == "verified" || state == "closed") {
      w.status = "handling";
      const bool talk = state != "handling" || std::string(s.level) != "alarm";
      w.measures_taken = talk ? std::vector<std::string>{"提醒", "廉政谈话"} : std::vector<std::string>{"督导", "纠错"};
      w.handler_name = actor.display_name;
      w.handler_title = "纪检监察员";
      w.handled_at = handled;
      w.commitment_due = calendar::add_working_days(cal, handled, warnings::kCommitDays);
      w.deadline = *w.commitment_due;
      LF_CHECK(step("handle", "signed", "已约谈本人，指出问题"));
    }
    if (state == "rectifying" || state == "verified" || state == "closed") {
      w.status = "rectifying";
      w.commitment = "认识到问题的严重性，承诺立即整改：逐项清理、建立台账、每月自查并向部门负责人报告";
      w.deadline = calendar::add_working_days(cal, *w.commitment_due, warnings::kVerifyDays);
      LF_CHECK(step("commit", "handling", ""));
    }
    if (state == "verified" || state == "closed") {
      w.status = "verified";
      w.verification = "经复查，整改到位";
      LF_CHECK(step("verify", "rectifying", w.verification));
    }
    if (state == "closed") {
      w.status = "closed";
      w.closed_at = add_days(today, -s.days_ago + 20) + "T08:00:00Z";
      LF_CHECK(step("close", "verified", ""));
    }
    if (state == "cancelled") {
      w.status = "cancelled";
      w.cancel_reason = "经核实，系采购需求表述不当，不属于廉政风险情形";
      w.closed_at = add_days(today, -s.days_ago + 3) + "T08:00:00Z";
      LF_CHECK(step("cancel", "issued", w.cancel_reason));
    }
    LF_CHECK(warnings::store::update(c, w));
  }
  return n;
}

}  // namespace lf::demo
