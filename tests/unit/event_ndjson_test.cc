// Business events from NDJSON (every field, errors naming the line and the field, block-wise streams) and from
// XES / CSV logs through the same event shape.
#include <gtest/gtest.h>

#include <sstream>

#include "formats/event_csv.h"
#include "formats/event_logs.h"
#include "formats/event_ndjson.h"
#include "formats/xes.h"

namespace lf::formats {
namespace {

using engine::BusinessEvent;

TEST(EventNdjson, ReadsEveryField) {
  auto events = parse_event_ndjson(
      "{\"source\":\"oa\",\"case_id\":\"CG-1\",\"activity\":\"合同签订\",\"time\":\"2025-03-04T10:00:00+08:00\","
      "\"actor\":\"\\u5f20\\u4e09\",\"role\":\"处长\",\"unit\":\"资产处\",\"power\":\"ZY-012\",\"amount\":180000.5,"
      "\"currency\":\"CNY\",\"counterparty\":\"某某公司\",\"attrs\":{\"post\":\"处长\",\"n\":3,\"ok\":true,\"x\":null,"
      "\"r\":2.5},\"extra\":[1,2]}\r\n"
      "\n   \n"
      "{\"case_id\":\"CG-1\",\"activity\":\"付款\",\"time\":\"2025-03-05T01:00:00Z\",\"amount\":\"99.5\",\"actor\":null}");
  ASSERT_TRUE(events.ok()) << events.error().message;
  ASSERT_EQ(events->size(), 2u);
  const BusinessEvent& a = (*events)[0];
  EXPECT_EQ(a.source, "oa");
  EXPECT_EQ(a.case_id, "CG-1");
  EXPECT_EQ(a.activity, "合同签订");
  EXPECT_EQ(a.time, "2025-03-04T10:00:00+08:00");
  EXPECT_EQ(a.time_ms, 1741053600000);  // 02:00 UTC
  EXPECT_EQ(a.actor, "张三");
  EXPECT_EQ(a.role, "处长");
  EXPECT_EQ(a.unit, "资产处");
  EXPECT_EQ(a.power, "ZY-012");
  EXPECT_EQ(a.amount, 180000.5);
  EXPECT_EQ(a.currency, "CNY");
  EXPECT_EQ(a.counterparty, "某某公司");
  EXPECT_EQ(a.attrs, (std::map<std::string, std::string>{{"post", "处长"}, {"n", "3"}, {"ok", "true"}, {"r", "2.5"}}));
  const BusinessEvent& b = (*events)[1];
  EXPECT_EQ(b.amount, 99.5);
  EXPECT_EQ(b.actor, "");
  EXPECT_EQ(b.source, "");
  EXPECT_EQ(b.time_ms - a.time_ms, 23 * 3600 * 1000);
}

struct Bad {
  const char* text;
  const char* code;
  const char* field;
  int line;
};

TEST(EventNdjson, BadLineNamesLineAndField) {
  const std::string ok = "{\"case_id\":\"1\",\"activity\":\"a\",\"time\":\"2025-01-01T00:00:00Z\"}\n";
  const Bad cases[] = {
      {"{\"case_id\":\"1\",\"activity\":\"a\",\"time\":\"2025-01-01T00:00:00Z\"", "event.not_json", "", 3},
      {"[1,2]", "event.not_json", "", 3},
      {"{\"case_id\":\"1\"} trailing", "event.not_json", "", 3},
      {"{\"activity\":\"a\",\"time\":\"2025-01-01T00:00:00Z\"}", "event.field_missing", "case_id", 3},
      {"{\"case_id\":\"1\",\"activity\":\"\",\"time\":\"2025-01-01T00:00:00Z\"}", "event.field_missing", "activity", 3},
      {"{\"case_id\":\"1\",\"activity\":\"a\"}", "event.field_missing", "time", 3},
      {"{\"case_id\":2,\"activity\":\"a\",\"time\":\"2025-01-01T00:00:00Z\"}", "event.field_type", "case_id", 3},
      {"{\"case_id\":\"1\",\"activity\":\"a\",\"time\":\"2025-01-01T00:00:00Z\",\"amount\":true}", "event.field_type", "amount", 3},
      {"{\"case_id\":\"1\",\"activity\":\"a\",\"time\":\"2025-01-01T00:00:00Z\",\"amount\":\"12元\"}", "event.field_type", "amount", 3},
      {"{\"case_id\":\"1\",\"activity\":\"a\",\"time\":\"2025-01-01T00:00:00Z\",\"attrs\":[]}", "event.field_type", "attrs", 3},
      {"{\"case_id\":\"1\",\"activity\":\"a\",\"time\":\"2025-01-01T00:00:00Z\",\"attrs\":{\"k\":{}}}", "event.field_type", "attrs.k", 3},
      {"{\"case_id\":\"1\",\"activity\":\"a\",\"time\":\"2025-13-01T00:00:00Z\"}", "event.bad_time", "time", 3},
  };
  for (const Bad& c : cases) {
    auto r = parse_event_ndjson(ok + "\n" + c.text + "\n" + ok);
    ASSERT_FALSE(r.ok()) << c.text;
    const Error& e = r.error();
    EXPECT_EQ(e.code, c.code) << c.text;
    EXPECT_EQ(e.field, c.field) << c.text;
    EXPECT_EQ(e.detail.substr(0, 6), "line " + std::to_string(c.line)) << c.text;
    EXPECT_NE(e.message.find("第 3 行"), std::string::npos) << e.message;
    EXPECT_NE(e.message_en.find("Line 3"), std::string::npos) << e.message_en;
    if (*c.field != '\0') {
      EXPECT_NE(e.message.find(c.field), std::string::npos) << e.message;
      EXPECT_NE(e.message_en.find(c.field), std::string::npos) << e.message_en;
    }
  }
}

// Blocks of 8 MiB: lines that straddle a block boundary, and a last line without '\n'.
TEST(EventNdjson, StreamsAcrossBlocks) {
  std::string text;
  int n = 0;
  while (text.size() < (size_t{17} << 20)) {
    text += "{\"case_id\":\"C" + std::to_string(n % 1000) + "\",\"activity\":\"申请\",\"time\":\"2025-01-02T08:00:00+08:00\","
            "\"attrs\":{\"pad\":\"" + std::string(static_cast<size_t>(n % 97), 'x') + "\"}}\n";
    ++n;
  }
  text += "{\"case_id\":\"last\",\"activity\":\"付款\",\"time\":\"2025-01-02T08:00:00Z\"}";
  ++n;
  std::istringstream in(text);
  int seen = 0;
  uint64_t last_line = 0;
  std::string last_case;
  auto st = read_event_ndjson(in, [&](const engine::EventView& e, uint64_t line) {
    if (e.case_id != "C" + std::to_string(seen % 1000) && seen + 1 != n) ADD_FAILURE() << "line " << line;
    ++seen;
    last_line = line;
    last_case = e.case_id;
  });
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(seen, n);
  EXPECT_EQ(last_line, static_cast<uint64_t>(n));
  EXPECT_EQ(last_case, "last");

  std::istringstream bad(text.substr(0, text.size() / 2) + "\n{oops}\n");
  auto err = read_event_ndjson(bad, [](const engine::EventView&, uint64_t) {});
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.error().code, "event.not_json");
}

TEST(EventNdjson, XesTracesBecomeEvents) {
  auto log = read_xes(R"(<?xml version="1.0"?>
<log xes.version="1.0">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
  <trace><string key="concept:name" value="CG-7"/><string key="buyer" value="后勤处"/>
    <event><string key="concept:name" value="申请"/><date key="time:timestamp" value="2025-01-02T09:00:00.000+08:00"/>
      <string key="org:resource" value="李四"/><string key="org:role" value="经办人"/><float key="amount" value="1200.5"/>
      <string key="counterparty" value="某公司"/><int key="items" value="3"/></event>
  </trace>
</log>)");
  ASSERT_TRUE(log.ok());
  std::vector<BusinessEvent> out;
  for_each_business_event(*log, [&](const engine::EventView& e, uint64_t) { out.push_back(BusinessEvent::from(e)); });
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].case_id, "CG-7");
  EXPECT_EQ(out[0].activity, "申请");
  EXPECT_EQ(out[0].time, "2025-01-02T09:00:00+08:00");
  EXPECT_EQ(out[0].time_ms, 1735779600000);
  EXPECT_EQ(out[0].actor, "李四");
  EXPECT_EQ(out[0].role, "经办人");
  EXPECT_EQ(out[0].amount, 1200.5);
  EXPECT_EQ(out[0].counterparty, "某公司");
  EXPECT_EQ(out[0].attrs, (std::map<std::string, std::string>{{"case:buyer", "后勤处"}, {"items", "3"}}));
}

TEST(EventNdjson, CsvRowsBecomeEvents) {
  auto log = read_event_csv(
      "case:concept:name;concept:name;time:timestamp;org:resource;amount\n"
      "A;申请;2025-01-02 09:00:00+08:00;王五;50\n");
  ASSERT_TRUE(log.ok());
  std::vector<BusinessEvent> out;
  for_each_business_event(*log, [&](const engine::EventView& e, uint64_t) { out.push_back(BusinessEvent::from(e)); });
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].case_id, "A");
  EXPECT_EQ(out[0].actor, "王五");
  EXPECT_EQ(out[0].amount, 50.0);
  EXPECT_TRUE(out[0].attrs.empty());
}

}  // namespace
}  // namespace lf::formats
