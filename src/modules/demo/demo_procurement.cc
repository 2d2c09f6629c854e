#include "modules/demo/demo_procurement.h"

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "base/clock.h"
#include "formats/ocds.h"
#include "modules/procurement/scan.h"

namespace lf::demo {

namespace json = boost::json;

namespace {

struct Firm {
  const char* id;
  const char* name;
  const char* phone;
  const char* address;
};

// 统一社会信用代码-like ids; 闽科 and 鼎盛 share a telephone and an address (a pair that bids together).
const std::vector<Firm>& firms() {
  static const std::vector<Firm> f = {
      {"91350100MA001", "福州华信办公设备有限公司", "0591-87650001", "福州市鼓楼区五四路 88 号"},
      {"91350100MA002", "福建闽科实验设备有限公司", "0591-83330022", "福州市仓山区金山大道 16 号 3 层"},
      {"91350100MA003", "福州鼎盛科教仪器有限公司", "0591-83330022", "福州市仓山区金山大道16号三层"},
      {"91350100MA004", "福州恒通家具厂", "0591-22881234", "福州市晋安区福新路 200 号"},
      {"91350100MA005", "厦门海川信息技术有限公司", "0592-5551234", "厦门市思明区软件园二期 9 号"},
  };
  return f;
}

struct Tender {
  const char* ocid;
  const char* title;
  const char* method;  // open | limited | selective
  double ceiling;
  int published_days_ago;
  std::vector<std::pair<int, double>> bids;  // firm index, amount
  int winner;                                 // firm index
};

const std::vector<Tender>& tenders() {
  static const std::vector<Tender> t = {
      {"ocds-zyxy-2026-001", "学生公寓家具采购", "open", 1800000, 150, {{3, 1620000}, {0, 1688000}, {4, 1710000}}, 3},
      {"ocds-zyxy-2026-002", "实训室设备采购", "open", 2600000, 120, {{1, 2480000}, {2, 2486000}, {0, 2530000}}, 1},
      {"ocds-zyxy-2026-003", "多媒体教室改造", "open", 980000, 100, {{0, 930000}, {4, 955000}}, 0},
      {"ocds-zyxy-2026-004", "办公电脑采购（一）", "limited", 420000, 60, {{0, 398000}}, 0},
      {"ocds-zyxy-2026-005", "办公电脑采购（二）", "limited", 380000, 52, {{0, 366000}}, 0},
      {"ocds-zyxy-2026-006", "办公电脑采购（三）", "limited", 400000, 45, {{0, 389000}}, 0},
      {"ocds-zyxy-2026-007", "图书馆阅览桌椅", "open", 650000, 30, {{3, 598000}, {0, 612000}, {1, 612000}}, 0},
      {"ocds-zyxy-2026-008", "校园网络设备", "open", 1500000, 20, {{4, 1380000}, {2, 1450000}, {1, 1452000}}, 4},
      {"ocds-zyxy-2026-009", "打印耗材年度采购", "limited", 300000, 12, {{0, 288000}}, 0},
  };
  return t;
}

std::string release(const Tender& t, const std::string& today) {
  const std::string published = add_days(today, -t.published_days_ago);
  const std::string start = published + "T09:00:00+08:00";
  const std::string end = add_days(published, t.method == std::string("open") ? 20 : 5) + "T09:00:00+08:00";
  const std::string awarded = add_days(published, t.method == std::string("open") ? 25 : 8) + "T10:00:00+08:00";
  json::array tenderers, details, parties{json::object{{"id", "12350000MB0000001X"}, {"name", "某市职业技术学院"},
                                                      {"roles", json::array{"buyer", "procuringEntity"}}}};
  for (const auto& [firm, amount] : t.bids) {
    const Firm& f = firms()[size_t(firm)];
    const json::object ref{{"id", f.id}, {"name", f.name}};
    tenderers.push_back(ref);
    details.push_back(json::object{{"status", "valid"}, {"value", json::object{{"amount", amount}, {"currency", "CNY"}}},
                                   {"date", add_days(published, 3) + "T15:00:00+08:00"}, {"tenderers", json::array{ref}}});
    parties.push_back(json::object{{"id", f.id}, {"name", f.name}, {"roles", json::array{"tenderer"}},
                                   {"address", json::object{{"streetAddress", f.address}, {"locality", "福州市"}}},
                                   {"contactPoint", json::object{{"telephone", f.phone}}}});
  }
  double won = 0;
  for (const auto& [firm, amount] : t.bids)
    if (firm == t.winner) won = amount;
  const Firm& w = firms()[size_t(t.winner)];
  json::object r{
      {"ocid", t.ocid},
      {"date", awarded},
      {"buyer", json::object{{"id", "12350000MB0000001X"}, {"name", "某市职业技术学院"}}},
      {"tender", json::object{{"title", t.title}, {"status", "complete"}, {"procurementMethod", t.method},
                              {"procurementMethodDetails", t.method == std::string("open") ? "公开招标" : "询价"},
                              {"value", json::object{{"amount", t.ceiling}, {"currency", "CNY"}}},
                              {"datePublished", published + "T09:00:00+08:00"},
                              {"tenderPeriod", json::object{{"startDate", start}, {"endDate", end}}},
                              {"numberOfTenderers", int64_t(t.bids.size())},
                              {"procuringEntity", json::object{{"id", "12350000MB0000001X"}, {"name", "某市职业技术学院"}}},
                              {"tenderers", tenderers}}},
      {"bids", json::object{{"details", details}}},
      {"awards", json::array{json::object{{"id", std::string(t.ocid) + "-a1"}, {"status", "active"},
                                          {"date", awarded},
                                          {"value", json::object{{"amount", won}, {"currency", "CNY"}}},
                                          {"suppliers", json::array{json::object{{"id", w.id}, {"name", w.name}}}}}}},
      {"parties", parties}};
  return json::serialize(r);
}

}  // namespace

Result<int64_t> seed_procurement(db::Connection& c, const DemoIds& ids) {
  auto dept = ids.departments.find("zy.zccg");
  if (dept == ids.departments.end()) return internal_error("demo procurement: no 资产与采购管理处");
  const int64_t unit_id = dept->second.second;
  // The college's tender threshold (采购限额标准) is 1,000,000 yuan; a supplier winning 5 of its purchases is 标王.
  const std::string ini =
      "[R003]\n[R018]\n[R024]\n[R028]\n[R036]\n[SHARED-CONTACT]\n[IDENTICAL-BID]\n[PATTERN-BID]\n"
      "[REPEAT-AWARD]\nminimum_awards = 5\n[SPLIT]\nthreshold = 1000000\n[CONTRACT-CHANGE]\n";
  LF_TRY(db::Rows s, c.query("INSERT INTO procurement_settings(unit_id, ini, department_id) VALUES (?, ?, ?)",
                             {unit_id, ini, dept->second.first}));
  const std::string today = today_utc();
  formats::OcdsReader reader;
  int64_t n = 0;
  for (const auto& t : tenders()) {
    const std::string text = release(t, today);
    engine::redflags::ProcessFacts facts;
    if (reader.read(text, facts) != formats::LineKind::Release) return internal_error("demo procurement: bad release");
    LF_CHECK(procurement::detail::store_process(c, unit_id, text, facts));
    ++n;
  }
  LF_TRY(auto outcome, procurement::detail::rescan(c, unit_id));
  (void)outcome;
  return n;
}

}  // namespace lf::demo
