// SAME-GROUP against a brute force over every group of every tender, on random tenders built to hold rings; and
// the scan's table of organisation numbers (open addressing, ids inline up to 24 bytes) through its growth.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/redflags.h"
#include "engine/redflags_internal.h"

namespace lf::engine::redflags {
namespace {

using Members = std::vector<std::string>;  // sorted

struct Release {
  std::string ocid;
  Members bidders;
};

// What SAME-GROUP flags, as docs/redflags.md states it: tenders are processes (a repeated OCID is one tender;
// its releases with fewer bidders than a group are not counted), a tender counts when its bidders number from
// group_size to maximum_bidders, and every group of group_size of its bidders meets in it.
std::pair<std::map<std::string, double>, std::map<std::string, double>> brute_force(const std::vector<Release>& releases,
                                                                                   const SameGroupSettings& s) {
  const size_t size = std::max<uint64_t>(s.group_size, 2), minimum = std::max<uint64_t>(s.minimum_tenders, 1);
  std::map<std::string, std::set<std::string>> tenders;
  for (const Release& r : releases)
    if (r.bidders.size() >= size) tenders[r.ocid].insert(r.bidders.begin(), r.bidders.end());
  std::map<Members, std::vector<std::string>> meetings;  // group → its tenders
  for (const auto& [ocid, set] : tenders) {
    const Members bidders(set.begin(), set.end());
    if (bidders.size() < size || bidders.size() > s.maximum_bidders) continue;
    std::vector<bool> pick(bidders.size(), false);
    std::fill(pick.begin(), pick.begin() + static_cast<std::ptrdiff_t>(size), true);
    do {
      Members group;
      for (size_t i = 0; i < bidders.size(); ++i)
        if (pick[i]) group.push_back(bidders[i]);
      meetings[group].push_back(ocid);
    } while (std::prev_permutation(pick.begin(), pick.end()));
  }
  std::map<std::string, double> ocids, tenderers;
  for (const auto& [group, where] : meetings) {
    if (where.size() < minimum) continue;
    const auto count = static_cast<double>(where.size());
    for (const std::string& o : where) ocids[o] = std::max(ocids[o], count);
    for (const std::string& t : group) tenderers[t] = std::max(tenderers[t], count);
  }
  return {ocids, tenderers};
}

std::map<std::string, double> flagged(const Results& r, Group g) {
  std::map<std::string, double> out;
  for (const auto& [id, flags] : r.group(g).entries())
    if (flags.has(Indicator::SameGroup)) out[id] = flags.value(Indicator::SameGroup);
  return out;
}

TEST(RedflagGroups, SameGroupFindsWhatEveryGroupOfEveryTenderGives) {
  std::mt19937 rng(8);
  for (int round = 0; round < 24; ++round) {
    SameGroupSettings s;
    s.group_size = 2 + round % 3;
    s.minimum_tenders = 2 + (round / 3) % 3;
    s.maximum_bidders = round % 4 == 0 ? 5 : 20;
    // Forty firms; a few rings of four bid together often, with others drawn at random.
    std::vector<std::string> firms;
    for (int i = 0; i < 40; ++i) firms.push_back("9111000071" + std::to_string(1000000 + i * 7919) + "X");
    std::vector<Release> releases;
    for (int t = 0; t < 300; ++t) {
      std::set<std::string> bidders;
      if (rng() % 3 == 0) {
        const size_t ring = rng() % 3;
        for (size_t k = 0; k < 4; ++k)
          if (rng() % 5 != 0) bidders.insert(firms[ring * 4 + k]);
      }
      for (size_t k = 0, n = 1 + rng() % 5; k < n; ++k) bidders.insert(firms[rng() % firms.size()]);
      // One release in ten is a later state of an earlier process.
      const std::string ocid = "ocds-" + std::to_string(rng() % 10 == 0 && t > 0 ? rng() % t : t);
      releases.push_back({ocid, Members(bidders.begin(), bidders.end())});
    }
    Settings settings;
    settings.same_group = s;
    RedflagScan scan(settings);
    for (const Release& r : releases) {
      ProcessFacts p;
      p.ocid = r.ocid;
      for (const std::string& b : r.bidders) p.tender_tenderers.push_back({b, ""});
      scan.add(p);
    }
    const Results results = std::move(scan).finish();
    const auto [ocids, tenderers] = brute_force(releases, s);
    EXPECT_EQ(flagged(results, Group::OCID), ocids) << "round " << round;
    EXPECT_EQ(flagged(results, Group::Tenderer), tenderers) << "round " << round;
    if (round == 0) {
      EXPECT_FALSE(ocids.empty());  // the rings do meet
    }
  }
}

TEST(RedflagGroups, NamesKeepTheirNumbersAsTheTableGrows) {
  Names names;
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; ++i) {
    // Ids of every length up to 40, many sharing their first 24 bytes (only the tail tells them apart).
    std::string t = i % 3 == 0 ? "91110000MA00000000000000" + std::to_string(i) : std::to_string(i * 2654435761U);
    t.resize(static_cast<size_t>(i % 41), 'x');
    if (std::find(texts.begin(), texts.end(), t) != texts.end()) continue;
    texts.push_back(t);
    ASSERT_EQ(names.number(t), texts.size() - 1) << t;
  }
  ASSERT_EQ(names.size(), texts.size());
  for (size_t n = 0; n < texts.size(); ++n) {
    EXPECT_EQ(names.number(texts[n]), n) << texts[n];
    EXPECT_EQ(names.text(static_cast<uint32_t>(n)), texts[n]);
  }
  EXPECT_EQ(names.number(""), names.number(std::string()));  // the empty text is a text like any other
}

}  // namespace
}  // namespace lf::engine::redflags
