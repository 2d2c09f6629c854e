// Inside the red-flag engine: the Chinese patterns (SHARED-CONTACT ... BLACKLIST, docs/redflags.md).
// Those decided release by release write into the scan's results at once; the others keep state per buyer,
// tenderer, supplier or group of tenderers, joined across scans of a file's parts and decided at the end,
// organisations in id order and processes in file order, so that the results never depend on the threads.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/redflags.h"
#include "engine/redflags_internal.h"

namespace lf::engine::redflags {

// ---- Rules shared by the Chinese patterns ----

// An award counts (won) when its status is "active" or absent: Chinese publishers often leave it out.
bool award_counts(const Award& a);
// A bid counts (submitted) when its status is absent or is neither "invited" nor "withdrawn".
bool bid_counts(const Bid& b);
// The currency an amount is compared in: its currency, or "" (amounts without one form their own class).
inline const std::string& currency_class(const std::optional<std::string>& c) {
  static const std::string kNone;
  return c ? *c : kNone;
}
// buyer.id, or the id of the only party with the role "buyer"; "" when neither.
std::string buyer_of(const ProcessFacts& p);
// The bidders of a process, sorted and distinct: the tenderers of counted bids, tender.tenderers[] and the
// parties with the role "tenderer" (those with an id).
std::vector<std::string> bidders_of(const ProcessFacts& p);
// The suppliers of counted awards, sorted and distinct.
std::vector<std::string> winners_of(const ProcessFacts& p);
// The party with this id (the first), or nullptr.
const Party* party_of(const ProcessFacts& p, std::string_view id);
// The tender's date: tenderPeriod.startDate, else tender.datePublished, as a calendar day.
std::optional<int64_t> tender_day(const ProcessFacts& p);

// A telephone field as numbers (digits only; several numbers split at , ; / 、 and their full-width forms;
// the country code 86 or 0086 and a leading trunk 0 removed; fewer than 7 digits, or one digit repeated,
// dropped).
std::vector<std::string> normalized_phones(std::string_view s);
// An email field as addresses (half-width, lower case, no spaces; split as phones; must hold '@').
std::vector<std::string> normalized_emails(std::string_view s);
// normalized_name, but "" for placeholders (无, 暂无, 不详, 未知, 无联系人, n/a, none, null, nil, unknown).
std::string normalized_field(std::string_view s);

// ---- State of the cross-release patterns ----

struct IdenticalBidSeen {  // one bid of a buyer's tender
  std::string ocid;
  std::vector<std::string> tenderers;  // sorted, distinct
};
struct SplitPurchase {  // what one process awarded one supplier, below the threshold
  int64_t day;
  double amount;
  std::string ocid;
};
struct WinCount {  // COVER-BIDDER
  uint64_t processes = 0;  // awarded processes bid in
  uint64_t wins = 0;
};
struct BuyerAwards {  // REPEAT-AWARD
  uint64_t awards = 0;
  std::unordered_map<std::string, uint64_t> wins;  // by supplier
};
struct TenderGroup {  // SAME-GROUP
  std::vector<std::string> members;  // sorted
  std::vector<std::string> ocids;    // the tenders they met in, in file order
};

struct RedflagScan::ChineseState {
  // IDENTICAL-BID: by buyer, by (currency, amount), bids in file order.
  std::unordered_map<std::string, std::map<std::pair<std::string, double>, std::vector<IdenticalBidSeen>>> identical;
  std::unordered_map<std::string, BuyerAwards> repeat_award;  // by buyer
  std::unordered_map<std::string, WinCount> cover_bidder;     // by tenderer
  std::unordered_map<std::string, TenderGroup> groups;        // SAME-GROUP, by the members joined with \x1f
  // SPLIT: by buyer, by supplier, in file order.
  std::unordered_map<std::string, std::unordered_map<std::string, std::vector<SplitPurchase>>> split;

  void absorb(ChineseState&& later);
};

// One release, after Cardinal's indicators.
void add_chinese(const Settings& s, const ProcessFacts& p, RedflagScan::ChineseState& st, Results& out);
// The cross-release patterns, after Cardinal's finishing steps.
void finish_chinese(const Settings& s, RedflagScan::ChineseState& st, Results& out);

// The per-release patterns.
void flag_shared_contact(const SharedContactSettings& s, const ProcessFacts& p, Results& out);
void flag_pattern_bid(const PatternBidSettings& s, const ProcessFacts& p, Results& out);
void flag_contract_change(const ContractChangeSettings& s, const ProcessFacts& p, Results& out);
void flag_new_firm(const NewFirmSettings& s, const ProcessFacts& p, Results& out);
void flag_blacklist(const BlacklistSettings& s, const ProcessFacts& p, Results& out);

}  // namespace lf::engine::redflags
