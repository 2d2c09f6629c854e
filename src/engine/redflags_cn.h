// Inside the red-flag engine: the Chinese patterns (SHARED-CONTACT ... BLACKLIST, docs/redflags.md).
// Those decided release by release write into the scan's results at once; the others keep state per buyer,
// tenderer, supplier or group of tenderers, joined across scans of a file's parts and decided at the end,
// organisations in id order and processes in file order, so that the results never depend on the threads.
#pragma once
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/redflags.h"
#include "engine/redflags_internal.h"
#include "engine/redflags_maps.h"

namespace lf::engine::redflags {

// ---- Code points as the normalisers read them (redflags_cn_text.cc) ----

// The next code point of UTF-8 text at `at` (advanced past it); a byte that does not start a valid sequence
// stands for itself.
char32_t next_code_point(std::string_view s, size_t& at);
// Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space as their half-width counterparts.
char32_t half_width(char32_t cp);
// Spaces and punctuation beyond ASCII: Latin-1 punctuation and spaces (· « » ¡ ¿), general punctuation
// (— ‘ ’ “ ” … and the special spaces), CJK symbols and punctuation (、。〈〉《》「」『』【】〔〕〖〗〜, except
// the ideographic marks 々〆〇 and the Hangzhou numerals), vertical, compatibility and small forms,
// half-width CJK punctuation, the katakana middle dot and the byte order mark.
bool wide_punctuation_or_space(char32_t cp);
// What splits a field holding several phones or emails: , ; / 、 (full-width forms are half-width by then).
bool separator(char32_t cp);
// The length of the shortest UTF-8 encoding of `cp`.
size_t encoded_length(char32_t cp);

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
FewIds bidders_of(const ProcessFacts& p);
// The suppliers of counted awards, sorted and distinct (views into `p`).
FewIds winners_of(const ProcessFacts& p);
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

// IDENTICAL-BID: one counted bid with a price, in file order. Bids at the same price of the same buyer are
// brought together at the end by sorting (buyers by counting, then each buyer's bids): appending 20 bytes is
// all a bid costs as the releases pass, where a hash table of prices missed the cache on every bid and held
// twice the memory. No member is a double, so the log packs them (a double would align them to 24 bytes).
struct PricedBid {
  static constexpr uint32_t kSeveral = 1U << 31;
  uint32_t amount_bits[2];  // the amount, a double, bit for bit
  uint32_t market;          // (buyer, currency), numbered in ChineseState::markets
  uint32_t ocid;
  // The tenderer's number when the bid has one (nearly every bid), or kSeveral | where its list starts in
  // ChineseState::several_tenderers (a count, then the numbers, sorted).
  uint32_t tenderers;

  PricedBid(double amount, uint32_t market_n, uint32_t ocid_n) : market(market_n), ocid(ocid_n), tenderers(0) {
    std::memcpy(amount_bits, &amount, sizeof amount);
  }
  double amount() const {
    double a;
    std::memcpy(&a, amount_bits, sizeof a);
    return a;
  }
};
static_assert(sizeof(PricedBid) == 20);

struct SplitPurchase {  // what one process awarded one supplier, below the threshold (24 bytes)
  double amount;
  int32_t day;  // days since 1970-01-01 of a four-digit year: far inside 32 bits
  uint32_t ocid;
  uint32_t buyer, supplier;
};
struct WinCount {  // COVER-BIDDER
  uint64_t processes = 0;  // awarded processes bid in
  uint64_t wins = 0;
};

// The positions 0 .. n-1 of a log, grouped by the rank of an organisation of each entry (`rank_of(i)`, below
// `ranks`), ranks ascending; `visit` gets each rank's entries as (key_of(i), i) pairs sorted by key (operator<),
// equal keys in log (file) order. A counting sort by rank, then small sorts within each rank over the pairs
// copied side by side: the logs hold millions of entries, the organisations tens of thousands, and a comparison
// that fetched both entries from the log was a cache miss each. A visitor that needs only the keys (runs of
// equal keys) reads nothing else of the log.
template <class RankOf, class KeyOf, class Visit>
void visit_by_rank(size_t n, size_t ranks, RankOf rank_of, KeyOf key_of, Visit visit) {
  std::vector<uint32_t> start(ranks + 1, 0), order(n);
  for (uint32_t i = 0; i < n; ++i) ++start[rank_of(i) + 1];
  for (size_t r = 1; r < start.size(); ++r) start[r] += start[r - 1];
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (uint32_t i = 0; i < n; ++i) order[fill[rank_of(i)]++] = i;
  using Key = decltype(key_of(uint32_t{0}));
  std::vector<std::pair<Key, uint32_t>> keyed;
  for (size_t r = 0; r < ranks; ++r) {
    if (start[r + 1] == start[r]) continue;
    keyed.clear();
    for (uint32_t k = start[r]; k < start[r + 1]; ++k) keyed.emplace_back(key_of(order[k]), order[k]);
    std::sort(keyed.begin(), keyed.end());  // by key, then position: file order among equal keys
    visit(std::span<const std::pair<Key, uint32_t>>(keyed));
  }
}

// The same order as one list of positions.
template <class RankOf, class KeyOf>
std::vector<uint32_t> order_by_rank(size_t n, size_t ranks, RankOf rank_of, KeyOf key_of) {
  std::vector<uint32_t> order;
  order.reserve(n);
  visit_by_rank(n, ranks, rank_of, key_of, [&](auto entries) {
    for (const auto& e : entries) order.push_back(e.second);
  });
  return order;
}

inline uint64_t pair_key(uint32_t a, uint32_t b) { return (uint64_t{a} << 32) | b; }
inline uint32_t high(uint64_t k) { return static_cast<uint32_t>(k >> 32); }
inline uint32_t low(uint64_t k) { return static_cast<uint32_t>(k); }

struct RedflagScan::ChineseState {
  // Organisations and currencies, numbered: the scan's table (RedflagScan::State::orgs), shared with
  // Cardinal's indicators.
  ScanNumbers* numbers = nullptr;
  const Names& names() const { return numbers->names; }
  const OcidLog& ocids() const { return numbers->ocids; }
  uint32_t org(std::string_view id) { return numbers->org(id); }
  uint32_t ocid(const ProcessFacts& p) { return numbers->ocid(p.ocid); }
  // IDENTICAL-BID: the bids with a price, in file order.
  ChunkedLog<PricedBid> priced_bids;
  // The (buyer, currency) pairs bids were made in (a few thousand), numbered as they appear.
  std::vector<std::pair<uint32_t, uint32_t>> markets;
  FlatMap<uint64_t, uint32_t> market_numbers;  // pair_key(buyer, currency) → its number in `markets`
  uint32_t market(uint32_t buyer, uint32_t currency) {
    auto [it, added] = market_numbers.try_emplace(pair_key(buyer, currency), static_cast<uint32_t>(markets.size()));
    if (added) markets.emplace_back(buyer, currency);
    return it->second;
  }
  BigVector<uint32_t> several_tenderers;  // the bids by several tenderers together (consortia)
  // The tenderers of a priced bid (in the log: the log never moves its entries), sorted.
  std::span<const uint32_t> tenderers_of(const PricedBid& b) const {
    if ((b.tenderers & PricedBid::kSeveral) == 0) return {&b.tenderers, 1};
    const uint32_t at = b.tenderers & ~PricedBid::kSeveral;
    return {several_tenderers.data() + at + 1, several_tenderers[at]};
  }
  // Adds a bid with these tenderers (sorted, distinct, at least one).
  void add_priced_bid(PricedBid b, std::span<const uint32_t> tenderers);
  BigVector<uint64_t> buyer_awards;                         // REPEAT-AWARD: by buyer number
  FlatMap<uint64_t, uint64_t> buyer_supplier_wins;          // REPEAT-AWARD: by (buyer, supplier)
  BigVector<WinCount> cover_bidder;                         // by tenderer number; processes 0 = not seen
  // SAME-GROUP: (tenderer, OCID) for every bidder of every tender, as pair_key, in file order: appended as
  // the releases pass (no table to look up), brought together by tenderer at the end.
  ChunkedLog<uint64_t> bidders_log;
  // SPLIT: the purchases in file order, brought together by (buyer, supplier) at the end (no table to look up
  // for every award).
  ChunkedLog<SplitPurchase> split;

  // Takes over the state of a later part of the file; `to` and `to_ocid` renumber its organisations and OCIDs
  // (Names::absorb).
  void absorb(ChineseState&& later, const std::vector<uint32_t>& to, const std::vector<uint32_t>& to_ocid);
};

// Flags whose value is the largest one noted for the id, set in the order ids were first noted.
class LargestFlags {
 public:
  void note(Group g, std::string_view id, double v);
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
void gather_same_group(const SameGroupSettings& s, const FewIds& bidders,
                       const ProcessFacts& p, RedflagScan::ChineseState& st);
void finish_same_group(const SameGroupSettings& s, RedflagScan::ChineseState& st, Results& out);

// One release, after Cardinal's indicators.
void add_chinese(const Settings& s, const ProcessFacts& p, RedflagScan::ChineseState& st, Results& out);
// The cross-release patterns, after Cardinal's finishing steps.
void finish_chinese(const Settings& s, RedflagScan::ChineseState& st, Results& out);

// The per-release patterns.
// `bidders`: bidders_of(p).
void flag_shared_contact(const SharedContactSettings& s, const ProcessFacts& p,
                         const FewIds& bidders, Results& out);
void flag_pattern_bid(const PatternBidSettings& s, const ProcessFacts& p, Results& out);
void flag_contract_change(const ContractChangeSettings& s, const ProcessFacts& p, Results& out);
void flag_new_firm(const NewFirmSettings& s, const ProcessFacts& p, Results& out);
void flag_blacklist(const BlacklistSettings& s, const ProcessFacts& p, Results& out);

}  // namespace lf::engine::redflags
