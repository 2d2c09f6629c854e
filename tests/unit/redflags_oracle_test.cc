// Cardinal's own fixtures (shared/oracle/cardinal/, see shared/oracle/README.md): every NAME.jsonl, run with the
// settings its name encodes, must give exactly NAME.expected, compared as maps with exact numbers.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/redflags.h"
#include "formats/ini_redflags.h"
#include "formats/ocds_stream.h"

namespace lf {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) out.push_back(part);
  return out;
}

// The settings a fixture's name encodes: CODE (defaults), CODE-key-value (one key), CODE-key-a-1-b-2 (the map
// [CODE.key] with a = 1, b = 2); `+` stands for `|`. A single part after the code is only a label
// (R038-tenderer). Every case also runs with the deny list NPC and the exclusion EXC.
std::string settings_for(const std::string& name) {
  std::string plain = name;
  std::replace(plain.begin(), plain.end(), '+', '|');
  const auto parts = split(plain, '-');
  std::string ini = "no_price_comparison_procurement_methods = NPC\n[exclusions]\nprocurement_method_details = EXC\n";
  ini += "[" + parts[0] + "]\n";
  if (parts.size() == 3) {
    ini += parts[1] + " = " + parts[2] + "\n";
  } else if (parts.size() > 3) {
    ini += "[" + parts[0] + "." + parts[1] + "]\n";
    for (size_t i = 2; i + 1 < parts.size(); i += 2) ini += parts[i] + " = " + parts[i + 1] + "\n";
  }
  return ini;
}

// Same groups, ids and indicators, and numbers equal to the last bit.
void expect_same(const json::value& got, const json::value& want, const std::string& where) {
  ASSERT_TRUE(got.is_object()) << where;
  ASSERT_TRUE(want.is_object()) << where;
  const auto& g = got.as_object();
  const auto& w = want.as_object();
  EXPECT_EQ(g.size(), w.size()) << where << ": got " << json::serialize(got) << ", want " << json::serialize(want);
  for (const auto& [key, value] : w) {
    const std::string at = where + "/" + std::string(key);
    auto it = g.find(key);
    if (it == g.end()) {
      ADD_FAILURE() << at << " missing; got " << json::serialize(got);
      continue;
    }
    if (value.is_object()) {
      expect_same(it->value(), value, at);
    } else {
      ASSERT_TRUE(it->value().is_number()) << at;
      EXPECT_EQ(it->value().to_number<double>(), value.to_number<double>()) << at;
    }
  }
}

class CardinalOracle : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* env = std::getenv("LIANFANG_ORACLE_DIR");
    dir_ = (env != nullptr && *env != '\0' ? fs::path(env) : fs::path(LF_SOURCE_DIR) / ".." / "shared" / "oracle") /
           "cardinal";
    if (!fs::exists(dir_)) GTEST_SKIP() << "oracle directory " << dir_ << " is absent";
    for (const auto& e : fs::directory_iterator(dir_))
      if (e.path().extension() == ".jsonl") names_.push_back(e.path().stem().string());
    std::sort(names_.begin(), names_.end());
  }

  std::string run(const std::string& name, const formats::ScanOptions& options, std::vector<uint64_t>* bad_lines) {
    auto settings = formats::read_redflags_settings(settings_for(name));
    EXPECT_TRUE(settings.ok()) << name << ": " << (settings.ok() ? "" : settings.error().message_en);
    if (!settings.ok()) return {};
    std::ifstream in(dir_ / (name + ".jsonl"), std::ios::binary);
    auto results = formats::scan_releases(in, *settings, options, [&](const formats::LineProblem& p) {
      if (bad_lines != nullptr) bad_lines->push_back(p.line);
    });
    EXPECT_TRUE(results.ok()) << name;
    return results.ok() ? engine::redflags::to_json(*results, false) : std::string();
  }

  fs::path dir_;
  std::vector<std::string> names_;
};

TEST_F(CardinalOracle, EveryFixtureGivesCardinalsResults) {
  ASSERT_EQ(names_.size(), 15U) << "fixtures in " << dir_;
  for (const auto& name : names_) {
    SCOPED_TRACE(name);
    std::vector<uint64_t> bad_lines;
    const std::string got = run(name, {}, &bad_lines);
    EXPECT_TRUE(bad_lines.empty());
    expect_same(json::parse(got), json::parse(slurp(dir_ / (name + ".expected"))), name);
  }
}

TEST_F(CardinalOracle, ThreadsAndBatchesDoNotChangeTheResults) {
  for (const auto& name : names_) {
    SCOPED_TRACE(name);
    formats::ScanOptions split;
    split.threads = 4;
    split.batch_lines = 1;  // every release in its own batch: the most joining there can be
    EXPECT_EQ(run(name, split, nullptr), run(name, {}, nullptr));
  }
}

TEST_F(CardinalOracle, SettingsFromNamesAreCardinals) {
  EXPECT_EQ(settings_for("R024"),
            "no_price_comparison_procurement_methods = NPC\n[exclusions]\nprocurement_method_details = EXC\n[R024]\n");
  auto s = formats::read_redflags_settings(settings_for("R003-procurement_method_details-x-5-y-10"));
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->r003);
  EXPECT_EQ(s->r003->method_details_threshold, (std::map<std::string, int64_t>{{"x", 5}, {"y", 10}}));
  s = formats::read_redflags_settings(settings_for("R003-procurement_methods-open+selective"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->r003->procurement_methods, (engine::redflags::NameSet{"open", "selective"}));
  s = formats::read_redflags_settings(settings_for("R038-tenderer"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->r038->minimum_submitted_bids, 2U);
  EXPECT_TRUE(s->no_price_comparison_procurement_methods.contains("NPC"));
  EXPECT_TRUE(s->excluded_procurement_method_details.contains("EXC"));
}

}  // namespace
}  // namespace lf
