// Inside the red-flag engine: the scan's state and the rules shared by several indicators.
#pragma once
#include <algorithm>
#include <array>
#include <boost/container/small_vector.hpp>
#include <cstdint>
#include <cstring>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/redflags.h"
#include "engine/redflags_maps.h"
#include "engine/text_hash.h"

namespace lf::engine::redflags {

// A release's few bids, awards, bidders or currencies, kept without a heap allocation (a handful of these
// per release and indicator were a tenth of the run in allocation).
template <class T, size_t N = 8>
using Few = boost::container::small_vector<T, N>;
using FewIds = Few<std::string_view, 16>;

// Strings a scan keeps (organisation ids and currencies; OCIDs in a table of their own), numbered in order of
// first appearance, so that the state holds numbers. Joining a later scan renumbers its strings into this table.
class Names {
 public:
  uint32_t number(std::string_view s) { return number(s, hash_text(s)); }
  uint32_t number(std::string_view s, uint64_t hash);  // hash = hash_text(s)
  const std::string& text(uint32_t n) const { return texts_[n]; }
  size_t size() const { return texts_.size(); }
  // Adds `later`'s strings in its order; returns their numbers here, indexed by their numbers there.
  std::vector<uint32_t> absorb(const Names& later);
  // rank[n]: the place of text(n) among all texts in byte order, to sort by text with integer comparisons.
  // Worked out once for the texts there are (the end asks for it once per indicator).
  const std::vector<uint32_t>& ranks() const;

 // Brings the table's slot for `hash` into cache ahead of number(): a release's organisations are looked up
  // together, and their misses overlap instead of following one another.
  void prefetch(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & mask_]);
  }

 private:
  // Open addressing, one cache line a slot: the hash, the number and, for ids up to 24 bytes (credit codes,
  // most ids), the text itself, so that a probe reads nothing outside its slot (the text in texts_ would be
  // another cache miss) and a slot can be fetched ahead (Boost's table offers no way to).
  static constexpr size_t kInline = 24;
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct alignas(64) Slot {
    uint64_t hash = 0;
    uint32_t number = kEmpty;
    uint32_t size = 0;
    std::array<char, kInline> head{};  // the text's first bytes, zeros after it
  };
  static std::array<char, kInline> head_of(std::string_view s) {
    std::array<char, kInline> h{};
    std::memcpy(h.data(), s.data(), std::min(s.size(), kInline));
    return h;
  }
  void grow();

  std::deque<std::string> texts_;  // by number; a deque never moves them
  BigVector<Slot> slots_;          // a power of two, at most half full
  size_t mask_ = 0;
  mutable std::vector<uint32_t> ranks_;  // ranks() for the first ranks_.size() texts
};

// The OCIDs of the releases an indicator kept something for, numbered by arrival (one number per release), their
// texts in one arena. A repeated OCID — a later release of the same process — is recognised at the end, all at
// once (canonical()), instead of hashing every OCID into a table of a million as the releases pass: a cache
// miss per release and about 130 bytes an OCID, against 29 bytes here.
class OcidLog {
 public:
  uint32_t add(std::string_view ocid);
  std::string_view text(uint32_t n) const {
    const uint64_t end = n + 1 < starts_.size() ? starts_[n + 1] : arena_.size();
    return {arena_.data() + starts_[n], static_cast<size_t>(end - starts_[n])};
  }
  size_t size() const { return starts_.size(); }
  // canonical()[n]: the first number with the same text as n (numbers in order of arrival, so the first
  // release of each process). Worked out once, at the end.
  const std::vector<uint32_t>& canonical() const;
  // Appends `later`'s OCIDs; returns their numbers here, indexed by their numbers there.
  std::vector<uint32_t> absorb(const OcidLog& later);

 private:
  BigVector<char> arena_;
  BigVector<uint64_t> starts_;
  mutable std::vector<uint32_t> canonical_;  // for the first canonical_.size() numbers
};

// The scan's organisations (and currencies) and OCIDs as numbers, with a cache for the release being added: a
// release names its organisations several times (bids, tender.tenderers, parties, awards) and many indicators
// ask, so each is looked up in `names` once per release, and the other mentions are found here by hash,
// compared with text that is still in cache. Every per-organisation table of the scan is indexed by these
// numbers, and every per-process record holds the OCID's number rather than its text.
class ScanNumbers {
 public:
  Names names;  // organisations and currencies
  OcidLog ocids;  // processes, apart: one per release
  // `id` must stay valid until the next start_release() (a view into the release's facts).
  uint32_t org(std::string_view id);
  // The number of the release's OCID, looked up once per release.
  uint32_t ocid(const std::string& ocid) {
    if (ocid_generation_ != generation_) {
      ocid_ = ocids.add(ocid);
      ocid_generation_ = generation_;
    }
    return ocid_;
  }
  void start_release();
  // Numbers the organisations a release names (every mention, repeats and all; "" skipped) before the
  // indicators ask: new ones are hashed and their slots in `names` fetched together, then looked up, so that
  // the release's cache misses overlap instead of following one another. Later asks find them in the
  // release's slots. `numbers`, when given, receives the numbers of the organisations new to the release.
  void warm(std::span<const std::string_view> ids, Few<uint32_t, 32>* numbers = nullptr);

 private:
  uint32_t org_by_text(std::string_view id);
  struct Slot;
  // The release's slot for `id`, and whether it was free (then claimed for `id`, its number still to be set).
  std::pair<Slot*, bool> slot_of(std::string_view id);
  struct Slot {
    uint64_t hash = 0;
    std::string_view id;
    uint32_t n = 0;
    uint32_t generation = 0;  // the slot is this release's when equal to generation_
  };
  static constexpr uint32_t kSlots = 128;
  std::array<Slot, kSlots> slots_{};
  // In front of the slots: the same mention (one string of the facts) asked for again by another indicator
  // is recognised by where its text is, without hashing or comparing it.
  struct Seen {
    const char* data = nullptr;
    size_t size = 0;
    uint32_t n = 0;
    uint32_t generation = 0;
  };
  static constexpr uint32_t kSeen = 64;
  std::array<Seen, kSeen> seen_{};
  uint32_t generation_ = 1, filled_ = 0;
  uint32_t ocid_ = 0, ocid_generation_ = 0;
};

// The entry of organisation `n` in a table indexed by organisation number, grown as numbers appear.
template <class Table>
auto& at(Table& table, uint32_t n) {
  if (n >= table.size()) table.resize(std::max<size_t>(n + 1, table.size() * 3 / 2));
  return table[n];
}

// Processes won over processes bid in (R025), disqualified bids over submitted bids (R038).
struct Fraction {
  uint64_t numerator = 0;
  uint64_t denominator = 0;
  double ratio() const { return static_cast<double>(numerator) / static_cast<double>(denominator); }
};

// The winner's lowest bid against the lowest bid of anyone else, in one process (R024, R058).
struct PriceRatio {  // numbers, not texts: one of these per process (ScanNumbers)
  uint32_t ocid;
  uint32_t winner, runner_up;
  double ratio;  // (other - winner) / winner
};

struct SupplierClassifications {  // R048; processes 0 = not seen
  uint64_t processes = 0;
  Few<uint32_t, 6> prefixes;  // numbers in State::r048_prefixes, sorted: held in the entry, no table of its own
};

// Cardinal's counts for one organisation, side by side: a tenderer's R025 and R038 counts are updated in the
// same release, and one cache line holds both (four tables were four misses). Denominator 0 = not seen.
struct alignas(64) OrgCounts {
  Fraction r025;           // as a tenderer: processes won over processes bid in
  Fraction r038_tenderer;  // disqualified bids over submitted bids
  Fraction r038_buyer, r038_procuring_entity;
};

// Two texts are the same: compared from the end first, eight bytes inline, where ids differ (credit codes and
// generated ids share their heads: a region code, a scheme) and so do addresses, then in full. party_of, the
// sorts of a release's ids and SHARED-CONTACT's comparisons ask this all the time.
inline bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.size() >= 8) {
    uint64_t x, y;
    std::memcpy(&x, a.data() + a.size() - 8, 8);
    std::memcpy(&y, b.data() + b.size() - 8, 8);
    if (x != y) return false;
  }
  return std::memcmp(a.data(), b.data(), a.size()) == 0;
}

// Byte order of two ids, eight bytes at a time as big-endian numbers, inline: a release's ids are sorted
// with many repeats among them (a tenderer named in its bid, in tender.tenderers and in parties), and a
// repeat is compared to its end.
inline bool id_less(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) return __builtin_bswap64(x) < __builtin_bswap64(y);
  }
  for (; i < n; ++i)
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  return a.size() < b.size();
}

// A release's few ids as a sorted, distinct list of views (into the release): what std::set gave, without a
// node (and, for strings, a copy) per id.
template <class Ids>
void sort_unique_ids(Ids& v) {
  std::sort(v.begin(), v.end(), [](std::string_view a, std::string_view b) { return id_less(a, b); });
  v.erase(std::unique(v.begin(), v.end(), [](std::string_view a, std::string_view b) { return same_text(a, b); }), v.end());
}
template <class Ids>
bool contains(const Ids& sorted, std::string_view id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

struct RedflagScan::State {
  // Flags decided release by release (OCID and Tenderer groups).
  Results results;
  // The currency of the first bid a currency-dependent indicator looked at: Cardinal's main currency when
  // the settings name none. Kept per currency until the end, so that a scan of a later part of the file does
  // not need to know it.
  std::optional<std::string> first_currency;
  std::unordered_map<std::string, std::vector<PriceRatio>> price_ratios;    // by currency; R024, R058
  std::unordered_map<std::string, std::vector<uint32_t>> r036_flagged;      // OCID numbers by currency
  ScanNumbers numbers;  // every per-organisation table here and in ChineseState is indexed by these numbers
  BigVector<OrgCounts> counts;  // by organisation number
  BigVector<SupplierClassifications> r048_supplier;
  Names r048_prefixes;  // the classification prefixes seen (a few dozen)
};

// `s` equals a literal, compared inline (the literal's length is known to the compiler): statuses are compared
// a hundred times a release, and a call to memcmp for each was 3% of the run.
template <size_t N>
bool equals(std::string_view s, const char (&literal)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), literal, N - 1) == 0;
}
template <size_t N>
bool is(const std::optional<std::string>& s, const char (&literal)[N]) {
  return s && equals(*s, literal);
}

// Cardinal's "submitted" bid: a string status other than invited and withdrawn.
inline bool submitted(const Bid& b) {
  return b.status && !equals(*b.status, "invited") && !equals(*b.status, "withdrawn");
}

// The active awards (into `active`) when every award with a string status is final (active, cancelled or
// unsuccessful) and the release has both awards and bids.details; false otherwise.
using Awards = Few<const Award*, 4>;
bool final_awards(const ProcessFacts& p, Awards& active);

// The price-comparison filter of R024, R058, R028 and R036.
bool compares_prices(const Settings& s, const ProcessFacts& p);

// Whole days from `start` to `end` (RFC 3339 date-times), truncated toward zero as Cardinal's date library
// does; nullopt when either is not an RFC 3339 date-time (a date alone is not).
std::optional<int64_t> whole_days_between(std::string_view start, std::string_view end);

// The per-release indicators, and the gathering for those that need every release.
void flag_r003(const R003Settings& s, const ProcessFacts& p, Results& out);
void flag_r018(const R018Settings& s, const ProcessFacts& p, Results& out);
void flag_r028(const Settings& s, const ProcessFacts& p, Results& out);
void flag_r030(const ProcessFacts& p, Results& out);
void flag_r035(const R035Settings& s, const ProcessFacts& p, Results& out);
void gather_price_ratios(const Settings& s, const ProcessFacts& p, RedflagScan::State& st);
void gather_r036(const Settings& s, const ProcessFacts& p, RedflagScan::State& st);
void gather_r025(const ProcessFacts& p, RedflagScan::State& st);
void gather_r038(const ProcessFacts& p, RedflagScan::State& st);
void gather_r048(const R048Settings& s, const ProcessFacts& p, RedflagScan::State& st);

// Finishing: fences over everything gathered, results and Meta.
void finish_price_ratios(const Settings& s, const std::string* currency, RedflagScan::State& st);
void finish_r025(const R025Settings& s, RedflagScan::State& st);
void finish_r036(const std::string* currency, RedflagScan::State& st);
void finish_r038(const R038Settings& s, RedflagScan::State& st);
void finish_r048(const R048Settings& s, RedflagScan::State& st);

// Type 8 quantile over values already sorted ascending (NaN last).
double quantile_sorted(const std::vector<double>& sorted, double tau);
void sort_values(std::vector<double>& v);
// Q1 − 1.5·IQR and Q3 + 1.5·IQR, fused as Cardinal computes them ((q3 − q1).mul_add(∓1.5, q)).
double lower_fence(double q1, double q3);
double upper_fence(double q1, double q3);

void add_meta(Results& r, Indicator i, std::string key, double value);

}  // namespace lf::engine::redflags
