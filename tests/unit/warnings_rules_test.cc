// Warning rules as tables (tests/cases/warnings/routing.json): routing tiers, raising levels, lifecycle moves and
// who makes them.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "modules/warnings/rules.h"

namespace json = boost::json;
using namespace lf::warnings;

namespace {

json::object cases() {
  std::ifstream in(std::filesystem::path(LF_SOURCE_DIR) / "tests" / "cases" / "warnings" / "routing.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str()).as_object();
}

std::string s(const json::value& v, const char* k) { return std::string(v.as_object().at(k).as_string()); }

const char* actor_name(Actor a) {
  return a == Actor::recipient ? "recipient" : a == Actor::subject ? "subject" : "issuer";
}

}  // namespace

TEST(WarningRules, RoutingTable) {
  const auto c = cases();
  ASSERT_GE(c.at("route").as_array().size(), 9u);
  for (const auto& r : c.at("route").as_array())
    EXPECT_EQ(route_tier(s(r, "level"), s(r, "risk")), r.as_object().at("tier").as_int64())
        << s(r, "level") << " on a " << s(r, "risk") << " risk";
}

TEST(WarningRules, RaisingLevels) {
  const auto c = cases();  // kept: a range-for over a temporary's member would dangle
  for (const auto& r : c.at("raise").as_array()) EXPECT_EQ(raised(s(r, "level")), s(r, "to"));
}

TEST(WarningRules, LifecycleMoves) {
  const auto c = cases();
  for (const auto& m : c.at("moves").as_array()) {
    const auto got = plan(s(m, "status"), s(m, "action"));
    SCOPED_TRACE(s(m, "status") + " + " + s(m, "action"));
    if (m.as_object().contains("error")) {
      ASSERT_FALSE(got.ok());
      EXPECT_EQ(got.error().code, "warning.action_invalid");
      continue;
    }
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->to, s(m, "to"));
    EXPECT_EQ(actor_name(got->by), s(m, "by"));
  }
}

TEST(WarningRules, DeadlinesAndTalks) {
  EXPECT_LT(sign_days("alarm"), sign_days("warning"));
  EXPECT_LT(sign_days("warning"), sign_days("reminder"));
  EXPECT_TRUE(includes_talk({"提醒", "廉政谈话"}));
  EXPECT_TRUE(includes_talk({"诫勉谈话"}));
  EXPECT_FALSE(includes_talk({"提醒", "督导", "纠错"}));
  EXPECT_EQ(kCommitDays, 5);  // seed 003: within 5 days after the talk
}
