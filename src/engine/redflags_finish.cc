// The indicators that need every release: fences from quartiles (or the configured threshold), then flags.
// Organisations are visited in id order and OCIDs in file order, so that results never depend on how the
// file was split between threads.
#include <algorithm>

#include "engine/redflags_internal.h"

namespace lf::engine::redflags {
namespace {

std::vector<double> sorted_copy(std::vector<double> v) {
  sort_values(v);
  return v;
}

// The organisations seen in `table` (indexed by organisation number), in id order, with their entries.
template <class T, class Seen>
std::vector<std::pair<const std::string*, const T*>> by_id(const BigVector<T>& table, const Names& names, Seen seen) {
  const std::vector<uint32_t>& rank = names.ranks();
  std::vector<uint32_t> numbers;
  for (uint32_t n = 0; n < table.size(); ++n)
    if (seen(table[n])) numbers.push_back(n);
  std::sort(numbers.begin(), numbers.end(), [&](uint32_t a, uint32_t b) { return rank[a] < rank[b]; });
  std::vector<std::pair<const std::string*, const T*>> out;
  out.reserve(numbers.size());
  for (uint32_t n : numbers) out.emplace_back(&names.text(n), &table[n]);
  return out;
}

// The organisations with a count in `field`, in id order.
std::vector<std::pair<const std::string*, const Fraction*>> fractions_by_id(const RedflagScan::State& st,
                                                                          Fraction OrgCounts::*field) {
  std::vector<std::pair<const std::string*, const Fraction*>> out;
  for (auto [id, c] : by_id(st.counts, st.numbers.names, [&](const OrgCounts& x) { return (x.*field).denominator > 0; }))
    out.emplace_back(id, &(c->*field));
  return out;
}

// Cardinal keeps one ratio per OCID: a later release of the same process replaces the earlier ratio.
// In the order OCIDs first appear, each with its last ratio.
std::vector<PriceRatio> one_per_ocid(std::vector<PriceRatio> all, const OcidLog& ocids) {
  constexpr size_t kNone = SIZE_MAX;
  const std::vector<uint32_t>& process = ocids.canonical();
  std::vector<size_t> slot(ocids.size(), kNone);  // OCID (its first number) → place in pick
  std::vector<size_t> pick;                       // per OCID: the place in `all` of its last ratio
  for (size_t i = 0; i < all.size(); ++i) {
    size_t& s = slot[process[all[i].ocid]];
    if (s == kNone) {
      s = pick.size();
      pick.push_back(i);
    } else {
      pick[s] = i;
    }
  }
  std::vector<PriceRatio> out;
  out.reserve(pick.size());
  for (size_t i : pick) out.push_back(all[i]);
  return out;
}

}  // namespace

void finish_price_ratios(const Settings& s, const std::string* currency, RedflagScan::State& st) {
  std::vector<PriceRatio> ratios;
  if (currency != nullptr) {
    auto it = st.price_ratios.find(*currency);
    if (it != st.price_ratios.end()) ratios = one_per_ocid(std::move(it->second), st.numbers.ocids);
  }
  std::vector<double> values;
  for (const auto& r : ratios) values.push_back(r.ratio);
  const std::vector<double> sorted = sorted_copy(values);
  Results& out = st.results;

  if (s.r024) {
    // Price close to the winning bid: ratios at or below the lower fence. Ratios are never negative, so the
    // indicator only runs when the fence (and a computed Q1) is above zero: otherwise a quarter of all
    // processes would be flagged for ties.
    double q1 = 1.0, fence;
    if (s.r024->threshold) {
      fence = *s.r024->threshold;
    } else {
      q1 = quantile_sorted(sorted, 0.25);
      const double q3 = quantile_sorted(sorted, 0.75);
      add_meta(out, Indicator::R024, "q1", q1);
      add_meta(out, Indicator::R024, "q3", q3);
      fence = lower_fence(q1, q3);
    }
    add_meta(out, Indicator::R024, "lower_fence", fence);
    if (q1 > 0.0 && fence > 0.0) {
      for (const auto& r : ratios) {
        if (!(r.ratio <= fence)) continue;
        out.group(Group::OCID).set(st.numbers.ocids.text(r.ocid), Indicator::R024, r.ratio);
        out.group(Group::Tenderer).set(st.numbers.names.text(r.winner), Indicator::R024, 0.0);
        out.group(Group::Tenderer).set(st.numbers.names.text(r.runner_up), Indicator::R024, 0.0);
      }
    }
  }
  if (s.r058) {
    // Heavily discounted bid: ratios at or above the upper fence.
    double fence;
    if (s.r058->threshold) {
      fence = *s.r058->threshold;
    } else {
      const double q1 = quantile_sorted(sorted, 0.25);
      const double q3 = quantile_sorted(sorted, 0.75);
      add_meta(out, Indicator::R058, "q1", q1);
      add_meta(out, Indicator::R058, "q3", q3);
      fence = upper_fence(q1, q3);
    }
    add_meta(out, Indicator::R058, "upper_fence", fence);
    if (fence > 0.0) {
      for (const auto& r : ratios) {
        if (!(r.ratio >= fence)) continue;
        out.group(Group::OCID).set(st.numbers.ocids.text(r.ocid), Indicator::R058, r.ratio);
        out.group(Group::Tenderer).set(st.numbers.names.text(r.winner), Indicator::R058, 0.0);
      }
    }
  }
}

void finish_r025(const R025Settings& s, RedflagScan::State& st) {
  const auto tenderers = fractions_by_id(st, &OrgCounts::r025);
  std::vector<double> bid_in, ratios;
  for (auto [id, f] : tenderers) {
    bid_in.push_back(static_cast<double>(f->denominator));
    ratios.push_back(f->ratio());
  }
  // Tenderers who bid in at least as many processes as the given percentile of all tenderers...
  const double upper = quantile_sorted(sorted_copy(bid_in), static_cast<double>(s.percentile) / 100.0);
  // ...and won at most the lower fence of the win ratios.
  double q1 = 1.0, lower;
  Results& out = st.results;
  if (s.threshold) {
    lower = *s.threshold;
  } else {
    const std::vector<double> sorted = sorted_copy(ratios);
    q1 = quantile_sorted(sorted, 0.25);
    const double q3 = quantile_sorted(sorted, 0.75);
    add_meta(out, Indicator::R025, "q1", q1);
    add_meta(out, Indicator::R025, "q3", q3);
    lower = lower_fence(q1, q3);
  }
  add_meta(out, Indicator::R025, "upper_fence", upper);
  add_meta(out, Indicator::R025, "lower_fence", lower);
  if (!(q1 > 0.0 && lower > 0.0)) return;
  for (auto [id, f] : tenderers) {
    const double ratio = f->ratio();
    if (static_cast<double>(f->denominator) >= upper && ratio <= lower)
      out.group(Group::Tenderer).set(*id, Indicator::R025, ratio);
  }
}

void finish_r036(const std::string* currency, RedflagScan::State& st) {
  if (currency == nullptr) return;
  auto it = st.r036_flagged.find(*currency);
  if (it == st.r036_flagged.end()) return;
  for (uint32_t ocid : it->second) st.results.group(Group::OCID).set(st.numbers.ocids.text(ocid), Indicator::R036, 1.0);
}

void finish_r038(const R038Settings& s, RedflagScan::State& st) {
  const struct {
    Group group;
    Fraction OrgCounts::*counts;
    uint64_t minimum;
  } groups[] = {{Group::Buyer, &OrgCounts::r038_buyer, s.minimum_contracting_processes},
                {Group::ProcuringEntity, &OrgCounts::r038_procuring_entity, s.minimum_contracting_processes},
                {Group::Tenderer, &OrgCounts::r038_tenderer, s.minimum_submitted_bids}};
  Results& out = st.results;
  for (const auto& g : groups) {
    std::vector<std::pair<const std::string*, double>> ratios;
    for (auto [id, f] : fractions_by_id(st, g.counts))
      if (f->denominator >= g.minimum) ratios.emplace_back(id, f->ratio());
    if (ratios.empty()) continue;
    const std::string prefix(name(g.group));
    double fence;
    if (s.threshold) {
      fence = *s.threshold;
    } else {
      std::vector<double> values;
      for (const auto& r : ratios) values.push_back(r.second);
      const std::vector<double> sorted = sorted_copy(std::move(values));
      const double q1 = quantile_sorted(sorted, 0.25);
      const double q3 = quantile_sorted(sorted, 0.75);
      add_meta(out, Indicator::R038, prefix + "_q1", q1);
      add_meta(out, Indicator::R038, prefix + "_q3", q3);
      fence = upper_fence(q1, q3);
    }
    add_meta(out, Indicator::R038, prefix + "_upper_fence", fence);
    // Ratios are never negative: with a zero fence most organisations would be flagged.
    if (!(fence > 0.0)) continue;
    for (const auto& [id, ratio] : ratios)
      if (ratio >= fence) out.group(g.group).set(*id, Indicator::R038, ratio);
  }
}

void finish_r048(const R048Settings& s, RedflagScan::State& st) {
  std::vector<std::pair<const std::string*, double>> counts;
  for (auto [id, c] : by_id(st.r048_supplier, st.numbers.names, [](const SupplierClassifications& x) { return x.processes > 0; }))
    if (c->processes >= s.minimum_contracting_processes)
      counts.emplace_back(id, static_cast<double>(c->prefixes.size()));
  Results& out = st.results;
  double fence;
  if (s.threshold) {
    fence = static_cast<double>(*s.threshold);
  } else {
    std::vector<double> values;
    for (const auto& c : counts) values.push_back(c.second);
    const std::vector<double> sorted = sorted_copy(std::move(values));
    const double q1 = quantile_sorted(sorted, 0.25);
    const double q3 = quantile_sorted(sorted, 0.75);
    add_meta(out, Indicator::R048, "q1", q1);
    add_meta(out, Indicator::R048, "q3", q3);
    fence = upper_fence(q1, q3);
  }
  add_meta(out, Indicator::R048, "upper_fence", fence);
  for (const auto& [id, count] : counts)
    if (count >= fence) out.group(Group::Tenderer).set(*id, Indicator::R048, count);
}

}  // namespace lf::engine::redflags
