#include "modules/demo/demo_monitoring.h"

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "base/clock.h"
#include "modules/monitoring/service.h"
#include "modules/monitoring/store.h"

namespace lf::demo {

namespace json = boost::json;

namespace {

// The rules of rules/demo/wuzi-caigou.json as the server keeps them: the flow is the demo power's (ZYXY-001).
const char* kRules = R"JSON({"timezone": "+08:00", "close_after_days": 120, "rules": [
  {"code": "WZCG-FLOW", "kind": "flow", "name": "物资采购流程顺序", "model": "power:ZYXY-001", "power": "wzcg"},
  {"code": "WZCG-PAY-AFTER-ACCEPT", "kind": "precedence", "name": "付款前须经验收和合同签订", "level": "red",
   "activity": "付款", "requires": ["验收", "合同签订"]},
  {"code": "WZCG-SOD-ACCEPT", "kind": "separation", "name": "申请人不得验收（不相容职务分离）", "activities": ["申请", "验收"]},
  {"code": "WZCG-AUTH", "kind": "limit", "name": "合同签订授权审批限额", "level": "red", "activity": "合同签订",
   "by": "role", "limits": {"资产处处长": 200000, "副院长": 500000, "院长": 5000000}},
  {"code": "WZCG-COLLECTIVE", "kind": "collective", "name": "“三重一大”大额采购须经集体决策", "level": "red",
   "activity": "合同签订", "threshold": 500000, "decision": ["党委会集体决策", "院长办公会*"]},
  {"code": "WZCG-SPLIT", "kind": "split", "name": "化整为零规避招标", "activity": "合同签订", "threshold": 200000,
   "window_days": 30, "group_by": "unit"},
  {"code": "WZCG-TIME-REVIEW", "kind": "time", "name": "部门审核时限", "from": "申请", "to": "部门审核", "working_days": 3},
  {"code": "WZCG-TIME-CASE", "kind": "time", "name": "物资采购承诺时限", "to": "付款", "working_days": 30,
   "follow_up_days": 3, "end": "付款"}
]})JSON";

// Which risk point of which post each rule watches (the post's first risk).
const std::vector<std::pair<const char*, const char*>> kWatches = {
    {"WZCG-FLOW", "zy.zccg.cz"},        {"WZCG-PAY-AFTER-ACCEPT", "zy.cwc.cn"}, {"WZCG-SOD-ACCEPT", "zy.zccg.zc"},
    {"WZCG-AUTH", "zy.zccg.cz"},        {"WZCG-COLLECTIVE", "zy.yld.fyz1"},     {"WZCG-SPLIT", "zy.zccg.cg"},
    {"WZCG-TIME-REVIEW", "zy.zccg.cz"}, {"WZCG-TIME-CASE", "zy.zccg.cg"}};

struct Step {
  const char* case_id;
  const char* activity;
  int day;       // days before today
  int hour;      // local time
  const char* actor;  // a post key: its first holder
  const char* role;
  double amount;
  const char* supplier = "";  // the counterparty of a contract
};

// Seven purchases: two clean, one accepted by its own applicant, one paid before acceptance, three contracts
// just under the tender threshold in ten days (together over it), one stalled since its review.
const std::vector<Step>& steps() {
  static const std::vector<Step> s = {
      {"CG-2026-101", "申请", 28, 9, "zy.zccg.cg", "采购专员", 86000},
      {"CG-2026-101", "部门审核", 27, 10, "zy.zccg.cz", "资产处处长", 0},
      {"CG-2026-101", "采购方式确定", 26, 10, "zy.zccg.cz", "资产处处长", 0},
      {"CG-2026-101", "询价", 24, 15, "zy.zccg.zb", "招标管理员", 0},
      {"CG-2026-101", "评审", 24, 17, "zy.zccg.zb", "招标管理员", 0},
      {"CG-2026-101", "合同签订", 20, 10, "zy.zccg.cz", "资产处处长", 86000, "福建闽科实验设备有限公司"},
      {"CG-2026-101", "验收", 12, 9, "zy.zccg.zc", "资产管理员", 0},
      {"CG-2026-101", "付款", 10, 14, "zy.cwc.cn", "出纳", 86000},
      {"CG-2026-102", "申请", 25, 9, "zy.zccg.zc", "资产管理员", 42000},
      {"CG-2026-102", "部门审核", 24, 11, "zy.zccg.cz", "资产处处长", 0},
      {"CG-2026-102", "采购方式确定", 23, 9, "zy.zccg.cz", "资产处处长", 0},
      {"CG-2026-102", "询价", 22, 10, "zy.zccg.zb", "招标管理员", 0},
      {"CG-2026-102", "评审", 22, 13, "zy.zccg.zb", "招标管理员", 0},
      {"CG-2026-102", "合同签订", 19, 10, "zy.zccg.cz", "资产处处长", 42000, "福州恒通家具厂"},
      {"CG-2026-102", "验收", 9, 10, "zy.zccg.zc", "资产管理员", 0},
      {"CG-2026-102", "付款", 8, 15, "zy.cwc.cn", "出纳", 42000},
      {"CG-2026-103", "申请", 18, 9, "zy.zccg.cg", "采购专员", 15600},
      {"CG-2026-103", "部门审核", 18, 16, "zy.zccg.cz", "资产处处长", 0},
      {"CG-2026-103", "付款", 15, 11, "zy.cwc.cn", "出纳", 15600},
      {"CG-2026-104", "申请", 16, 9, "zy.zccg.cg", "采购专员", 68000},
      {"CG-2026-104", "部门审核", 16, 11, "zy.zccg.cz", "资产处处长", 0},
      {"CG-2026-104", "采购方式确定", 15, 9, "zy.zccg.cz", "资产处处长", 0},
      {"CG-2026-104", "询价", 15, 10, "zy.zccg.zb", "招标管理员", 0},
      {"CG-2026-104", "评审", 15, 13, "zy.zccg.zb", "招标管理员", 0},
      {"CG-2026-104", "合同签订", 14, 10, "zy.zccg.cz", "资产处处长", 68000, "福州华信办公设备有限公司"},
      {"CG-2026-105", "申请", 13, 9, "zy.zccg.cg", "采购专员", 71000},
      {"CG-2026-105", "部门审核", 13, 11, "zy.zccg.cz", "资产处处长", 0},
      {"CG-2026-105", "采购方式确定", 12, 9, "zy.zccg.cz", "资产处处长", 0},
      {"CG-2026-105", "询价", 12, 10, "zy.zccg.zb", "招标管理员", 0},
      {"CG-2026-105", "评审", 12, 13, "zy.zccg.zb", "招标管理员", 0},
      {"CG-2026-105", "合同签订", 11, 10, "zy.zccg.cz", "资产处处长", 71000, "福州华信办公设备有限公司"},
      {"CG-2026-106", "申请", 8, 9, "zy.zccg.cg", "采购专员", 79000},
      {"CG-2026-106", "部门审核", 8, 11, "zy.zccg.cz", "资产处处长", 0},
      {"CG-2026-106", "采购方式确定", 7, 9, "zy.zccg.cz", "资产处处长", 0},
      {"CG-2026-106", "询价", 7, 10, "zy.zccg.zb", "招标管理员", 0},
      {"CG-2026-106", "评审", 7, 13, "zy.zccg.zb", "招标管理员", 0},
      {"CG-2026-106", "合同签订", 5, 10, "zy.zccg.cz", "资产处处长", 79000, "福州华信办公设备有限公司"},
      {"CG-2026-107", "申请", 45, 9, "zy.zccg.cg", "采购专员", 23000},
      {"CG-2026-107", "部门审核", 44, 10, "zy.zccg.cz", "资产处处长", 0},
  };
  return s;
}

}  // namespace

Result<MonitoringCounts> seed_monitoring(db::Connection& c, const DemoIds& ids) {
  MonitoringCounts out;
  auto unit = ids.departments.find("zy.zccg");
  if (unit == ids.departments.end()) return internal_error("demo monitoring: no 资产与采购管理处");
  const int64_t unit_id = unit->second.second;
  json::value file = json::parse(kRules);
  std::vector<monitoring::RuleRow> rows;
  for (const auto& r : file.as_object().at("rules").as_array()) {
    monitoring::RuleRow x;
    x.rule = r.as_object();
    x.code = std::string(x.rule.at("code").as_string());
    for (const auto& [code, post] : kWatches) {
      if (x.code != code) continue;
      auto p = ids.posts.find(post);
      if (p == ids.posts.end()) continue;
      LF_TRY(db::Rows k, c.query("SELECT id FROM risks WHERE post_id = ? ORDER BY id LIMIT 1", {p->second.first}));
      if (!k.empty()) x.risk_id = k.integer(0, 0);
    }
    rows.push_back(std::move(x));
  }
  LF_CHECK(monitoring::store::replace_rules(c, unit_id, rows));
  LF_TRY(db::Rows s, c.query("INSERT INTO monitor_settings(unit_id, settings_json) VALUES (?, ?)",
                             {unit_id, std::string(R"({"timezone": "+08:00", "close_after_days": 120})")}));
  out.rules = int64_t(rows.size());

  const std::string today = today_utc();
  int64_t seq = 0;
  for (const auto& st : steps()) {
    auto post = ids.posts.find(st.actor);
    if (post == ids.posts.end()) return internal_error(std::string("demo monitoring: no post ") + st.actor);
    LF_TRY(db::Rows h, c.query("SELECT pe.name FROM assignments a JOIN people pe ON pe.id = a.person_id WHERE "
                               "a.post_id = ? AND a.end_date IS NULL ORDER BY a.start_date, a.id LIMIT 1",
                               {post->second.first}));
    engine::BusinessEvent e;
    e.source = "oa";
    e.case_id = st.case_id;
    e.activity = st.activity;
    char hh[8];
    std::snprintf(hh, sizeof hh, "%02d", st.hour);
    e.time = add_days(today, -st.day) + "T" + hh + ":00:00+08:00";
    e.actor = h.empty() ? post->second.second : h.text(0, 0);
    e.role = st.role;
    e.unit = "资产与采购管理处";
    e.power = "wzcg";
    if (st.amount > 0) {
      e.amount = st.amount;
      e.currency = "CNY";
    }
    e.counterparty = st.supplier;
    LF_CHECK(monitoring::store::insert_event(c, unit_id, seq++, std::nullopt, e, monitoring::event_json(e)));
  }
  out.events = seq;
  return out;
}

}  // namespace lf::demo
