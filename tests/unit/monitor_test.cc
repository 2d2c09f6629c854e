// The monitor beyond the data-driven cases: rule-file errors, patterns, the clock, closing cases, time zones,
// and saved state that does not fit.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/monitor.h"
#include "formats/event_ndjson.h"
#include "formats/monitor_files.h"

namespace lf::engine {
namespace {

std::shared_ptr<const RuleSet> rules(std::string_view json) {
  auto r = parse_rules(json);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return std::make_shared<const RuleSet>(std::move(r).value());
}

// Feeds NDJSON events; returns the findings.
std::vector<Finding> feed(Monitor& m, std::string_view ndjson) {
  std::vector<Finding> out;
  auto events = formats::parse_event_ndjson(ndjson);
  EXPECT_TRUE(events.ok()) << (events.ok() ? "" : events.error().message);
  std::vector<AttrView> scratch;
  for (const auto& e : *events) m.process(e.view(scratch), out);
  return out;
}

int64_t ms(const char* iso) {
  auto e = formats::parse_event_ndjson(std::string("{\"case_id\":\"x\",\"activity\":\"x\",\"time\":\"") + iso + "\"}");
  return (*e)[0].time_ms;
}

TEST(ActivityPattern, ExactAndGlob) {
  EXPECT_TRUE(ActivityPattern("付款").matches("付款"));
  EXPECT_FALSE(ActivityPattern("付款").matches("付款审核"));
  EXPECT_TRUE(ActivityPattern("*审批").matches("处长审批"));
  EXPECT_TRUE(ActivityPattern("*审批").matches("审批"));
  EXPECT_FALSE(ActivityPattern("*审批").matches("审批通过"));
  EXPECT_TRUE(ActivityPattern("Declaration * by *").matches("Declaration FINAL_APPROVED by SUPERVISOR"));
  EXPECT_FALSE(ActivityPattern("Declaration * by *").matches("Declaration SUBMITTED"));
  EXPECT_TRUE(ActivityPattern("*").matches(""));
  EXPECT_TRUE(ActivityPattern("a*b*c").matches("aXbYbZc"));
  EXPECT_FALSE(ActivityPattern("a*b*c").matches("aXcYb"));
}

TEST(RuleFile, ErrorsNameTheRuleAndTheField) {
  struct Bad {
    const char* json;
    const char* code;
    const char* field;
  };
  const Bad cases[] = {
      {"{", "rules.not_json", ""},
      {"{\"rules\": 3}", "rules.no_rules", "rules"},
      {"{\"rules\": [{\"code\": \"R1\", \"kind\": \"magic\", \"name\": \"x\"}]}", "rules.kind_unknown", "kind"},
      {"{\"rules\": [{\"code\": \"R1\", \"kind\": \"precedence\", \"activity\": \"付款\"}]}", "rules.field_invalid", "requires"},
      {"{\"rules\": [{\"kind\": \"precedence\", \"activity\": \"a\", \"requires\": [\"b\"]}]}", "rules.field_invalid", "code"},
      {"{\"rules\": [{\"code\": \"R1\", \"kind\": \"limit\", \"activity\": \"a\", \"limits\": {\"x\": \"many\"}}]}",
       "rules.field_invalid", "limits"},
      {"{\"rules\": [{\"code\": \"R1\", \"kind\": \"time\", \"to\": \"a\", \"working_days\": 0}]}", "rules.field_invalid",
       "working_days"},
      {"{\"rules\": [{\"code\": \"R1\", \"kind\": \"response\", \"activity\": \"a\", \"then\": \"b\"}]}",
       "rules.field_invalid", "within_hours"},
      {"{\"rules\": [{\"code\": \"R1\", \"kind\": \"separation\", \"activities\": [\"a\"]}]}", "rules.field_invalid",
       "activities"},
      {"{\"rules\": [{\"code\": \"R1\", \"kind\": \"collective\", \"activity\": \"a\", \"threshold\": 1, \"decision\": \"d\","
       " \"level\": \"purple\"}]}",
       "rules.field_invalid", "level"},
      {"{\"rules\": [{\"code\": \"R1\", \"kind\": \"flow\"}]}", "rules.model_missing", "model"},
      {"{\"rules\": [{\"code\": \"R1\", \"kind\": \"split\", \"activity\": \"a\", \"threshold\": 5},"
       " {\"code\": \"R1\", \"kind\": \"split\", \"activity\": \"a\", \"threshold\": 5}]}",
       "rules.code_duplicate", "code"},
      {"{\"timezone\": \"Mars/Olympus\", \"rules\": []}", "rules.setting_invalid", "timezone"},
      {"{\"calendar\": {\"holidays\": [\"2025-02-30\"]}, \"rules\": []}", "rules.setting_invalid", "calendar.holidays"},
  };
  for (const Bad& c : cases) {
    auto r = parse_rules(c.json);
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.error().code, c.code) << c.json;
    EXPECT_EQ(r.error().field, c.field) << c.json;
    EXPECT_EQ(r.error().message.find('{'), std::string::npos) << r.error().message;  // placeholders filled
    EXPECT_EQ(r.error().message_en.find('{'), std::string::npos) << r.error().message_en;
  }
  auto kind = parse_rules("{\"rules\": [{\"code\": \"R7\", \"kind\": \"magic\"}]}");
  EXPECT_NE(kind.error().message.find("R7"), std::string::npos);
  EXPECT_NE(kind.error().message.find("magic"), std::string::npos);
}

constexpr const char* kStepLimit = R"({"rules": [{"code": "T", "kind": "time", "name": "审核时限", "from": "受理",
  "to": "审核", "working_days": 3, "follow_up_days": 2}]})";

// Thursday 2025-03-06: due Tue 03-11 (reminder from its start), yellow from Wed 03-12, red from Fri 03-14.
TEST(MonitorClock, EachLevelOnceAtItsTime) {
  Monitor m(rules(kStepLimit));
  EXPECT_TRUE(feed(m, R"({"case_id":"A","activity":"受理","time":"2025-03-06T10:00:00+08:00"})").empty());
  std::vector<Finding> out;
  m.advance_clock(ms("2025-03-10T23:00:00+08:00"), out);
  EXPECT_TRUE(out.empty());
  m.advance_clock(ms("2025-03-11T00:00:00+08:00"), out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level, "reminder");
  EXPECT_EQ(out[0].event_index, 0);
  EXPECT_EQ(out[0].time, "2025-03-11T00:00:00+08:00");
  m.advance_clock(ms("2025-03-11T12:00:00+08:00"), out);
  m.advance_clock(ms("2025-03-01T12:00:00+08:00"), out);  // the clock never goes back
  ASSERT_EQ(out.size(), 1u);
  m.advance_clock(ms("2025-03-12T00:00:01+08:00"), out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].level, "yellow");
  m.advance_clock(ms("2025-03-14T00:00:00+08:00"), out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[2].level, "red");
  EXPECT_EQ(out[2].time, "2025-03-14T00:00:00+08:00");
  m.advance_clock(ms("2025-04-01T00:00:00+08:00"), out);
  EXPECT_EQ(out.size(), 3u);
  // Done late after all that: nothing more to say.
  EXPECT_TRUE(feed(m, R"({"case_id":"A","activity":"审核","time":"2025-04-01T10:00:00+08:00"})").empty());
}

TEST(MonitorClock, AJumpReportsOnlyTheHighestLevel) {
  Monitor m(rules(kStepLimit));
  feed(m, R"({"case_id":"A","activity":"受理","time":"2025-03-06T10:00:00+08:00"})");
  std::vector<Finding> out;
  m.advance_clock(ms("2025-03-20T00:00:00+08:00"), out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level, "red");
}

// Without a clock, the case's next event reports what has passed (stamped with the moment it passed).
TEST(MonitorClock, TheCasesOwnEventsCheckItsLimits) {
  Monitor m(rules(kStepLimit));
  auto out = feed(m, R"({"case_id":"A","activity":"受理","time":"2025-03-06T10:00:00+08:00"}
{"case_id":"A","activity":"补正材料","time":"2025-03-12T09:00:00+08:00"}
{"case_id":"A","activity":"审核","time":"2025-03-17T09:00:00+08:00"})");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].level, "yellow");
  EXPECT_EQ(out[0].event_index, 0);
  EXPECT_EQ(out[0].time, "2025-03-12T00:00:00+08:00");
  EXPECT_EQ(out[1].level, "red");
  EXPECT_EQ(out[1].event_index, 2);
  EXPECT_EQ(out[1].activity, "审核");
}

// Working days are dates in the unit's time zone: 04:00 on Friday in Beijing is still Thursday in UTC.
TEST(MonitorClock, TimeZoneDecidesTheDay) {
  const char* events = R"({"case_id":"A","activity":"受理","time":"2025-03-06T20:00:00Z"}
{"case_id":"A","activity":"审核","time":"2025-03-08T12:00:00Z"})";
  const std::string one_day = R"("rules": [{"code": "T", "kind": "time", "from": "受理", "to": "审核", "working_days": 1}]})";
  Monitor beijing(rules("{" + one_day));
  EXPECT_TRUE(feed(beijing, events).empty());  // started Friday, due Monday
  Monitor utc(rules(R"({"timezone": "Z", )" + one_day));
  auto out = feed(utc, events);  // started Thursday, due Friday
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level, "yellow");
}

TEST(MonitorCases, EndActivityAndIdleTimeCloseCases) {
  Monitor m(rules(R"({"close_after_days": 30, "rules": [
    {"code": "S", "kind": "separation", "activities": ["申请", "验收"], "end": "办结"}]})"));
  feed(m, R"({"case_id":"A","activity":"申请","time":"2025-03-03T09:00:00+08:00","actor":"张三"}
{"case_id":"B","activity":"申请","time":"2025-03-03T09:00:00+08:00","actor":"张三"}
{"case_id":"A","activity":"办结","time":"2025-03-04T09:00:00+08:00"})");
  EXPECT_EQ(m.open_cases(), 1u);
  // A is closed: its requester is forgotten, so the same person may accept in a new case A.
  EXPECT_TRUE(feed(m, R"({"case_id":"A","activity":"验收","time":"2025-03-05T09:00:00+08:00","actor":"张三"})").empty());
  EXPECT_EQ(m.cases_opened(), 3);
  std::vector<Finding> out;
  m.advance_clock(ms("2025-04-04T10:00:00+08:00"), out);  // B idle for 32 days, A for 30 days and a day
  EXPECT_EQ(m.open_cases(), 0u);
  EXPECT_TRUE(out.empty());
}

TEST(MonitorCases, MemoryFollowsOpenCases) {
  Monitor m(rules(R"({"rules": [{"code": "T", "kind": "time", "to": "付款", "working_days": 30, "end": "付款"},
    {"code": "S", "kind": "separation", "activities": ["申请", "验收"]}]})"));
  std::string batch;
  for (int i = 0; i < 20000; ++i) {
    const std::string id = std::to_string(i);
    batch += R"({"case_id":")" + id + R"(","activity":"申请","time":"2025-03-03T09:00:00+08:00","actor":"a"})" "\n";
    batch += R"({"case_id":")" + id + R"(","activity":"付款","time":"2025-03-04T09:00:00+08:00","actor":"b"})" "\n";
  }
  EXPECT_TRUE(feed(m, batch).empty());
  EXPECT_EQ(m.open_cases(), 0u);
  EXPECT_EQ(m.cases_opened(), 20000);
  EXPECT_LT(m.save_state().size(), 2000u);  // nothing of the closed cases is kept
}

TEST(MonitorState, RestoresOnlyIntoTheSameRules) {
  Monitor a(rules(kStepLimit));
  feed(a, R"({"case_id":"A","activity":"受理","time":"2025-03-06T10:00:00+08:00"})");
  const std::string state = a.save_state();

  Monitor other(rules(R"({"rules": [{"code": "T", "kind": "time", "from": "受理", "to": "审核", "working_days": 4}]})"));
  auto mismatch = other.restore_state(state);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().code, "monitor.state_mismatch");

  Monitor same(rules(kStepLimit));
  EXPECT_EQ(same.restore_state("{\"format\": 1}").error().code, "monitor.state_invalid");
  EXPECT_EQ(same.restore_state("not json").error().code, "monitor.state_invalid");
  std::string broken = state;
  broken.replace(broken.find("\"words\":["), 9, "\"words\":[1,");  // one word too many
  EXPECT_EQ(same.restore_state(broken).error().code, "monitor.state_invalid");
  EXPECT_EQ(same.events(), 0);  // a failed restore leaves the monitor as it was
  ASSERT_TRUE(same.restore_state(state).ok());
  EXPECT_EQ(same.events(), 1);
  EXPECT_EQ(same.open_cases(), 1u);
  EXPECT_EQ(same.restore_state(state).error().code, "monitor.state_invalid");  // not into a used monitor
  std::vector<Finding> out;
  same.advance_clock(ms("2025-03-12T00:00:00+08:00"), out);  // the restored deadline still fires
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level, "yellow");
}

TEST(MonitorRules, UnitCalendarFromTheRuleFile) {
  // The unit rests on Monday 2025-03-10: a 1-day limit from Friday runs to Tuesday.
  Monitor m(rules(R"({"calendar": {"holidays": ["2025-03-10"]}, "rules": [
    {"code": "T", "kind": "time", "from": "受理", "to": "审核", "working_days": 1}]})"));
  EXPECT_TRUE(feed(m, R"({"case_id":"A","activity":"受理","time":"2025-03-07T10:00:00+08:00"}
{"case_id":"A","activity":"审核","time":"2025-03-11T10:00:00+08:00"})").empty());
}

TEST(MonitorRules, FiltersOnPowerAndSource) {
  Monitor m(rules(R"({"rules": [{"code": "C", "kind": "collective", "activity": "合同签订", "threshold": 100,
    "decision": "集体决策", "power": "ZY-*", "source": "oa"}]})"));
  auto out = feed(m, R"({"case_id":"A","activity":"合同签订","time":"2025-03-03T09:00:00Z","amount":500,"power":"ZY-001","source":"oa"}
{"case_id":"B","activity":"合同签订","time":"2025-03-03T09:00:00Z","amount":500,"power":"SP-001","source":"oa"}
{"case_id":"C","activity":"合同签订","time":"2025-03-03T09:00:00Z","amount":500,"power":"ZY-002","source":"erp"})");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].case_id, "A");
  EXPECT_EQ(out[0].source, "oa");
}

// Many interleaved 物资采购 cases under every demo rule, with deviations and clock ticks: the same findings when
// the monitor is saved and restored every few hundred events as when it runs straight through.
TEST(MonitorState, RestoringMidStreamChangesNothing) {
  auto set = formats::read_rule_file((std::filesystem::path(LF_SOURCE_DIR) / "rules/demo/wuzi-caigou.json").string());
  ASSERT_TRUE(set.ok()) << set.error().message;
  auto rules = std::make_shared<const RuleSet>(std::move(set).value());
  const char* steps[] = {"申请", "部门审核", "采购方式确定", "询价", "评审", "合同签订", "验收", "付款"};
  const char* people[] = {"张三", "李四", "王五", "赵六"};
  std::string log;
  uint64_t rng = 42;
  auto next = [&](uint64_t n) { rng = rng * 6364136223846793005ULL + 1442695040888963407ULL; return (rng >> 33) % n; };
  for (int c = 0; c < 400; ++c) {
    const int64_t start = 1740960000000 + int64_t{c} * 3 * 3600000;  // 2025-03-03, a case every 3 hours
    for (int k = 0; k < 8; ++k) {
      if (next(40) == 0) continue;  // a skipped step now and then
      const int step = next(30) == 0 ? static_cast<int>(next(8)) : k;  // and one out of order
      const int64_t t = start + int64_t{k} * (next(3) + 1) * 86400000;
      log += "{\"case_id\":\"CG-" + std::to_string(c) + "\",\"activity\":\"" + steps[step] + "\",\"time\":\"" +
             std::to_string(t) + "\",\"actor\":\"" + people[next(4)] + "\",\"role\":\"资产处处长\",\"power\":\"wzcg\"," +
             "\"unit\":\"后勤处\",\"counterparty\":\"供应商" + std::to_string(next(5)) + "\",\"amount\":" +
             std::to_string(next(300) * 1000) + "}\n";
    }
  }
  // Times above are epoch milliseconds as text; write them as RFC 3339 for the reader.
  std::string ndjson;
  for (size_t at = 0, end; (end = log.find('\n', at)) != std::string::npos; at = end + 1) {
    std::string line = log.substr(at, end - at);
    const size_t t0 = line.find("\"time\":\"") + 8, t1 = line.find('"', t0);
    const int64_t ms = std::stoll(line.substr(t0, t1 - t0));
    line.replace(t0, t1 - t0, format_day(static_cast<int32_t>(ms / 86400000)) + "T0" + std::to_string(ms / 3600000 % 10) + ":00:00Z");
    ndjson += line + "\n";
  }
  auto events = formats::parse_event_ndjson(ndjson);
  ASSERT_TRUE(events.ok()) << events.error().message;
  auto run = [&](bool restore) {
    auto m = std::make_unique<Monitor>(rules);
    std::vector<Finding> out;
    std::vector<AttrView> scratch;
    for (size_t i = 0; i < events->size(); ++i) {
      if (i % 50 == 0) m->advance_clock((*events)[i].time_ms, out);
      m->process((*events)[i].view(scratch), out);
      if (restore && i % 333 == 0) {
        auto fresh = std::make_unique<Monitor>(rules);
        EXPECT_TRUE(fresh->restore_state(m->save_state()).ok());
        m = std::move(fresh);
      }
    }
    m->advance_clock((*events).back().time_ms + 90LL * 86400000, out);
    std::string text;
    for (const auto& f : out) text += f.rule + "|" + f.case_id + "|" + std::to_string(f.event_index) + "|" + f.level + "|" + f.message + "\n";
    return std::make_pair(out.size(), text);
  };
  const auto straight = run(false);
  EXPECT_GT(straight.first, 50u);
  EXPECT_EQ(run(true).second, straight.second);
}

// The rule files shipped for the demo flows load, with their models, and every flow rule has a model.
TEST(MonitorRules, DemoRuleFilesLoad) {
  const auto dir = std::filesystem::path(LF_SOURCE_DIR) / "rules" / "demo";
  int files = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    if (f.path().extension() != ".json") continue;
    ++files;
    auto set = formats::read_rule_file(f.path().string());
    ASSERT_TRUE(set.ok()) << f.path() << ": " << set.error().message << " " << set.error().detail;
    for (const auto& r : set->rules) {
      if (r.kind == RuleKind::flow) {
        EXPECT_GT(r.net->transitions.size(), 3u) << f.path() << " " << r.code;
      }
    }
  }
  EXPECT_GE(files, 2);
}

}  // namespace
}  // namespace lf::engine
