// What the cross-release indicators keep from each release: price ratios (R024, R058), lowest-bid checks per
// currency (R036), win counts (R025), disqualification counts (R038) and classification prefixes (R048).
#include <algorithm>
#include <set>

#include "engine/redflags_internal.h"

namespace lf::engine::redflags {
namespace {

void note_currency(RedflagScan::State& st, const std::string& currency) {
  if (!st.first_currency) st.first_currency = currency;
}

// The single supplier of the single active award among final awards, if that is what the release has.
const std::string* sole_winner(const ProcessFacts& p) {
  Awards awards;
  // One active award: all bids competed for all items (cancelled or unsuccessful awards were earlier tries).
  if (!final_awards(p, awards) || awards.size() != 1) return nullptr;
  const Award& a = *awards.front();
  if (a.suppliers.size() != 1 || !a.suppliers.front()) return nullptr;
  return &*a.suppliers.front();
}

}  // namespace

void gather_price_ratios(const Settings& s, const ProcessFacts& p, RedflagScan::State& st) {
  if (!compares_prices(s, p)) return;
  const std::string* winner = sole_winner(p);
  if (winner == nullptr) return;
  // Per currency, because which one is the main currency may only be known at the end. A release rarely
  // has more than one.
  struct Side {
    const std::string* currency;
    std::optional<double> winner_amount;
    std::optional<double> other_amount;
    const std::string* other = nullptr;
  };
  Few<Side, 2> sides;
  for (const Bid& b : p.bids) {
    if (!is(b.status, "valid") || !b.amount || !b.currency || b.tenderers.size() != 1 || !b.tenderers.front())
      continue;
    note_currency(st, *b.currency);
    if (s.currency && *b.currency != *s.currency) continue;
    auto side = std::find_if(sides.begin(), sides.end(), [&](const Side& x) { return *x.currency == *b.currency; });
    if (side == sides.end()) side = sides.insert(sides.end(), Side{&*b.currency});
    const std::string& tenderer = *b.tenderers.front();
    // The winner's lowest bid, and the first of the lowest bids of anyone else.
    if (tenderer == *winner) {
      if (!side->winner_amount || *b.amount < *side->winner_amount) side->winner_amount = b.amount;
    } else if (!side->other_amount || *b.amount < *side->other_amount) {
      side->other_amount = b.amount;
      side->other = &tenderer;
    }
  }
  for (const Side& x : sides) {
    // When another bid was lower, price was not the only award criterion: no ratio.
    if (!x.winner_amount || !x.other_amount || *x.other_amount < *x.winner_amount) continue;
    st.price_ratios[*x.currency].push_back({st.numbers.ocid(p.ocid), st.numbers.org(*winner), st.numbers.org(*x.other),
                                            (*x.other_amount - *x.winner_amount) / *x.winner_amount});
  }
}

// Lowest bid disqualified: kept per currency, decided once the main currency is known.
void gather_r036(const Settings& s, const ProcessFacts& p, RedflagScan::State& st) {
  if (!compares_prices(s, p)) return;
  if (!std::any_of(p.awards.begin(), p.awards.end(), [](const Award& a) { return is(a.status, "active"); })) return;
  struct Side {
    const std::string* currency;
    double lowest;
    bool lowest_disqualified;
    bool valid_with_amount;
  };
  Few<Side, 2> sides;
  for (const Bid& b : p.bids) {
    if (!submitted(b) || !b.amount || !b.currency) continue;
    note_currency(st, *b.currency);
    if (s.currency && *b.currency != *s.currency) continue;
    auto side = std::find_if(sides.begin(), sides.end(), [&](const Side& x) { return *x.currency == *b.currency; });
    const bool disqualified = equals(*b.status, "disqualified");
    if (side == sides.end()) {
      side = sides.insert(sides.end(), Side{&*b.currency, *b.amount, disqualified, false});
    } else if (*b.amount < side->lowest) {  // the first of equal lowest bids decides
      side->lowest = *b.amount;
      side->lowest_disqualified = disqualified;
    }
    if (equals(*b.status, "valid")) side->valid_with_amount = true;
  }
  for (const Side& x : sides)
    if (x.valid_with_amount && x.lowest_disqualified) st.r036_flagged[*x.currency].push_back(st.numbers.ocid(p.ocid));
}

// Excessive unsuccessful bids: per valid tenderer (once per process), processes won over processes bid in.
void gather_r025(const ProcessFacts& p, RedflagScan::State& st) {
  const std::string* winner = sole_winner(p);
  if (winner == nullptr) return;
  FewIds tenderers;  // sorted, distinct
  for (const Bid& b : p.bids)
    if (is(b.status, "valid") && b.tenderers.size() == 1 && b.tenderers.front()) tenderers.emplace_back(*b.tenderers.front());
  sort_unique_ids(tenderers);
  for (std::string_view id : tenderers) {
    Fraction& f = at(st.counts, st.numbers.org(id)).r025;
    f.numerator += id == *winner ? 1 : 0;
    f.denominator += 1;
  }
}

// Excessive disqualified bids: disqualified over submitted bids, per buyer and procuring entity (summed over
// processes) and per tenderer (one count per bid).
void gather_r038(const ProcessFacts& p, RedflagScan::State& st) {
  uint64_t submitted_bids = 0, disqualified = 0;
  for (const Bid& b : p.bids) {
    if (!submitted(b)) continue;
    const uint64_t d = equals(*b.status, "disqualified") ? 1 : 0;
    ++submitted_bids;
    disqualified += d;
    for (const auto& t : b.tenderers) {
      if (!t) continue;
      Fraction& f = at(st.counts, st.numbers.org(*t)).r038_tenderer;
      f.numerator += d;
      f.denominator += 1;
    }
  }
  if (submitted_bids == 0) return;
  for (auto [id, field] : {std::pair{&p.buyer, &OrgCounts::r038_buyer},
                           std::pair{&p.procuring_entity, &OrgCounts::r038_procuring_entity}}) {
    if (!*id) continue;
    Fraction& f = at(st.counts, st.numbers.org(**id)).*field;
    f.numerator += disqualified;
    f.denominator += submitted_bids;
  }
}

// Heterogeneous supplier: the distinct classification prefixes of the items a sole supplier was awarded.
void gather_r048(const R048Settings& s, const ProcessFacts& p, RedflagScan::State& st) {
  FewIds counted;  // a supplier counts once per process
  for (const Award& a : p.awards) {
    if (!is(a.status, "active") || a.suppliers.size() != 1 || !a.suppliers.front()) continue;
    const std::string& supplier = *a.suppliers.front();
    if (a.classification_ids.empty()) continue;
    SupplierClassifications& c = at(st.r048_supplier, st.numbers.org(supplier));
    for (const std::string& id : a.classification_ids) {
      if (std::find(counted.begin(), counted.end(), supplier) == counted.end()) {
        counted.push_back(supplier);
        ++c.processes;
      }
      // The first `digits` characters (code points, not bytes).
      size_t end = 0;
      for (uint64_t chars = 0; end < id.size() && chars < s.digits; ++chars) {
        ++end;
        while (end < id.size() && (static_cast<unsigned char>(id[end]) & 0xC0) == 0x80) ++end;
      }
      const std::string_view prefix = std::string_view(id).substr(0, end);
      const uint32_t number = st.r048_prefixes.number(prefix);
      const auto place = std::lower_bound(c.prefixes.begin(), c.prefixes.end(), number);
      if (place == c.prefixes.end() || *place != number) c.prefixes.insert(place, number);
    }
  }
}

}  // namespace lf::engine::redflags
