// Runs every case in tests/cases/monitor (see the README there): NAME/rules.json over NAME/log.ndjson must
// give NAME/expected.json, both straight through and with the monitor saved and restored after every event
// (a server restarting between any two events loses and repeats nothing). LF_UPDATE_CASES=1 writes the
// expected files from what the engine gives, for review.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/monitor.h"
#include "formats/event_ndjson.h"
#include "formats/monitor_files.h"
#include "formats/xes_date.h"

namespace lf {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

fs::path cases_dir() { return fs::path(LF_SOURCE_DIR) / "tests" / "cases" / "monitor"; }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> case_names() {
  std::vector<std::string> out;
  if (!fs::exists(cases_dir())) return out;
  for (const auto& d : fs::directory_iterator(cases_dir()))
    if (fs::exists(d.path() / "rules.json")) out.push_back(d.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The report of a case; with `restore`, the monitor goes through save_state / restore_state after each event.
json::object run_case(const std::string& name, bool restore) {
  const fs::path dir = cases_dir() / name;
  auto rules = formats::read_rule_file((dir / "rules.json").string());
  if (!rules.ok()) {
    ADD_FAILURE() << name << ": " << rules.error().message << " " << rules.error().detail;
    return {};
  }
  auto set = std::make_shared<const engine::RuleSet>(std::move(rules).value());
  auto monitor = std::make_unique<engine::Monitor>(set);
  formats::MonitorReport report(*set, true);
  formats::EventNdjsonReader reader;
  std::vector<engine::Finding> found;
  int64_t latest = std::numeric_limits<int64_t>::min();
  std::istringstream log(slurp(dir / "log.ndjson"));
  std::string line;
  for (uint64_t n = 1; std::getline(log, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (line.starts_with("{\"clock\"")) {  // a tick of the server's clock between events
      const auto t = formats::parse_timestamp(json::parse(line).at("clock").as_string());
      EXPECT_TRUE(t) << name << " line " << n;
      if (t) monitor->advance_clock(t->utc_us / 1000, found);
    } else {
      auto e = reader.parse_line(line, n);
      if (!e.ok()) {
        ADD_FAILURE() << name << ": " << e.error().message;
        return {};
      }
      latest = std::max(latest, e->time_ms);
      monitor->process(*e, found);
    }
    if (restore) {
      auto next = std::make_unique<engine::Monitor>(set);
      const auto st = next->restore_state(monitor->save_state());
      EXPECT_TRUE(st.ok()) << name << " line " << n;
      monitor = std::move(next);
    }
  }
  // As the CLI does: the clock moves to the latest event time (or now.txt) at the end.
  int64_t now = latest;
  if (fs::exists(dir / "now.txt")) {
    std::string text = slurp(dir / "now.txt");
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    now = formats::parse_timestamp(text)->utc_us / 1000;
  }
  monitor->advance_clock(now, found);
  for (const auto& f : found) report.add(f);
  return report.to_json(*monitor);
}

// One finding per line, so that expected files read (and diff) well.
std::string pretty(const json::object& o) {
  std::string out = "{\n";
  bool first = true;
  for (const auto& [key, value] : o) {
    out += first ? "" : ",\n";
    first = false;
    out += "  " + json::serialize(json::string(key)) + ": ";
    if (key == "findings") {
      const auto& a = value.as_array();
      out += a.empty() ? "[]" : "[\n";
      for (size_t i = 0; i < a.size(); ++i) out += "    " + json::serialize(a[i]) + (i + 1 < a.size() ? ",\n" : "\n  ]");
    } else {
      out += json::serialize(value);
    }
  }
  return out + "\n}\n";
}

class MonitorCase : public ::testing::TestWithParam<std::string> {};

// Every key of the expected file must match; a finding may leave keys out (they are then not compared).
void expect_report(const json::object& got, const json::object& want, const std::string& name) {
  for (const char* key : {"events", "cases", "open_cases", "summary"})
    EXPECT_EQ(json::serialize(got.at(key)), json::serialize(want.at(key))) << name << ": " << key;
  const auto& g = got.at("findings").as_array();
  const auto& w = want.at("findings").as_array();
  EXPECT_EQ(g.size(), w.size()) << name << ": number of findings\n" << pretty(got);
  for (size_t i = 0; i < std::min(g.size(), w.size()); ++i)
    for (const auto& [key, value] : w[i].as_object())
      EXPECT_EQ(json::serialize(g[i].at(key)), json::serialize(value)) << name << ": finding " << i << " " << key;
}

TEST_P(MonitorCase, Matches) {
  const std::string& name = GetParam();
  const json::object got = run_case(name, false);
  const fs::path expected = cases_dir() / name / "expected.json";
  const char* update = std::getenv("LF_UPDATE_CASES");
  if (update != nullptr && std::string_view(update) == "1") {
    std::ofstream(expected, std::ios::binary) << pretty(got);
    GTEST_SKIP() << "wrote " << expected;
  }
  ASSERT_TRUE(fs::exists(expected)) << expected;
  expect_report(got, json::parse(slurp(expected)).as_object(), name);
}

TEST_P(MonitorCase, SameAfterRestoreAtEveryEvent) {
  const std::string& name = GetParam();
  EXPECT_EQ(json::serialize(run_case(name, true)), json::serialize(run_case(name, false))) << name;
}

INSTANTIATE_TEST_SUITE_P(Cases, MonitorCase, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           std::string s;
                           for (char c : i.param) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return s;
                         });

TEST(MonitorCases, Exist) { EXPECT_GE(case_names().size(), 8u) << cases_dir(); }

}  // namespace
}  // namespace lf
