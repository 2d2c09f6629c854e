// The indicators decided release by release: R003, R018, R028, R030, R035.
#include <algorithm>
#include <set>

#include "engine/redflags_internal.h"

namespace lf::engine::redflags {
namespace {

// With a method filter, a release without a (string) procurementMethod does not match.
bool method_matches(const NameSet& methods, const ProcessFacts& p) {
  if (methods.empty()) return true;
  return p.procurement_method && methods.contains(*p.procurement_method);
}

}  // namespace

// Short submission period: fewer whole days between the start and the end of the tender period than the
// threshold for the process's procurementMethodDetails (or the general threshold).
void flag_r003(const R003Settings& s, const ProcessFacts& p, Results& out) {
  if (!method_matches(s.procurement_methods, p) || !p.tender_start || !p.tender_end) return;
  const auto days = whole_days_between(*p.tender_start, *p.tender_end);
  if (!days) return;
  int64_t threshold = s.threshold;
  if (p.procurement_method_details) {
    auto it = s.method_details_threshold.find(*p.procurement_method_details);
    if (it != s.method_details_threshold.end()) threshold = it->second;
  }
  if (*days < threshold) out.group(Group::OCID).set(p.ocid, Indicator::R003, 1.0);
}

// Single bid received in a competitive procedure.
void flag_r018(const R018Settings& s, const ProcessFacts& p, Results& out) {
  if (method_matches(s.procurement_methods, p) && p.single_tenderer)
    out.group(Group::OCID).set(p.ocid, Indicator::R018, 1.0);
}

// Identical bid prices: two submitted bids with the same amount and currency from different sets of tenderers.
void flag_r028(const Settings& s, const ProcessFacts& p, Results& out) {
  if (!compares_prices(s, p)) return;
  // A release has few bids; a linear search is faster than a map. Each price's latest tenderers are the bid's
  // tenderers: the bid's index into `bids_tenderers`.
  struct Price {
    double amount;
    const std::string* currency;
    size_t bid;
  };
  Few<Price, 8> seen;
  Few<FewIds, 8> bids_tenderers;  // per bid, sorted and distinct (built in place, never moved)
  bids_tenderers.resize(p.bids.size());
  for (size_t i = 0; i < p.bids.size(); ++i) {
    const Bid& b = p.bids[i];
    if (!submitted(b) || !b.amount || !b.currency) continue;
    FewIds& ids = bids_tenderers[i];
    for (const auto& t : b.tenderers)
      if (t) ids.emplace_back(*t);
    if (ids.empty()) continue;
    sort_unique_ids(ids);
    // Amounts compare as numbers: 1 and 1.0 are the same price.
    auto it = std::find_if(seen.begin(), seen.end(),
                           [&](const Price& x) { return x.amount == *b.amount && *x.currency == *b.currency; });
    if (it == seen.end()) {
      seen.push_back({*b.amount, &*b.currency, i});
      continue;
    }
    const FewIds& before = bids_tenderers[it->bid];
    if (before != ids) {
      out.group(Group::OCID).set(p.ocid, Indicator::R028, 1.0);
      for (std::string_view id : ids) out.group(Group::Tenderer).set(std::string(id), Indicator::R028, 1.0);
      for (std::string_view id : before) out.group(Group::Tenderer).set(std::string(id), Indicator::R028, 1.0);
    }
    it->bid = i;  // later bids are compared with the latest tenderers at this price
  }
}

// Late bid won: a valid bid dated after the tender period's end (compared as text, as Cardinal does) from a
// tenderer that supplies an active award.
void flag_r030(const ProcessFacts& p, Results& out) {
  if (!p.tender_end || !p.has_awards || !p.has_bid_details) return;
  FewIds suppliers;
  for (const Award& a : p.awards) {
    if (!is(a.status, "active")) continue;
    for (const auto& s : a.suppliers)
      if (s) suppliers.emplace_back(*s);
  }
  sort_unique_ids(suppliers);
  for (const Bid& b : p.bids) {
    if (!is(b.status, "valid") || !b.date || !(*b.date > *p.tender_end)) continue;
    for (const auto& t : b.tenderers) {
      if (!t || !contains(suppliers, *t)) continue;
      out.group(Group::OCID).set(p.ocid, Indicator::R030, 1.0);
      out.group(Group::Tenderer).set(*t, Indicator::R030, 1.0);
    }
  }
}

// All except the winning bid disqualified: one valid tenderer, who is every active award's supplier, and at
// least `threshold` other tenderers disqualified. The value is how many.
void flag_r035(const R035Settings& s, const ProcessFacts& p, Results& out) {
  Awards awards;
  if (!final_awards(p, awards)) return;
  FewIds suppliers, valid, disqualified;  // sorted, distinct
  for (const Award* a : awards)
    for (const auto& id : a->suppliers)
      if (id) suppliers.emplace_back(*id);
  for (const Bid& b : p.bids) {
    FewIds* into = is(b.status, "valid")          ? &valid
                                          : is(b.status, "disqualified") ? &disqualified
                                                                         : nullptr;
    if (into == nullptr) continue;
    for (const auto& t : b.tenderers)
      if (t) into->emplace_back(*t);
  }
  sort_unique_ids(suppliers);
  sort_unique_ids(valid);
  sort_unique_ids(disqualified);
  if (valid.size() != 1 || valid != suppliers) return;
  const uint64_t others = disqualified.size() - (contains(disqualified, valid.front()) ? 1 : 0);
  if (others < std::max<uint64_t>(s.threshold, 1)) return;
  out.group(Group::OCID).set(p.ocid, Indicator::R035, static_cast<double>(others));
  out.group(Group::Tenderer).set(std::string(valid.front()), Indicator::R035, 0.0);
}

}  // namespace lf::engine::redflags
