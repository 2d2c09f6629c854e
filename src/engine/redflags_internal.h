// Inside the red-flag engine: the scan's state and the rules shared by several indicators.
#pragma once
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/redflags.h"
#include "engine/redflags_maps.h"

namespace lf::engine::redflags {

// Processes won over processes bid in (R025), disqualified bids over submitted bids (R038).
struct Fraction {
  uint64_t numerator = 0;
  uint64_t denominator = 0;
  double ratio() const { return static_cast<double>(numerator) / static_cast<double>(denominator); }
};

// The winner's lowest bid against the lowest bid of anyone else, in one process (R024, R058).
struct PriceRatio {
  std::string ocid;
  double ratio;  // (other - winner) / winner
  std::string winner;
  std::string runner_up;
};

struct SupplierClassifications {  // R048
  uint64_t processes = 0;
  boost::unordered_flat_set<std::string, StringHash, std::equal_to<>> prefixes;
};

using Fractions = StringMap<Fraction>;

// A release's few ids as a sorted, distinct list of views (into the release): what std::set gave, without a
// node (and, for strings, a copy) per id.
inline void sort_unique_ids(std::vector<std::string_view>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}
inline bool contains(const std::vector<std::string_view>& sorted, std::string_view id) {
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
  std::unordered_map<std::string, std::vector<std::string>> r036_flagged;   // ocids by currency
  Fractions r025_tenderer;
  Fractions r038_buyer, r038_procuring_entity, r038_tenderer;
  StringMap<SupplierClassifications> r048_supplier;
};

inline bool is(const std::optional<std::string>& s, std::string_view v) { return s && *s == v; }

// Cardinal's "submitted" bid: a string status other than invited and withdrawn.
inline bool submitted(const Bid& b) { return b.status && *b.status != "invited" && *b.status != "withdrawn"; }

// The active awards when every award with a string status is final (active, cancelled or unsuccessful) and
// the release has both awards and bids.details; nullopt otherwise.
std::optional<std::vector<const Award*>> final_awards(const ProcessFacts& p);

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
