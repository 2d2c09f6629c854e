// Inside the red-flag engine: the Chinese patterns (SHARED-CONTACT ... BLACKLIST, docs/redflags.md).
// Those decided release by release write into the scan's results at once; the others keep state per buyer,
// tenderer, supplier or group of tenderers, joined across scans of a file's parts and decided at the end,
// organisations in id order and processes in file order, so that the results never depend on the threads.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/redflags.h"
#include "engine/redflags_internal.h"
#include "engine/redflags_maps.h"

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
std::string_view buyer_of(const ProcessFacts& p);  // a view into `p`
// The bidders of a process, sorted and distinct: the tenderers of counted bids, tender.tenderers[] and the
// parties with the role "tenderer" (those with an id).
// The views point into `p`.
std::vector<std::string_view> bidders_of(const ProcessFacts& p);
// The suppliers of counted awards, sorted and distinct (views into `p`).
std::vector<std::string_view> winners_of(const ProcessFacts& p);
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
// The same into a buffer the caller reuses (no allocation once it is large enough).
void normalize_name_into(std::string_view s, std::string& out);
void normalize_field_into(std::string_view s, std::string& out);
void normalize_phones_into(std::string_view s, std::vector<std::string>& out);
void normalize_emails_into(std::string_view s, std::vector<std::string>& out);

// ---- State of the cross-release patterns ----

// Strings a scan keeps (organisation ids and currencies; OCIDs apart), numbered in order of first appearance,
// so that the state holds numbers. Joining a later scan renumbers its strings into this table.
class Names {
 public:
  uint32_t number(std::string_view s);
  const std::string& text(uint32_t n) const { return texts_[n]; }
  size_t size() const { return texts_.size(); }
  // Adds `later`'s strings in its order; returns their numbers here, indexed by their numbers there.
  std::vector<uint32_t> absorb(const Names& later);
  // rank[n]: the place of text(n) among all texts in byte order, to sort by text with integer comparisons.
  // Worked out once for the texts there are (the end asks for it once per pattern).
  const std::vector<uint32_t>& ranks() const;

 private:
  std::deque<std::string> texts_;  // a deque keeps the strings where they are, for the views below
  boost::unordered_flat_map<std::string_view, uint32_t, StringHash, std::equal_to<>> numbers_;
  mutable std::vector<uint32_t> ranks_;  // ranks() for the first ranks_.size() texts
};

struct PriceKey {  // IDENTICAL-BID: one amount at one buyer
  uint32_t buyer, currency;
  double amount;
  bool operator==(const PriceKey&) const = default;
};
struct PriceKeyHash {
  size_t operator()(const PriceKey& k) const {
    return std::hash<double>()(k.amount) ^ (std::hash<uint64_t>()((uint64_t{k.buyer} << 32) | k.currency) * 31);
  }
};

// IDENTICAL-BID: one bid, in a list per price linked through `next` (no allocation per price).
struct BidSeen {
  static constexpr uint32_t kEnd = UINT32_MAX;
  uint32_t ocid;
  uint32_t first_tenderer, tenderers;  // in bid_tenderers, sorted
  uint32_t next = kEnd;
};
struct BidList {
  uint32_t head, tail;
};

struct SplitPurchase {  // what one process awarded one supplier, below the threshold
  int64_t day;
  double amount;
  uint32_t ocid;
};
struct WinCount {  // COVER-BIDDER
  uint64_t processes = 0;  // awarded processes bid in
  uint64_t wins = 0;
};

inline uint64_t pair_key(uint32_t a, uint32_t b) { return (uint64_t{a} << 32) | b; }
inline uint32_t high(uint64_t k) { return static_cast<uint32_t>(k >> 32); }
inline uint32_t low(uint64_t k) { return static_cast<uint32_t>(k); }

struct RedflagScan::ChineseState {
  Names names;  // organisations and currencies
  Names ocids;  // processes: one per release, so apart from the organisations, whose table stays small and warm
  // IDENTICAL-BID: the bids at each price, in file order.
  boost::unordered_flat_map<PriceKey, BidList, PriceKeyHash> identical;
  std::vector<BidSeen> bids_seen;
  std::vector<uint32_t> bid_tenderers;
  FlatMap<uint32_t, uint64_t> buyer_awards;                 // REPEAT-AWARD: by buyer
  FlatMap<uint64_t, uint64_t> buyer_supplier_wins;          // REPEAT-AWARD: by (buyer, supplier)
  FlatMap<uint32_t, WinCount> cover_bidder;                 // by tenderer
  FlatMap<uint32_t, std::vector<uint32_t>> tenders_of;      // SAME-GROUP: tenderer → ocids
  FlatMap<uint64_t, std::vector<SplitPurchase>> split;      // SPLIT: by (buyer, supplier)

  // The number of an organisation (or currency) of the release being added: a release names its bidders
  // several times (bids, tender.tenderers, parties) and several patterns ask, so each is looked up once.
  uint32_t org(std::string_view id);
  void start_release() { this_release_.clear(); }
  void absorb(ChineseState&& later);

 private:
  std::vector<std::pair<std::string_view, uint32_t>> this_release_;  // views into the release's facts
};

// Flags whose value is the largest one noted for the id, set in the order ids were first noted.
class LargestFlags {
 public:
  void note(Group g, const std::string& id, double v);
  void emit(Indicator i, Results& out) const;

 private:
  struct Entry {
    Group group;
    std::string id;
    double value;
  };
  std::vector<Entry> order_;
  std::map<std::pair<Group, std::string>, size_t> at_;
};

// The gathering and the end of SAME-GROUP (redflags_cn_groups.cc); `bidders`: bidders_of(p).
void gather_same_group(const SameGroupSettings& s, const std::vector<std::string_view>& bidders,
                       const ProcessFacts& p, RedflagScan::ChineseState& st);
void finish_same_group(const SameGroupSettings& s, RedflagScan::ChineseState& st, Results& out);

// One release, after Cardinal's indicators.
void add_chinese(const Settings& s, const ProcessFacts& p, RedflagScan::ChineseState& st, Results& out);
// The cross-release patterns, after Cardinal's finishing steps.
void finish_chinese(const Settings& s, RedflagScan::ChineseState& st, Results& out);

// The per-release patterns.
// `bidders`: bidders_of(p).
void flag_shared_contact(const SharedContactSettings& s, const ProcessFacts& p,
                         const std::vector<std::string_view>& bidders, Results& out);
void flag_pattern_bid(const PatternBidSettings& s, const ProcessFacts& p, Results& out);
void flag_contract_change(const ContractChangeSettings& s, const ProcessFacts& p, Results& out);
void flag_new_firm(const NewFirmSettings& s, const ProcessFacts& p, Results& out);
void flag_blacklist(const BlacklistSettings& s, const ProcessFacts& p, Results& out);

}  // namespace lf::engine::redflags
