// Cardinal's settings file: sections switch indicators on, keys are checked, lists use `|`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "formats/ini.h"
#include "formats/ini_redflags.h"

namespace lf::formats {
namespace {

using engine::redflags::NameSet;

TEST(RedflagIni, ParsesSectionsKeysAndComments) {
  auto ini = parse_ini(
      "; a comment\ncurrency = USD\n\n[R038]\n# another\nminimum_submitted_bids = 2 # default\n"
      "threshold: 0.5\n[R003.procurement_method_details]\nemergency = 10\nquoted = \"a;b\"\n");
  ASSERT_TRUE(ini.ok());
  ASSERT_EQ(ini->sections.size(), 2U);
  EXPECT_EQ(ini->sections[1].name, "R003.procurement_method_details");
  ASSERT_EQ(ini->entries.size(), 5U);
  EXPECT_EQ(ini->entries[0].section, "");
  EXPECT_EQ(ini->entries[0].value, "USD");
  EXPECT_EQ(ini->entries[1].value, "2");  // the comment after a space is not part of the value
  EXPECT_EQ(ini->entries[2].key, "threshold");
  EXPECT_EQ(ini->entries[4].value, "a;b");
  EXPECT_EQ(ini->entries[4].line, 10);
}

TEST(RedflagIni, SyntaxErrorNamesTheLine) {
  auto ini = parse_ini("[R024]\nthreshold 0.5\n");
  ASSERT_FALSE(ini.ok());
  EXPECT_EQ(ini.error().code, "ini.syntax");
  EXPECT_NE(ini.error().message_en.find("Line 2"), std::string::npos) << ini.error().message_en;
}

TEST(RedflagIni, UnknownKeyIsAnErrorNamingIt) {
  auto s = read_redflags_settings("[R024]\nthreshhold = 0.1\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "redflags.settings_unknown_key");
  EXPECT_NE(s.error().message_en.find("R024.threshhold"), std::string::npos) << s.error().message_en;
  EXPECT_NE(s.error().message.find("R024.threshhold"), std::string::npos);

  s = read_redflags_settings("curency = USD\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message_en.find("curency"), std::string::npos);

  s = read_redflags_settings("[R999]\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "redflags.settings_unknown_section");
  EXPECT_NE(s.error().message_en.find("R999"), std::string::npos);

  s = read_redflags_settings("[R028]\nthreshold = 1\n");  // R028 has no settings
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message_en.find("R028.threshold"), std::string::npos);
}

TEST(RedflagIni, BadValueNamesTheKey) {
  auto s = read_redflags_settings("[R048]\ndigits = two\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "redflags.settings_bad_value");
  EXPECT_NE(s.error().message_en.find("R048.digits"), std::string::npos);
  EXPECT_FALSE(read_redflags_settings("[R035]\nthreshold = -1\n").ok());  // a count
  EXPECT_FALSE(read_redflags_settings("[R024]\nthreshold = 0.05x\n").ok());
  EXPECT_TRUE(read_redflags_settings("[R003.procurement_method_details]\nx = -3\n").ok());  // days may be negative
}

TEST(RedflagIni, ListsUseBars) {
  EXPECT_EQ(split_pipe_list("open|selective"), (NameSet{"open", "selective"}));
  EXPECT_EQ(split_pipe_list("open|selective|"), (NameSet{"open", "selective"}));  // a trailing bar ends the list
  EXPECT_EQ(split_pipe_list(""), NameSet{});
  EXPECT_EQ(split_pipe_list("a||b"), (NameSet{"a", "", "b"}));
  EXPECT_EQ(split_pipe_list("Random Selection"), NameSet{"Random Selection"});

  auto s = read_redflags_settings(
      "no_price_comparison_procurement_methods = Random Selection|Lottery\n"
      "price_comparison_procurement_methods = Reverse Auction\n"
      "[exclusions]\nprocurement_method_details = EXC|X2\n"
      "[R018]\nprocurement_methods = open|limited\n");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->no_price_comparison_procurement_methods, (NameSet{"Random Selection", "Lottery"}));
  EXPECT_EQ(s->price_comparison_procurement_methods, NameSet{"Reverse Auction"});
  EXPECT_EQ(s->excluded_procurement_method_details, (NameSet{"EXC", "X2"}));
  ASSERT_TRUE(s->r018);
  EXPECT_EQ(s->r018->procurement_methods, (NameSet{"open", "limited"}));
}

TEST(RedflagIni, OnlyPresentSectionsRun) {
  auto s = read_redflags_settings("[R028]\n[R035]\n");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->r028);
  ASSERT_TRUE(s->r035);
  EXPECT_EQ(s->r035->threshold, 1U);
  EXPECT_FALSE(s->r003 || s->r018 || s->r024 || s->r025 || s->r030 || s->r036 || s->r038 || s->r048 || s->r058);

  // The map section alone switches R003 on, as in Cardinal.
  s = read_redflags_settings("[R003.procurement_method_details]\nemergency = 10\n");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->r003);
  EXPECT_EQ(s->r003->threshold, 15);
  EXPECT_EQ(s->r003->method_details_threshold.at("emergency"), 10);
}

TEST(RedflagIni, ValuesReachTheIndicators) {
  auto s = read_redflags_settings(
      "currency = USD\n[R003]\nthreshold = 10\n[R024]\nthreshold = 0.05\n[R025]\npercentile = 90\nthreshold = 0.1\n"
      "[R038]\nthreshold = 0.5\nminimum_submitted_bids = 3\nminimum_contracting_processes = 4\n"
      "[R048]\ndigits = 3\nthreshold = 10\nminimum_contracting_processes = 1\n[R058]\nthreshold = 0.5\n");
  ASSERT_TRUE(s.ok()) << s.error().message_en;
  EXPECT_EQ(*s->currency, "USD");
  EXPECT_EQ(s->r003->threshold, 10);
  EXPECT_EQ(*s->r024->threshold, 0.05);
  EXPECT_EQ(s->r025->percentile, 90U);
  EXPECT_EQ(*s->r025->threshold, 0.1);
  EXPECT_EQ(*s->r038->threshold, 0.5);
  EXPECT_EQ(s->r038->minimum_submitted_bids, 3U);
  EXPECT_EQ(s->r038->minimum_contracting_processes, 4U);
  EXPECT_EQ(s->r048->digits, 3U);
  EXPECT_EQ(*s->r048->threshold, 10U);
  EXPECT_EQ(s->r048->minimum_contracting_processes, 1U);
  EXPECT_EQ(*s->r058->threshold, 0.5);
}

TEST(RedflagIni, CardinalsInitFileIsAccepted) {
  // The sections `ocdscardinal init` writes for its `prepare` command are accepted and ignored.
  auto s = read_redflags_settings(
      "[defaults]\ncurrency = USD\n[redactions]\namount = 0\n[corrections]\naward_status_by_contract_status = true\n"
      "[modifications]\nmove_auctions = true\n[codelists.bid_status]\nqualified = valid\n[codelists.award_status]\n"
      "Active = active\n[exclusions]\n[R024]\n");
  ASSERT_TRUE(s.ok()) << s.error().message_en;
  EXPECT_FALSE(s->currency);  // [defaults] currency is prepare's, not the main currency
  EXPECT_TRUE(s->r024);
  EXPECT_FALSE(read_redflags_settings("[defaults]\ncolour = red\n").ok());
}

// A relative `[BLACKLIST] file` is next to the settings file, not in the current directory: the settings and
// their list travel together, and `lianfang redflags --settings conf/s.ini` works from any folder.
TEST(RedflagIni, BlacklistFileIsNextToTheSettingsFile) {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("lf-redflags-ini-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "conf");
  auto write = [](const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; };
  write(root / "conf" / "s.ini", "[BLACKLIST]\nfile = list.csv\n");
  write(root / "conf" / "list.csv", "id,name\n91110000MA00000001,甲公司\n");
  write(root / "other.ini", "[BLACKLIST]\nfile = list2.csv\n");  // its list is only in conf/
  write(root / "conf" / "list2.csv", "id\n9\n");

  struct Cwd {  // run from the folder above, and come back
    fs::path was = fs::current_path();
    ~Cwd() { fs::current_path(was); }
  } cwd;
  fs::current_path(root);
  for (const fs::path& settings : {root / "conf" / "s.ini", fs::path("conf/s.ini")}) {
    auto s = read_redflags_settings_file(settings);
    ASSERT_TRUE(s.ok()) << settings << ": " << s.error().message_en;
    ASSERT_EQ(s->blacklist->entries.size(), 1U);
    EXPECT_EQ(s->blacklist->entries[0].id, "91110000MA00000001");
  }
  fs::current_path(root / "conf");  // list2.csv is in the current folder, not next to other.ini
  auto s = read_redflags_settings_file(root / "other.ini");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "redflags.blacklist_unreadable");
  EXPECT_EQ(read_redflags_settings_file(root / "missing.ini").error().code, "redflags.settings_unreadable");
  fs::current_path(cwd.was);
  fs::remove_all(root);
}

}  // namespace
}  // namespace lf::formats
