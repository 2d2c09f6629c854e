// Reading releases as Cardinal reads them: which lines count, numbers, repeated keys; dates for R003;
// numbers printed as Cardinal prints them.
#include <gtest/gtest.h>

#include <simdjson.h>

#include <cmath>
#include <cstdlib>

#include "engine/redflags.h"
#include "engine/redflags_internal.h"
#include "formats/ocds.h"

namespace lf::formats {
namespace {

using engine::redflags::format_number;
using engine::redflags::ProcessFacts;
using engine::redflags::whole_days_between;

// Runtime dispatch: the lines are parsed by the best kernel this CPU runs (icelake, haswell, westmere), never
// by the fallback on a CPU with SIMD, whatever flags the build used.
TEST(RedflagOcds, SimdjsonUsesTheCpusKernel) {
  if (std::getenv("SIMDJSON_FORCE_IMPLEMENTATION") != nullptr) GTEST_SKIP() << "SIMDJSON_FORCE_IMPLEMENTATION is set";
  bool simd = false;
  for (const auto* impl : simdjson::get_available_implementations())
    simd = simd || (impl->name() != "fallback" && impl->supported_by_runtime_system());
  if (!simd) GTEST_SKIP() << "this CPU runs no SIMD kernel of simdjson";
  EXPECT_NE(simdjson_kernel(), "fallback");
  // The reader parses with it.
  OcdsReader reader;
  ProcessFacts f;
  EXPECT_EQ(reader.read(R"({"ocid":"a","tender":{"title":"\u7535\u8111 采购"}})", f), LineKind::Release);
  EXPECT_NE(simdjson_kernel(), "fallback");
}

TEST(RedflagOcds, NumbersAsSerdeJsonReadsThem) {
  auto n = read_json_number("1");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->kind, JsonNumber::Kind::Unsigned);
  EXPECT_EQ(n->u, 1U);
  n = read_json_number("-1");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->kind, JsonNumber::Kind::Signed);
  n = read_json_number("-0");  // a double in serde_json, not an integer
  ASSERT_TRUE(n);
  EXPECT_EQ(n->kind, JsonNumber::Kind::Double);
  EXPECT_TRUE(std::signbit(n->d));
  n = read_json_number("1.0 ");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->kind, JsonNumber::Kind::Double);
  EXPECT_EQ(n->as_double(), 1.0);
  EXPECT_EQ(read_json_number("18446744073709551616")->as_double(), 18446744073709551616.0);  // past 64 bits
  EXPECT_EQ(read_json_number("-9223372036854775808")->kind, JsonNumber::Kind::Signed);
  EXPECT_EQ(read_json_number("1e-400")->as_double(), 0.0);
  for (const char* amount : {"1234567.89", "0.1", "0.05", "99999999999.99", "1.5e3", "12E-2", "0.30000000000000004"})
    EXPECT_EQ(read_json_number(amount)->as_double(), std::strtod(amount, nullptr)) << amount;
  for (const char* bad : {"01", "1.", ".5", "-", "+1", "1e", "1e+", "1x", "1e400", "--1", ""})
    EXPECT_FALSE(read_json_number(bad)) << bad;
}

TEST(RedflagOcds, WhichLinesAreReleases) {
  OcdsReader reader;
  ProcessFacts f;
  EXPECT_EQ(reader.read("", f), LineKind::Blank);
  EXPECT_EQ(reader.read(" \t\r", f), LineKind::Blank);
  EXPECT_EQ(reader.read("[0]", f), LineKind::NotRelease);
  EXPECT_EQ(reader.read("5", f), LineKind::NotRelease);
  EXPECT_EQ(reader.read("\"x\"", f), LineKind::NotRelease);
  EXPECT_EQ(reader.read("{}", f), LineKind::NotRelease);
  EXPECT_EQ(reader.read(R"({"ocid":1})", f), LineKind::NotRelease);
  EXPECT_EQ(reader.read(R"({"ocid":"a","ocid":null})", f), LineKind::NotRelease);  // the last key wins
  EXPECT_EQ(reader.read(R"({"ocid":"a"})", f), LineKind::Release);
  EXPECT_EQ(f.ocid, "a");
  std::string why;
  for (const char* bad : {R"({"ocid":"a",})", R"({"ocid":"a"} x)", R"({"ocid":"a","n":01})", R"({"ocid":"a","n":tru})",
                          R"({"ocid":"a","s":"\x"})", R"({"ocid":"a","n":1e400})", "{bad", "\xEF\xBB\xBF{}",
                          R"({"ocid":"a","x":[1,]})"}) {
    EXPECT_EQ(reader.read(bad, f, &why), LineKind::Invalid) << bad;
    EXPECT_FALSE(why.empty());
  }
}

TEST(RedflagOcds, NestingLimitIsSerdeJsons) {
  OcdsReader reader;
  ProcessFacts f;
  auto nested = [](int levels) {  // the release object plus levels - 1 arrays
    return R"({"ocid":"a","x":)" + std::string(static_cast<size_t>(levels - 1), '[') +
           std::string(static_cast<size_t>(levels - 1), ']') + "}";
  };
  EXPECT_EQ(reader.read(nested(127), f), LineKind::Release);
  EXPECT_EQ(reader.read(nested(128), f), LineKind::Invalid);
}

TEST(RedflagOcds, FactsOfARelease) {
  OcdsReader reader;
  ProcessFacts f;
  ASSERT_EQ(reader.read(R"({"ocid":"o","buyer":{"id":"B"},"tender":{"status":"active","procurementMethod":"open",
      "procurementMethodDetails":"d","numberOfTenderers":1,"procuringEntity":{"id":"P"},
      "tenderPeriod":{"startDate":"s","endDate":"e"}},
      "bids":{"details":[{"status":"valid","date":"x","value":{"amount":1.0,"currency":"USD"},"tenderers":[{"id":"T"},"junk",{"id":5}]},7]},
      "awards":[{"status":"active","suppliers":[{"id":"T"}],"items":[{"classification":{"id":"4510"}},{"classification":{}}]},"x"]})",
                        f),
            LineKind::Release);
  EXPECT_EQ(*f.buyer, "B");
  EXPECT_EQ(*f.tender_status, "active");
  EXPECT_EQ(*f.procurement_method, "open");
  EXPECT_EQ(*f.procurement_method_details, "d");
  EXPECT_TRUE(f.single_tenderer);
  EXPECT_EQ(*f.procuring_entity, "P");
  EXPECT_EQ(*f.tender_start, "s");
  EXPECT_EQ(*f.tender_end, "e");
  ASSERT_TRUE(f.has_bid_details);
  ASSERT_EQ(f.bids.size(), 1U);  // 7 is not a bid
  EXPECT_EQ(*f.bids[0].amount, 1.0);
  ASSERT_EQ(f.bids[0].tenderers.size(), 3U);  // the length counts ("exactly one tenderer"), the ids do not
  EXPECT_EQ(*f.bids[0].tenderers[0], "T");
  EXPECT_FALSE(f.bids[0].tenderers[1]);
  EXPECT_FALSE(f.bids[0].tenderers[2]);
  ASSERT_TRUE(f.has_awards);
  ASSERT_EQ(f.awards.size(), 1U);
  EXPECT_EQ(f.awards[0].classification_ids, std::vector<std::string>{"4510"});

  // numberOfTenderers must be the integer 1; a repeated tender replaces the first one whole.
  ASSERT_EQ(reader.read(R"({"ocid":"o","tender":{"numberOfTenderers":1.0}})", f), LineKind::Release);
  EXPECT_FALSE(f.single_tenderer);
  ASSERT_EQ(reader.read(R"({"ocid":"o","tender":{"status":"cancelled"},"tender":{"procurementMethod":"open"}})", f),
            LineKind::Release);
  EXPECT_FALSE(f.tender_status);
  EXPECT_EQ(*f.procurement_method, "open");
  ASSERT_EQ(reader.read(R"({"ocid":"o","bids":{"details":[{"value":{"amount":"1","currency":1}}]}})", f),
            LineKind::Release);
  EXPECT_FALSE(f.bids[0].amount);  // a string is not an amount
  EXPECT_FALSE(f.bids[0].currency);
}

TEST(RedflagOcds, WholeDaysAsChronoCountsThem) {
  EXPECT_EQ(whole_days_between("2000-01-01T18:00:00Z", "2000-01-16T17:59:59Z"), 14);
  EXPECT_EQ(whole_days_between("2000-01-01T18:00:00Z", "2000-01-16T18:00:00Z"), 15);
  EXPECT_EQ(whole_days_between("2000-01-01T00:00:00+08:00", "2000-01-01T16:00:00Z"), 1);
  EXPECT_EQ(whole_days_between("2000-01-03T00:00:00Z", "2000-01-01T12:00:00Z"), -1);  // toward zero
  EXPECT_EQ(whole_days_between("2000-02-28T00:00:00.5Z", "2000-03-01T00:00:00z"), 1);  // 2000 is a leap year
  EXPECT_EQ(whole_days_between("2000-01-01 00:00:00Z", "2000-01-02t00:00:00-00:00"), 1);
  EXPECT_FALSE(whole_days_between("2000-01-01", "2000-01-20"));  // dates alone are skipped
  EXPECT_FALSE(whole_days_between("invalid", "2000-01-01T00:00:00Z"));
  EXPECT_FALSE(whole_days_between("2000-02-30T00:00:00Z", "2000-03-01T00:00:00Z"));
  EXPECT_FALSE(whole_days_between("2000-01-01T00:00:00+0800", "2000-03-01T00:00:00Z"));
  EXPECT_FALSE(whole_days_between("2000-01-01T00:00:00Z ", "2000-03-01T00:00:00Z"));
}

TEST(RedflagJson, NumbersAsCardinalPrintsThem) {
  EXPECT_EQ(format_number(1.0), "1.0");
  EXPECT_EQ(format_number(0.0), "0.0");
  EXPECT_EQ(format_number(0.2), "0.2");
  EXPECT_EQ(format_number(100.0), "100.0");
  EXPECT_EQ(format_number(-2.5), "-2.5");
  EXPECT_EQ(format_number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_number(1e15), "1000000000000000.0");
  EXPECT_EQ(format_number(1e16), "1e16");
  EXPECT_EQ(format_number(1.5e17), "1.5e17");
  EXPECT_EQ(format_number(-1e21), "-1e21");
  EXPECT_EQ(format_number(123456789.125), "123456789.125");
  EXPECT_EQ(format_number(0.0001), "0.0001");
  EXPECT_EQ(format_number(0.00001), "0.00001");
  EXPECT_EQ(format_number(0.000001), "1e-6");
  EXPECT_EQ(format_number(1.5e-7), "1.5e-7");
  EXPECT_EQ(format_number(NAN), "null");
  EXPECT_EQ(format_number(INFINITY), "null");
}

TEST(RedflagJson, ShapeOfTheResults) {
  engine::redflags::Results r;
  using engine::redflags::Group;
  using engine::redflags::Indicator;
  r.group(Group::Tenderer).set("T\"1", Indicator::R048, 2.0);
  r.group(Group::OCID).set("o", Indicator::R036, 1.0);
  r.group(Group::OCID).set("o", Indicator::R003, 1.0);
  engine::redflags::add_meta(r, Indicator::R048, "q1", 1.0 / 3);
  EXPECT_EQ(engine::redflags::to_json(r, false),
            R"({"OCID":{"o":{"R003":1.0,"R036":1.0}},"Tenderer":{"T\"1":{"R048":2.0}}})");
  EXPECT_EQ(engine::redflags::to_json(r, true),
            R"({"OCID":{"o":{"R003":1.0,"R036":1.0}},"Tenderer":{"T\"1":{"R048":2.0}},"Meta":{"R048":{"q1":0.3333}}})");
  EXPECT_EQ(engine::redflags::to_json(engine::redflags::Results{}, true), R"({"Meta":{}})");
  EXPECT_EQ(engine::redflags::to_json(engine::redflags::Results{}, false), "{}");
}

}  // namespace
}  // namespace lf::formats
