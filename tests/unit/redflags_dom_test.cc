// The reader's two paths read every line alike: the DOM fast path (simdjson's DOM parser and a walk over its
// tape, formats/ocds_dom.h) and the exact On Demand walk that emulates serde_json (formats/ocds_walk.h). Every
// line of the data-driven cases and of Cardinal's fixtures, and lines made to fall between the two (numbers
// serde_json rounds its own way, ids written as numbers, deep nesting, repeated keys, escapes), must give the
// same kind of line and the same facts, with and without the Chinese patterns' fields.
#include <gtest/gtest.h>

#include <bit>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "formats/ocds.h"

namespace lf::formats {
namespace {

namespace fs = std::filesystem;
using engine::redflags::ProcessFacts;

std::vector<std::string> lines_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<fs::path> jsonl_files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".jsonl") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Lines between the two paths: each must come out the same either way.
const std::vector<std::string>& tricky_lines() {
  static const std::vector<std::string> lines = {
      // Amounts serde_json builds from 64 bits of significand and one power of ten.
      R"({"ocid":"a","bids":{"details":[{"status":"valid","value":{"amount":0.1000000000000000055511151231257827,"currency":"CNY"},"tenderers":[{"id":"T"}]}]}})",
      R"({"ocid":"a","bids":{"details":[{"value":{"amount":123456789012345678901234567890}}]}})",
      R"({"ocid":"a","bids":{"details":[{"value":{"amount":1.5e3}},{"value":{"amount":12E-2}},{"value":{"amount":1e-400}}]}})",
      R"({"ocid":"a","bids":{"details":[{"value":{"amount":-0}},{"value":{"amount":-0.0}},{"value":{"amount":9007199254740993}}]}})",
      R"({"ocid":"a","bids":{"details":[{"value":{"amount":7542919262.9426397}},{"value":{"amount":27718893.99022245993}}]}})",
      R"({"ocid":"a","awards":[{"value":{"amount":534600170319.30283}}],"tender":{"value":{"amount":7203.881039222979092}}})",
      R"({"ocid":"a","bids":{"details":[{"value":{"amount":1234567.891234567}},{"value":{"amount":18446744073709551615}}]}})",
      R"({"ocid":"a","tender":{"numberOfTenderers":1,"value":{"amount":100.25,"currency":"CNY"}}})",
      R"({"ocid":"a","tender":{"numberOfTenderers":-0}})",
      R"({"ocid":"a","tender":{"numberOfTenderers":1e0}})",
      R"({"ocid":"a","tender":{"numberOfTenderers":18446744073709551615}})",
      R"({"ocid":"a","n":1e400})",
      R"({"ocid":"a","n":-9223372036854775809})",
      // Ids written as numbers are kept as written; Cardinal reads only string ids.
      R"({"ocid":"a","buyer":{"id":7,"name":"甲"},"parties":[{"id":1.50,"identifier":{"id":91110000}}],"awards":[{"id":3,"status":"active","suppliers":[{"id":2e1}]}],"contracts":[{"awardID":3}]})",
      R"({"ocid":"a","bids":{"details":[{"tenderers":[{"id":12},{"id":"12"},{"name":"无编号"},5]}]}})",
      // Repeated keys: the last one wins, whole.
      R"({"ocid":"a","tender":{"status":"cancelled"},"tender":{"procurementMethod":"open"},"ocid":"b"})",
      R"({"ocid":"a","bids":{"details":[{"status":"valid"}],"details":7},"awards":[{"status":"active"}],"awards":{}})",
      R"({"ocid":"a","parties":[{"id":"p","address":{"streetAddress":"x"},"address":{"locality":"y"}}],"parties":[{"id":"q"}]})",
      // Contracts with amendments in both shapes; the currency after the amendments.
      R"({"ocid":"a","contracts":[{"awardID":"1","amendments":[{"changes":[{"property":"value.amount","former_value":100},{"property":"value","former_value":{"amount":50,"currency":"USD"}},{"property":"value","former_value":7}]}],"value":{"amount":200,"currency":"CNY"}}]})",
      // Escapes, full-width text, and what is not a release.
      R"({"ocid":"\u0061\ud83d\ude00","buyer":{"id":"\u4e2d\u6587","name":"ＡＢＣ（北京）"}})",
      R"({"ocid":"a","s":"\ud800"})",
      R"({"ocid":"a","s":"\udc00x"})",
      R"({"ocid":1})",
      R"({"ocid":"a","ocid":null})",
      R"([{"ocid":"a"}])",
      R"("text")",
      "null",
      "5",
      "-0",
      "1e400",
      R"({"ocid":"a"} x)",
      R"({"ocid":"a",})",
      "{bad",
      "",
      "  ",
  };
  return lines;
}

// Amounts bit for bit: == cannot tell -0.0 from 0.0.
std::vector<uint64_t> amount_bits(const ProcessFacts& f) {
  std::vector<uint64_t> out;
  auto add = [&](const std::optional<double>& d) { out.push_back(d ? std::bit_cast<uint64_t>(*d) : 1); };
  for (const auto& b : f.bids) add(b.amount);
  for (const auto& a : f.awards) add(a.amount);
  for (const auto& c : f.contracts) {
    add(c.value.amount);
    for (const auto& m : c.former_values) add(m.amount);
  }
  add(f.tender_value.amount);
  return out;
}

void expect_same(const std::vector<std::string>& lines, const std::string& where) {
  for (bool chinese : {true, false}) {
    OcdsReader fast(chinese, true), exact(chinese, false);
    ProcessFacts a, b;
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string why_a, why_b;
      const LineKind ka = fast.read(lines[i], a, &why_a);
      const LineKind kb = exact.read(lines[i], b, &why_b);
      ASSERT_EQ(ka, kb) << where << " line " << i + 1 << (chinese ? "" : " (Cardinal only)") << ": " << lines[i];
      if (ka == LineKind::Release) {
        EXPECT_EQ(amount_bits(a), amount_bits(b)) << where << " line " << i + 1 << ": " << lines[i];
        EXPECT_TRUE(a == b) << where << " line " << i + 1 << (chinese ? "" : " (Cardinal only)") << ": " << lines[i];
      }
      if (ka == LineKind::Invalid) {
        EXPECT_EQ(why_a, why_b) << where << " line " << i + 1;
      }
    }
  }
}

TEST(RedflagDomPath, TrickyLinesReadAsTheExactWalkReadsThem) { expect_same(tricky_lines(), "tricky lines"); }

TEST(RedflagDomPath, NestingBeyondTheFastPathsLimit) {
  auto nested = [](int levels) {
    return R"({"ocid":"a","x":)" + std::string(static_cast<size_t>(levels - 1), '[') +
           std::string(static_cast<size_t>(levels - 1), ']') + "}";
  };
  expect_same({nested(2), nested(63), nested(64), nested(65), nested(100), nested(127), nested(128), nested(200)},
              "nesting");
}

TEST(RedflagDomPath, EveryCaseFileReadsTheSameEitherWay) {
  const auto files = jsonl_files_under(fs::path(LF_SOURCE_DIR) / "tests" / "cases");
  ASSERT_GT(files.size(), 30U);
  for (const fs::path& f : files) expect_same(lines_of(f), f.string());
}

TEST(RedflagDomPath, CardinalsFixturesReadTheSameEitherWay) {
  const char* env = std::getenv("LIANFANG_ORACLE_DIR");
  const fs::path dir =
      (env != nullptr && *env != '\0' ? fs::path(env) : fs::path(LF_SOURCE_DIR) / ".." / "shared" / "oracle") /
      "cardinal";
  if (!fs::exists(dir)) GTEST_SKIP() << "oracle directory " << dir << " is absent";
  const auto files = jsonl_files_under(dir);
  ASSERT_EQ(files.size(), 15U);
  for (const fs::path& f : files) expect_same(lines_of(f), f.string());
}

}  // namespace
}  // namespace lf::formats

namespace lf::formats {
namespace {

// Lines of the case files changed at random (seeded, so every run reads the same lines): numbers rewritten
// into forms serde_json rounds its own way, ids turned into numbers, keys repeated, bytes dropped or inserted.
// Whatever comes out, valid or not, both paths must read it alike.
std::vector<std::string> mutated(const std::vector<std::string>& lines, uint64_t seed) {
  uint64_t state = seed;
  auto next = [&] {  // splitmix64
    state += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  static const std::vector<std::string> kNumbers = {
      "-0", "0", "1", "1.0", "1e0", "1.5e3", "12E-2", "7542919262.9426397", "27718893.99022245993",
      "123456789012345678901", "18446744073709551615", "-9223372036854775809", "0.1000000000000000055511151231257827",
      "1e400", "1e-400", "99999999999.99", "3378774970035786.441"};
  static const std::vector<std::string> kInserts = {",", "}", "]", "\"", "\\u00e9", "\\ud800", "[", "{}", " ", "x"};
  std::vector<std::string> out;
  for (const std::string& line : lines) {
    if (line.empty()) continue;
    for (int k = 0; k < 6; ++k) {
      std::string m = line;
      switch (next() % 5) {
        case 0: {  // a number token rewritten
          size_t at = next() % m.size();
          at = m.find_first_of("0123456789", at);
          if (at == std::string::npos || at == 0 || (m[at - 1] != ':' && m[at - 1] != '[' && m[at - 1] != ',')) break;
          const size_t end = m.find_first_not_of("0123456789.eE+-", at);
          m.replace(at, end - at, kNumbers[next() % kNumbers.size()]);
          break;
        }
        case 1: {  // an id string turned into a number
          const size_t at = m.find("\"id\":\"", next() % m.size());
          if (at == std::string::npos) break;
          const size_t end = m.find('"', at + 6);
          if (end != std::string::npos) m.replace(at + 5, end - at - 4, std::to_string(next() % 1000));
          break;
        }
        case 2: {  // a member repeated at the end of the release
          const size_t at = m.find("\":", next() % m.size());
          const size_t key = at == std::string::npos ? at : m.rfind('"', at - 1);
          if (key == std::string::npos || m.back() != '}') break;
          const size_t end = m.find_first_of(",}", at);
          if (end != std::string::npos) m.insert(m.size() - 1, "," + m.substr(key, end - key));
          break;
        }
        case 3: m.erase(next() % m.size(), 1 + next() % 3); break;
        default: m.insert(next() % m.size(), kInserts[next() % kInserts.size()]); break;
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

TEST(RedflagDomPath, MutatedLinesReadTheSameEitherWay) {
  std::vector<std::string> corpus;
  for (const fs::path& f : jsonl_files_under(fs::path(LF_SOURCE_DIR) / "tests" / "cases" / "redflags")) {
    auto lines = lines_of(f);
    corpus.insert(corpus.end(), lines.begin(), lines.end());
  }
  ASSERT_GT(corpus.size(), 100U);
  const auto lines = mutated(corpus, 20261122);
  expect_same(lines, "mutated lines");
  // The mutations reach both paths' corners: some lines stay releases, some become invalid.
  OcdsReader reader;
  ProcessFacts f;
  size_t releases = 0, invalid = 0;
  for (const std::string& line : lines) {
    const LineKind k = reader.read(line, f);
    releases += k == LineKind::Release ? 1 : 0;
    invalid += k == LineKind::Invalid ? 1 : 0;
  }
  EXPECT_GT(releases, lines.size() / 4);
  EXPECT_GT(invalid, lines.size() / 10);
}

}  // namespace
}  // namespace lf::formats
