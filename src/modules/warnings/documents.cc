// The documents of a warning: 廉政风险预警处置记录单 (seed 004 附件四) as XLSX and PDF with its exact fields, and the
// notices — 风险提示书, 腐败风险防控通知书 (level 1), 腐败风险处置通知书 (level 2) — from editable templates.
#include <algorithm>
#include <boost/json.hpp>

#include "base/clock.h"
#include "base/text.h"
#include "formats/pdf.h"
#include "formats/xlsx.h"
#include "modules/audit/audit.h"
#include "modules/auth/scope_sql.h"
#include "modules/warnings/service.h"
#include "modules/warnings/warning_util.h"

namespace lf::warnings {

using db::Connection;

namespace {

std::string chinese_date(const std::string& ymd) {
  if (ymd.size() < 10) return ymd;
  return ymd.substr(0, 4) + "年" + ymd.substr(5, 2) + "月" + ymd.substr(8, 2) + "日";
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "、") + s;
  return out;
}

const char* notice_title(const std::string& kind) {
  return kind == "prompt" ? "风险提示书" : kind == "prevention" ? "腐败风险防控通知书" : "腐败风险处置通知书";
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

Status may_edit_templates(Connection& c, const Principal& who, int64_t unit_id) {
  if (!who.has_role("admin") && !who.has_role("supervisor")) return make_error("auth.forbidden", "", 403);
  LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, unit_id));
  if (!mine) return make_error("auth.out_of_scope", "unit_id", 403);
  return ok();
}

Result<std::string> template_of(Connection& c, int64_t unit_id, const std::string& kind) {
  LF_TRY(db::Rows r, c.query("SELECT body FROM notice_templates WHERE unit_id = ? AND kind = ?", {unit_id, kind}));
  return r.empty() ? default_notice(kind) : r.text(0, 0);
}

}  // namespace

const std::string& default_notice(const std::string& kind) {
  static const std::string prompt =
      "{{subject}}：\n经了解，你在履行职责中存在以下廉政风险情形：{{situation}}。涉及的廉政风险点：{{risks}}。"
      "如不及时纠正，可能导致：{{consequences}}。请对照以下要求认真自查自纠：{{measures}}，并于{{deadline}}前"
      "将整改情况书面报告{{issuer}}。";
  static const std::string prevention =
      "{{subject}}：\n根据廉政风险防控工作有关规定，现就你（单位）存在的廉政风险发出一级预警。风险情形：{{situation}}；"
      "风险点：{{risks}}；可能后果：{{consequences}}。请采取以下防控措施：{{measures}}，并于{{deadline}}前书面回复"
      "整改落实情况。";
  static const std::string disposal =
      "{{subject}}：\n经核查，你（单位）存在的廉政风险已达二级预警，情形如下：{{situation}}。涉及风险点：{{risks}}；"
      "可能后果：{{consequences}}。现责令你（单位）限期整改：{{measures}}。请于{{deadline}}前将整改报告和相关材料报送"
      "{{issuer}}，逾期未整改或整改不到位的，将按有关规定追究责任。";
  return kind == "prompt" ? prompt : kind == "prevention" ? prevention : disposal;
}

Result<std::string> WarningService::record(const Principal& who, int64_t id, bool pdf) {
  LF_TRY(Warning w, get(who, id));
  formats::FormSheet s;
  s.name = "预警处置记录单";
  s.title = "廉政风险预警处置记录单";
  s.header = {{"部门（盖章）", w.department_name}, {"填表人", w.handler_name}};
  s.columns = {"项目", "内容", "项目", "内容"};
  s.widths = {18, 40, 12, 24};
  std::string measures = joined(w.measures_taken);
  if (!w.note.empty()) measures += (measures.empty() ? "" : "：") + w.note;
  std::string remarks = w.verification;
  if (w.status == "cancelled") remarks = "已摘牌：" + w.cancel_reason;
  else if (w.status == "closed") remarks = "已办结" + std::string(w.verification.empty() ? "" : "：" + w.verification);
  s.rows = {{"预警对象姓名", w.subject_name, "职务", w.subject_title},
            {"发生廉政风险情形", w.situation, "", ""},
            {"采取的预警措施", measures, "", ""},
            {"预警对象承诺整改情况", w.commitment, "", ""},
            {"预警处置实施人姓名", w.handler_name, "职务", w.handler_title},
            {"预警处置实施时间", w.handled_at ? chinese_date(*w.handled_at) : "", "", ""},
            {"备注", remarks, "", ""}};
  if (pdf) return formats::write_pdf({s});
  return formats::write_xlsx({s});
}

Result<std::string> WarningService::notice(const Principal& who, int64_t id, const std::string& kind) {
  if (std::find(notice_kinds().begin(), notice_kinds().end(), kind) == notice_kinds().end())
    return make_error("warning.notice_kind_invalid", "kind");
  LF_TRY(Warning w, get(who, id));
  LF_TRY(std::string body, db::read<std::string>(db_, [&](Connection& c) { return template_of(c, w.unit_id, kind); }));
  std::vector<std::string> risk_names, consequences;
  for (const auto& r : w.risks) risk_names.push_back(r.description);
  LF_CHECK(db_.with([&](Connection& c) -> Status {
    for (const auto& r : w.risks) {
      LF_TRY(db::Rows m, c.query("SELECT manifestation FROM risks WHERE id = ?", {r.id}));
      if (!m.empty() && !m.text(0, 0).empty()) consequences.push_back(m.text(0, 0));
    }
    return ok();
  }));
  replace_all(body, "{{subject}}", w.subject_name);
  replace_all(body, "{{situation}}", w.situation);
  replace_all(body, "{{risks}}", risk_names.empty() ? "（未指定）" : joined(risk_names));
  replace_all(body, "{{consequences}}", consequences.empty() ? "违反廉洁纪律、造成不良影响" : joined(consequences));
  replace_all(body, "{{measures}}", w.required_measures.empty() ? "立即纠正，堵塞漏洞，完善制度" : w.required_measures);
  replace_all(body, "{{deadline}}", chinese_date(w.deadline));
  replace_all(body, "{{issuer}}", w.issued_by_name);
  replace_all(body, "{{date}}", chinese_date(today_utc()));
  formats::FormSheet s;
  s.name = notice_title(kind);
  s.title = notice_title(kind);
  s.header = {{"编号", "预警〔" + w.issued_at.substr(0, 4) + "〕" + std::to_string(w.id) + "号"},
              {"日期", chinese_date(today_utc())}};
  s.columns = {"项目", "内容"};
  s.widths = {16, 80};
  s.rows = {{"致", w.subject_name + (w.subject_title.empty() ? "" : "（" + w.subject_title + "）")},
            {"廉政风险点", risk_names.empty() ? "（未指定）" : joined(risk_names)},
            {"可能后果", consequences.empty() ? "违反廉洁纪律、造成不良影响" : joined(consequences)},
            {"整改要求", w.required_measures.empty() ? "立即纠正，堵塞漏洞，完善制度" : w.required_measures},
            {"回复期限", chinese_date(w.deadline)},
            {"通知内容", body}};
  s.footer = {{"发文单位", w.issued_by_name}, {"签收人", ""}};
  return formats::write_pdf({s});
}

Result<std::string> WarningService::notice_template(const Principal& who, int64_t unit_id, const std::string& kind) {
  (void)who;
  if (std::find(notice_kinds().begin(), notice_kinds().end(), kind) == notice_kinds().end())
    return make_error("warning.notice_kind_invalid", "kind");
  return db::read<std::string>(db_, [&](Connection& c) { return template_of(c, unit_id, kind); });
}

Result<std::string> WarningService::set_notice_template(const Principal& who, int64_t unit_id, const std::string& kind,
                                                        const std::string& body_in) {
  if (std::find(notice_kinds().begin(), notice_kinds().end(), kind) == notice_kinds().end())
    return make_error("warning.notice_kind_invalid", "kind");
  const std::string body = trim(body_in);
  if (body.empty() || utf8_length(body) > 8000 || !is_valid_utf8(body)) return make_error("warning.template_invalid", "body");
  return db::write<std::string>(db_, [&](Connection& c) -> Result<std::string> {
    LF_CHECK(may_edit_templates(c, who, unit_id));
    LF_TRY(db::Rows r, c.query("INSERT INTO notice_templates(unit_id, kind, body) VALUES (?, ?, ?) ON CONFLICT (unit_id, kind) "
                               "DO UPDATE SET body = excluded.body",
                               {unit_id, kind, body}));
    audit::Entry e{who.id, who.username, "update", "notice_template", std::to_string(unit_id) + "/" + kind};
    e.after_json = boost::json::serialize(boost::json::object{{"body", body}});
    LF_CHECK(audit::append(c, e));
    return body;
  });
}

}  // namespace lf::warnings
