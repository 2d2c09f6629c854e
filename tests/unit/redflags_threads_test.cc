// The results must not depend on the number of threads or on how the input is cut into batches: the same
// synthetic file (many currencies, repeated OCIDs, invalid lines) scanned in one piece and in many.
#include <gtest/gtest.h>

#include <sstream>

#include "engine/redflags.h"
#include "formats/ocds_stream.h"

namespace lf::formats {
namespace {

using engine::redflags::Settings;

// A small deterministic generator (no <random>: its distributions differ between standard libraries).
class Dice {
 public:
  explicit Dice(uint64_t seed) : x_(seed) {}
  uint64_t operator()(uint64_t n) {
    x_ = x_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return (x_ >> 33) % n;
  }

 private:
  uint64_t x_;
};

std::string pick(Dice& d, std::initializer_list<const char*> options) {
  return *(options.begin() + d(options.size()));
}

std::string release(Dice& d, int i) {
  const std::string ocid = "ocds-" + std::to_string(d(10) == 0 ? i / 2 : i);  // some processes appear twice
  std::string bids;
  const int n = 1 + static_cast<int>(d(5));
  std::vector<std::string> tenderers;
  for (int b = 0; b < n; ++b) {
    const std::string t = "T" + std::to_string(d(25));
    tenderers.push_back(t);
    const std::string amount = d(3) == 0 ? std::to_string(100 + d(4)) : std::to_string(100 + d(50)) + "." + std::to_string(d(100));
    bids += std::string(b ? "," : "") + R"({"status":")" + pick(d, {"valid", "valid", "valid", "disqualified", "pending", "invited", "withdrawn"}) +
            R"(","date":"2020-0)" + std::to_string(1 + d(3)) + R"(-15T00:00:00Z","tenderers":[{"id":")" + t + R"("}],"value":{"amount":)" +
            amount + R"(,"currency":")" + pick(d, {"USD", "USD", "USD", "USD", "CAD"}) + R"("}})";
  }
  std::string items;
  for (uint64_t k = 0, m = 1 + d(3); k < m; ++k)
    items += std::string(k ? "," : "") + R"({"classification":{"id":")" + std::to_string(10 + d(6)) + R"(000000"}})";
  const std::string winner = tenderers[d(tenderers.size())];
  return R"({"ocid":")" + ocid + R"(","buyer":{"id":"B)" + std::to_string(d(6)) + R"("},"tender":{"status":")" +
         pick(d, {"complete", "complete", "active", "cancelled"}) + R"(","procurementMethod":")" +
         pick(d, {"open", "selective", "limited"}) + R"(","procurementMethodDetails":")" + pick(d, {"A", "B", "NPC", "EXC"}) +
         R"(","numberOfTenderers":)" + std::to_string(n) + R"(,"procuringEntity":{"id":"P)" + std::to_string(d(4)) +
         R"("},"tenderPeriod":{"startDate":"2020-01-01T00:00:00Z","endDate":"2020-01-)" + std::to_string(10 + d(19)) +
         R"(T00:00:00Z"}},"bids":{"details":[)" + bids + R"(]},"awards":[{"status":")" +
         pick(d, {"active", "active", "active", "pending", "cancelled"}) + R"(","suppliers":[{"id":")" + winner +
         R"("}],"items":[)" + items + "]}]}";
}

std::string synthetic_file() {
  Dice d(42);
  // The first currency-bearing bids are Canadian: the main currency is decided by line 2, not by whichever
  // thread happens to finish first.
  std::string text =
      R"({"ocid":"first","bids":{"details":[{"status":"valid","tenderers":[{"id":"X"}],"value":{"amount":5,"currency":"CAD"}},{"status":"valid","tenderers":[{"id":"Y"}],"value":{"amount":6,"currency":"CAD"}}]},"awards":[{"status":"active","suppliers":[{"id":"X"}]}]})"
      "\n\n";
  for (int i = 0; i < 1500; ++i) {
    if (i % 97 == 13) text += "{not json\n";
    if (i % 89 == 7) text += "   \n";
    text += release(d, i) + "\n";
  }
  return text;
}

struct ScanRun {
  std::string json;
  std::vector<uint64_t> bad_lines;
};

ScanRun scan(const std::string& text, const Settings& settings, ScanOptions options) {
  std::istringstream in(text);
  ScanRun run;
  auto r = scan_releases(in, settings, options, [&](const LineProblem& p) { run.bad_lines.push_back(p.line); });
  EXPECT_TRUE(r.ok());
  if (r.ok()) run.json = engine::redflags::to_json(*r, true);
  return run;
}

TEST(RedflagThreads, SameResultsWithOneAndFourThreads) {
  const std::string text = synthetic_file();
  Settings settings = Settings::all_defaults();
  settings.r048->minimum_contracting_processes = 3;
  settings.no_price_comparison_procurement_methods = {"NPC"};
  settings.excluded_procurement_method_details = {"EXC"};

  const ScanRun one = scan(text, settings, {});
  // Many indicators fire on this file, so the comparison means something.
  for (const char* code : {"R003", "R018", "R024", "R025", "R028", "R030", "R035", "R036", "R038", "R048", "R058"})
    EXPECT_NE(one.json.find(code), std::string::npos) << code << " never fired: " << one.json.substr(0, 400);
  EXPECT_FALSE(one.bad_lines.empty());

  for (ScanOptions o : {ScanOptions{1, size_t{4} << 20, 7}, ScanOptions{4, size_t{4} << 20, 7},
                        ScanOptions{4, size_t{4} << 20, 1}, ScanOptions{3, 1000, 0}}) {
    SCOPED_TRACE("threads " + std::to_string(o.threads) + ", batch lines " + std::to_string(o.batch_lines));
    const ScanRun other = scan(text, settings, o);
    EXPECT_EQ(other.json, one.json);
    EXPECT_EQ(other.bad_lines, one.bad_lines);
  }
}

TEST(RedflagThreads, FirstCurrencyIsTheFirstInTheFile) {
  // Only line 1 has Canadian dollars; every later process is in US dollars. Cardinal's main currency is the
  // first one it sees, so no US ratio counts, however the lines are shared out.
  std::string text =
      R"({"ocid":"cad","bids":{"details":[{"status":"valid","tenderers":[{"id":"W"}],"value":{"amount":1,"currency":"CAD"}},{"status":"valid","tenderers":[{"id":"L"}],"value":{"amount":100,"currency":"CAD"}}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]})"
      "\n";
  for (int i = 0; i < 40; ++i)
    text += R"({"ocid":"usd)" + std::to_string(i) +
            R"(","bids":{"details":[{"status":"valid","tenderers":[{"id":"W"}],"value":{"amount":1,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"L"}],"value":{"amount":1,"currency":"USD"}}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]})"
            "\n";
  Settings settings;
  settings.r058.emplace();
  settings.r058->threshold = 0.5;
  for (int threads : {1, 4}) {
    const ScanRun run = scan(text, settings, ScanOptions{threads, size_t{4} << 20, 1});
    EXPECT_EQ(run.json, R"({"OCID":{"cad":{"R058":99.0}},"Tenderer":{"W":{"R058":0.0}},"Meta":{"R058":{"upper_fence":0.5}}})")
        << threads;
  }
  settings.currency = "USD";
  EXPECT_EQ(scan(text, settings, {}).json, R"({"Meta":{"R058":{"upper_fence":0.5}}})");
}

}  // namespace
}  // namespace lf::formats
