// XES reading: the cases in tests/cases/xes, gzip, and the timestamp forms shared with the CSV reader.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <random>

#include "event_log_cases.h"
#include "formats/xes.h"
#include "formats/xes_date.h"

namespace lf {
namespace {

using testing::slurp;
namespace fs = std::filesystem;

fs::path cases_dir() { return fs::path(LF_SOURCE_DIR) / "tests" / "cases" / "xes"; }

class XesCase : public ::testing::TestWithParam<std::string> {};

TEST_P(XesCase, Reads) {
  fs::path base = cases_dir() / GetParam();
  testing::check_case(base, formats::read_xes(slurp(fs::path(base) += ".xes")));
}

INSTANTIATE_TEST_SUITE_P(XesCases, XesCase, ::testing::ValuesIn(testing::case_names(cases_dir(), ".xes")),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// gzip with zlib's deflate, as gzip(1) writes it.
std::string gzip(std::string_view data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    path_ = fs::temp_directory_path() / ("lf_xes_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                         "_" + std::to_string(reinterpret_cast<uintptr_t>(this)) + ".xes.gz");
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

TEST(XesReader, ReadsGzipByItsMagicBytes) {
  std::string xml = slurp(cases_dir() / "prefixes.xes");
  TempFile file(gzip(xml));
  auto log = formats::read_xes_file(file.path());
  ASSERT_TRUE(log.ok()) << log.error().code << " " << log.error().detail;
  EXPECT_EQ(testing::dump(*log), testing::dump(formats::read_xes(xml).value()));
}

TEST(XesReader, JoinsConcatenatedGzipMembers) {
  auto joined = formats::gunzip(gzip("<log><trace>") + gzip("</trace></log>"));
  ASSERT_TRUE(joined.ok());
  EXPECT_EQ(*joined, "<log><trace></trace></log>");
}

TEST(XesReader, RejectsTruncatedAndCorruptGzip) {
  std::string packed = gzip(slurp(cases_dir() / "prefixes.xes"));
  auto truncated = formats::gunzip(std::string_view(packed).substr(0, packed.size() / 2));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().code, "xes.bad_gzip");
  packed[packed.size() / 2] ^= 0x5a;
  packed[packed.size() / 2 + 1] ^= 0x5a;
  EXPECT_FALSE(formats::gunzip(packed).ok());
}

TEST(XesReader, ReportsAnUnreadableFile) {
  auto log = formats::read_xes_file("/nonexistent/log.xes");
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.error().code, "xes.unreadable");
}

TEST(XesReader, GroupsCasesIntoVariants) {
  auto log = formats::read_xes(slurp(cases_dir() / "unnamed_traces.xes"));
  ASSERT_TRUE(log.ok());
  std::vector<engine::Variant> variants = log->variants();
  ASSERT_EQ(variants.size(), 3u);  // b a | (empty) | a
  EXPECT_EQ(variants[0].activities, (std::vector<int32_t>{0, 1}));
  EXPECT_TRUE(variants[1].activities.empty());
  EXPECT_EQ(variants[2].cases, (std::vector<size_t>{2}));
}

std::string utc(std::string_view text) {
  auto t = formats::parse_timestamp(text);
  if (!t) return "invalid";
  engine::Timestamp u = *t;
  u.offset_minutes = 0;
  return formats::format_timestamp(u);
}

TEST(XesDate, ReadsTheFormsLogsWrite) {
  EXPECT_EQ(utc("2011-10-11T13:42:22.688+02:00"), "2011-10-11T11:42:22.688Z");
  EXPECT_EQ(utc("2010-12-30 14:32:00+01:00"), "2010-12-30T13:32:00Z");
  EXPECT_EQ(utc("2010-12-30T14:32:00-0330"), "2010-12-30T18:02:00Z");
  EXPECT_EQ(utc("2010-12-30T14:32:00+05"), "2010-12-30T09:32:00Z");
  EXPECT_EQ(utc("2010-12-30T14:32Z"), "2010-12-30T14:32:00Z");
  EXPECT_EQ(utc("2010-12-30"), "2010-12-30T00:00:00Z");
  EXPECT_EQ(utc("2010/12/30 14:32:00.000"), "2010-12-30T14:32:00Z");
  EXPECT_EQ(utc("1969-12-31T23:59:59.5Z"), "1969-12-31T23:59:59.500Z");
  EXPECT_EQ(utc("2024-02-29T00:00:00.123456789+00:00"), "2024-02-29T00:00:00.123456Z");
  EXPECT_EQ(utc(" 2024-01-01T00:00:00Z "), "2024-01-01T00:00:00Z");
}

TEST(XesDate, RefusesImpossibleDatesAndJunk) {
  for (const char* bad : {"2023-02-29", "2024-04-31T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T12:60:00Z",
                          "2024-1-01", "2024/01-01", "2024-01-01T12:00:00+1", "2024-01-01T12:00:00+25:00", "2024-01-01T12:00:00.Z",
                          "2024-01-01T12:00:00 Z", "yesterday", ""}) {
    EXPECT_FALSE(formats::parse_timestamp(bad).has_value()) << bad;
  }
}

TEST(XesDate, OrdersInstantsAcrossOffsets) {
  auto beijing = formats::parse_timestamp("2024-03-01T10:00:00+08:00");
  auto london = formats::parse_timestamp("2024-03-01T02:30:00Z");
  ASSERT_TRUE(beijing && london);
  EXPECT_LT(*beijing, *london);
  EXPECT_EQ(formats::format_timestamp(*beijing), "2024-03-01T10:00:00+08:00");
  EXPECT_EQ(*formats::parse_timestamp("2024-03-01T10:00:00+08:00"), *formats::parse_timestamp("2024-03-01T02:00:00Z"));
}

// Overwrites, removes or cuts off bytes at random, one to four times.
std::string damaged(std::string text, std::mt19937& random) {
  for (int k = 0; k < 1 + static_cast<int>(random() % 4) && !text.empty(); ++k) {
    size_t at = random() % text.size();
    switch (random() % 3) {
      case 0: text[at] = static_cast<char>(random() % 256); break;
      case 1: text.erase(at, 1 + random() % 16); break;
      default: text.resize(at); break;
    }
  }
  return text;
}

// Damaged files are refused or read, never a crash; the same for damaged gzip data.
TEST(XesReader, SurvivesDamagedFiles) {
  std::mt19937 random(7);
  for (const std::string& name : testing::case_names(cases_dir(), ".xes")) {
    std::string good = slurp(cases_dir() / (name + ".xes"));
    std::string packed = gzip(good);
    for (int i = 0; i < 200; ++i) {
      auto log = formats::read_xes(damaged(good, random));
      if (log.ok()) {
        EXPECT_LE(log->event_count(), 100u);
      }
      auto text = formats::gunzip(damaged(packed, random));
      if (text.ok()) {
        EXPECT_LE(text->size(), good.size() * 2);
      }
    }
  }
}

}  // namespace
}  // namespace lf
