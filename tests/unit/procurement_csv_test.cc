// Tenders, bids and awards as CSV (formats/procurement_csv.h): the cells as the reader converts them, and every
// case in tests/cases/procurement_csv (see the README there): the folder's CSV files with its settings must
// give expected.json, or fail with the error in expected.error; when the folder also has releases.jsonl (the
// same processes as OCDS), scanning it must print exactly what the CSV files print.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/redflags.h"
#include "formats/ini_redflags.h"
#include "formats/ocds_stream.h"
#include "formats/procurement_csv.h"
#include "formats/procurement_csv_fields.h"

namespace lf::formats {
namespace {

namespace fs = std::filesystem;
using engine::redflags::Settings;

fs::path cases_dir() { return fs::path(LF_SOURCE_DIR) / "tests" / "cases" / "procurement_csv"; }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ProcurementCsv, Amounts) {
  const procurement_csv::Where at{"bids.csv", 2, "amount"};
  auto read = [&](std::string_view cell) { return procurement_csv::amount(cell, at); };
  EXPECT_EQ(*read("1234.5").value(), 1234.5);
  EXPECT_EQ(*read("1,234,567.89").value(), 1234567.89);
  EXPECT_EQ(*read("-1,000").value(), -1000.0);
  EXPECT_EQ(*read("1e3").value(), 1000.0);
  EXPECT_FALSE(read("").value());
  for (std::string_view bad : {"12,34", "1,2345", ",123", "1.234,5", "¥100", "12万", "+5", "1 000", "abc", "1..2"}) {
    auto r = read(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "procurement_csv.bad_amount");
    EXPECT_NE(r.error().message_en.find("bids.csv, row 2, column “amount”"), std::string::npos) << r.error().message_en;
    EXPECT_NE(r.error().message.find("bids.csv 第 2 行“amount”列"), std::string::npos) << r.error().message;
  }
}

TEST(ProcurementCsv, Dates) {
  const procurement_csv::Where at{"tenders.csv", 3, "tender_start"};
  auto read = [&](std::string_view cell) { return procurement_csv::date(cell, at); };
  EXPECT_EQ(*read("2024-03-01").value(), "2024-03-01");
  EXPECT_EQ(*read("2024/3/1").value(), "2024-03-01");
  EXPECT_EQ(*read("2024/03/01 9:05").value(), "2024-03-01T09:05:00+08:00");
  EXPECT_EQ(*read("2024-03-01 09:05:30").value(), "2024-03-01T09:05:30+08:00");
  EXPECT_EQ(*read("2024-03-01T09:00:00Z").value(), "2024-03-01T09:00:00Z");
  for (std::string_view bad : {"2024-02-30", "01/03/2024", "2024-3-1", "2024/13/1", "2024-03-01 25:00", "2024-03-01T9",
                               "昨天", "2024-03-01 09:60"}) {
    auto r = read(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "procurement_csv.bad_date") << bad;
  }
}

TEST(ProcurementCsv, CodesNameWhatIsAllowed) {
  auto r = procurement_csv::code("有效", "invited|pending|valid", {"bids.csv", 4, "status"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message_en.find("“有效” is not one of invited, pending, valid"), std::string::npos)
      << r.error().message_en;
  EXPECT_EQ(r.error().field, "status");
}

// A bid or award for a process tenders.csv does not list is refused with its row, and nothing is read.
TEST(ProcurementCsv, AllOrNothing) {
  auto r = read_procurement_csv("ocid,buyer_id\nA,B1\n", "ocid,bidder_id,amount\nA,T1,100\n\nZ,T2,200\n", std::nullopt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "procurement_csv.unknown_ocid");
  EXPECT_NE(r.error().message_en.find("bids.csv, row 4"), std::string::npos) << r.error().message_en;
  auto ok = read_procurement_csv("ocid,buyer_id\nA,B1\n", "ocid,bidder_id,amount\nA,T1,100\n", std::nullopt);
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->size(), 1U);
  EXPECT_EQ((*ok)[0].bids.size(), 1U);
  EXPECT_FALSE((*ok)[0].has_awards);
}

// ---- the cases ----

std::vector<std::string> case_names() {
  std::vector<std::string> out;
  if (!fs::exists(cases_dir())) return out;
  for (const auto& d : fs::directory_iterator(cases_dir()))
    if (d.is_directory()) out.push_back(d.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string run_csv(const fs::path& dir, const Settings& settings, Error* error) {
  auto processes = read_procurement_csv_dir(dir);
  if (!processes.ok()) {
    *error = processes.error();
    return {};
  }
  engine::redflags::RedflagScan scan(settings);
  for (const auto& p : *processes) scan.add(p);
  return engine::redflags::to_json(std::move(scan).finish(), false);
}

class ProcurementCsvCase : public ::testing::TestWithParam<std::string> {};

TEST_P(ProcurementCsvCase, Matches) {
  const fs::path dir = cases_dir() / GetParam();
  auto settings = fs::exists(dir / "settings.ini") ? read_redflags_settings_file(dir / "settings.ini")
                                                   : Result<Settings>(Settings::all_defaults());
  ASSERT_TRUE(settings.ok()) << settings.error().message_en;
  Error error;
  const std::string got = run_csv(dir, *settings, &error);
  if (fs::exists(dir / "expected.error")) {
    // First line: the code; every further line must appear in the message (Chinese or English).
    std::istringstream want(slurp(dir / "expected.error"));
    std::string code, fragment;
    std::getline(want, code);
    ASSERT_FALSE(error.code.empty()) << "the files should be refused; got " << got;
    EXPECT_EQ(error.code, code) << error.message_en;
    while (std::getline(want, fragment)) {
      if (fragment.empty()) continue;
      EXPECT_NE((error.message + "\n" + error.message_en).find(fragment), std::string::npos)
          << "“" << fragment << "” not in: " << error.message << " / " << error.message_en;
    }
    return;
  }
  ASSERT_TRUE(error.code.empty()) << error.message_en << " " << error.detail;
  EXPECT_EQ(boost::json::parse(got), boost::json::parse(slurp(dir / "expected.json"))) << "got " << got;
  if (fs::exists(dir / "releases.jsonl")) {
    std::ifstream in(dir / "releases.jsonl", std::ios::binary);
    auto r = scan_releases(in, *settings, {}, [](const LineProblem& p) { ADD_FAILURE() << "line " << p.line << ": " << p.why; });
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(engine::redflags::to_json(*r, false), got) << "the same processes as OCDS";
  }
}

INSTANTIATE_TEST_SUITE_P(ProcurementCsvCases, ProcurementCsvCase, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace lf::formats
