// Runs every case in tests/cases/redflags (see the README there): CODE/NAME.jsonl scanned with the settings
// CODE/NAME.ini (every indicator with its defaults when there is none) must give CODE/NAME.json (compared as
// maps, numbers exactly), or the settings must fail to load with the error code in CODE/NAME.error. The
// output must also be the same, byte for byte, with several threads and every release in a batch of its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/redflags.h"
#include "formats/ini_redflags.h"
#include "formats/ocds_stream.h"

namespace lf {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using engine::redflags::Settings;

fs::path cases_dir() { return fs::path(LF_SOURCE_DIR) / "tests" / "cases" / "redflags"; }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// "CODE/NAME" for every CODE/NAME.jsonl, sorted.
std::vector<std::string> case_names() {
  std::vector<std::string> out;
  if (!fs::exists(cases_dir())) return out;
  for (const auto& dir : fs::directory_iterator(cases_dir())) {
    if (!dir.is_directory()) continue;
    for (const auto& e : fs::directory_iterator(dir.path()))
      if (e.path().extension() == ".jsonl")
        out.push_back(dir.path().filename().string() + "/" + e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string test_name(const std::string& name) {
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

// Same groups, ids and indicators, and numbers equal to the last bit.
void expect_same(const json::value& got, const json::value& want, const std::string& where) {
  ASSERT_TRUE(got.is_object()) << where;
  ASSERT_TRUE(want.is_object()) << where;
  const auto& g = got.as_object();
  const auto& w = want.as_object();
  for (const auto& [key, value] : w) {
    const std::string at = where + "/" + std::string(key);
    auto it = g.find(key);
    if (it == g.end()) {
      ADD_FAILURE() << at << " missing";
      continue;
    }
    if (value.is_object()) {
      expect_same(it->value(), value, at);
    } else {
      ASSERT_TRUE(it->value().is_number()) << at << ": got " << json::serialize(it->value());
      EXPECT_EQ(it->value().to_number<double>(), value.to_number<double>()) << at;
    }
  }
  for (const auto& [key, value] : g)
    if (!w.contains(key)) ADD_FAILURE() << where << "/" << std::string(key) << " not expected: " << json::serialize(value);
}

std::string scan(const fs::path& input, const Settings& settings, formats::ScanOptions options,
                 std::vector<uint64_t>& bad_lines) {
  std::ifstream in(input, std::ios::binary);
  auto r = formats::scan_releases(in, settings, options,
                                  [&](const formats::LineProblem& p) { bad_lines.push_back(p.line); });
  EXPECT_TRUE(r.ok());
  return r.ok() ? engine::redflags::to_json(*r, false) : std::string();
}

class RedflagCase : public ::testing::TestWithParam<std::string> {};

TEST_P(RedflagCase, Matches) {
  const fs::path base = cases_dir() / GetParam();
  const fs::path dir = base.parent_path();
  const std::string stem = base.filename().string();
  auto file = [&](const char* ext) { return dir / (stem + ext); };

  Result<Settings> settings = fs::exists(file(".ini")) ? formats::read_redflags_settings(slurp(file(".ini")), dir)
                                                       : Result<Settings>(Settings::all_defaults());
  if (fs::exists(file(".error"))) {
    ASSERT_FALSE(settings.ok()) << "the settings should not load";
    std::istringstream want(slurp(file(".error")));
    std::string code;
    want >> code;
    EXPECT_EQ(settings.error().code, code) << settings.error().message_en << " " << settings.error().detail;
    return;
  }
  ASSERT_TRUE(settings.ok()) << settings.error().message_en << " " << settings.error().detail;
  ASSERT_TRUE(fs::exists(file(".json"))) << "no " << stem << ".json or " << stem << ".error";

  std::vector<uint64_t> bad_lines;
  const std::string got = scan(file(".jsonl"), *settings, {}, bad_lines);
  EXPECT_TRUE(bad_lines.empty()) << "lines that are not JSON: " << bad_lines.size();
  SCOPED_TRACE("got " + got);
  expect_same(json::parse(got), json::parse(slurp(file(".json"))), GetParam());

  for (formats::ScanOptions o : {formats::ScanOptions{4, size_t{4} << 20, 1}, formats::ScanOptions{2, size_t{4} << 20, 2},
                                 formats::ScanOptions{1, size_t{4} << 20, 1}}) {
    std::vector<uint64_t> ignored;
    EXPECT_EQ(scan(file(".jsonl"), *settings, o, ignored), got)
        << "threads " << o.threads << ", batch lines " << o.batch_lines;
  }
}

INSTANTIATE_TEST_SUITE_P(RedflagCases, RedflagCase, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return test_name(info.param); });

// Every folder is named after an indicator, so that a misspelt folder is not silently a new one; every
// Chinese pattern has cases.
TEST(RedflagCases, FoldersAreIndicatorCodes) {
  ASSERT_TRUE(fs::exists(cases_dir()));
  std::set<std::string> codes, folders;
  for (size_t i = 0; i < engine::redflags::kIndicatorCount; ++i)
    codes.emplace(engine::redflags::code(static_cast<engine::redflags::Indicator>(i)));
  for (const auto& dir : fs::directory_iterator(cases_dir()))
    if (dir.is_directory()) folders.insert(dir.path().filename().string());
  for (const auto& f : folders) EXPECT_TRUE(codes.contains(f)) << f;
  for (const char* code : {"SHARED-CONTACT", "IDENTICAL-BID", "PATTERN-BID", "REPEAT-AWARD", "COVER-BIDDER",
                           "SAME-GROUP", "SPLIT", "CONTRACT-CHANGE", "NEW-FIRM", "BLACKLIST"})
    EXPECT_TRUE(folders.contains(code)) << code << " has no cases";
}

}  // namespace
}  // namespace lf
