// CSV event logs: the cases in tests/cases/csv, and separator detection.
#include <gtest/gtest.h>

#include <random>

#include "event_log_cases.h"
#include "formats/event_csv.h"

namespace lf {
namespace {

using testing::slurp;
namespace fs = std::filesystem;

fs::path cases_dir() { return fs::path(LF_SOURCE_DIR) / "tests" / "cases" / "csv"; }

formats::CsvColumns columns_for(const fs::path& base) {
  formats::CsvColumns columns;
  fs::path file = fs::path(base) += ".columns";
  if (!fs::exists(file)) return columns;
  for (const auto& line : testing::lines_of(file)) {
    size_t eq = line.find('=');
    std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "case") columns.case_id = value;
    else if (key == "activity") columns.activity = value;
    else if (key == "time") columns.time = value;
    else if (key == "resource") columns.resource = value;
    else ADD_FAILURE() << "unknown column setting: " << line;
  }
  return columns;
}

class CsvCase : public ::testing::TestWithParam<std::string> {};

TEST_P(CsvCase, Reads) {
  fs::path base = cases_dir() / GetParam();
  testing::check_case(base, formats::read_event_csv(slurp(fs::path(base) += ".csv"), columns_for(base)));
}

INSTANTIATE_TEST_SUITE_P(CsvCases, CsvCase, ::testing::ValuesIn(testing::case_names(cases_dir(), ".csv")),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(CsvReader, DetectsTheSeparatorFromTheHeader) {
  EXPECT_EQ(formats::detect_separator("a,b,c\n1;2;3;4;5\n"), ',');
  EXPECT_EQ(formats::detect_separator("a;b;c\n"), ';');
  EXPECT_EQ(formats::detect_separator("\"a,b\";c\n"), ';');  // the comma is inside quotes
  EXPECT_EQ(formats::detect_separator("single\n"), ',');
}

TEST(CsvReader, ReadsAFileAndReportsAMissingOne) {
  auto log = formats::read_event_csv_file((cases_dir() / "semicolons_mixed_offsets.csv").string());
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->event_count(), 4u);
  auto missing = formats::read_event_csv_file("/nonexistent/log.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "csv.unreadable");
}

TEST(CsvReader, KeepsFileOrderWithinACase) {
  // Not sorted by time: the second row of case 1 is earlier than its first.
  auto log = formats::read_event_csv("case:concept:name,concept:name,time:timestamp\n"
                                     "1,late,2024-01-02\n2,x,2024-01-01\n1,early,2024-01-01\n");
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->cases.size(), 2u);
  EXPECT_EQ(log->trace(0), (std::vector<int32_t>{0, 2}));
  EXPECT_EQ(log->activity_name(2), "early");
}

// Damaged files are refused or read, never a crash: bytes overwritten (quotes, separators, line ends among
// them), removed or cut off, at random.
TEST(CsvReader, SurvivesDamagedFiles) {
  std::mt19937 random(11);
  const char specials[] = {'"', ',', ';', '\n', '\r', '\0'};
  for (const std::string& name : testing::case_names(cases_dir(), ".csv")) {
    std::string good = slurp(cases_dir() / (name + ".csv"));
    if (good.empty()) continue;
    for (int i = 0; i < 300; ++i) {
      std::string bad = good;
      for (int k = 0; k < 1 + static_cast<int>(random() % 4) && !bad.empty(); ++k) {
        size_t at = random() % bad.size();
        switch (random() % 4) {
          case 0: bad[at] = specials[random() % sizeof specials]; break;
          case 1: bad[at] = static_cast<char>(random() % 256); break;
          case 2: bad.erase(at, 1 + random() % 8); break;
          default: bad.resize(at); break;
        }
      }
      auto log = formats::read_event_csv(bad);
      if (log.ok()) {
        EXPECT_LE(log->event_count(), 100u);
      }
    }
  }
}

}  // namespace
}  // namespace lf
