// The scan: shared rules, the order in which indicators see a release, and joining scans of a file's parts.
#include <algorithm>

#include "engine/redflags_cn.h"
#include "engine/redflags_internal.h"
#include "engine/text_hash.h"

namespace lf::engine::redflags {

std::string_view code(Indicator i) {
  static constexpr std::string_view kCodes[kIndicatorCount] = {
      "R003", "R018", "R024", "R025", "R028", "R030", "R035", "R036", "R038", "R048", "R058",
      "SHARED-CONTACT", "IDENTICAL-BID", "PATTERN-BID", "REPEAT-AWARD", "COVER-BIDDER", "SAME-GROUP", "SPLIT",
      "CONTRACT-CHANGE", "NEW-FIRM", "BLACKLIST"};
  return kCodes[static_cast<size_t>(i)];
}

std::string_view name(Group g) {
  static constexpr std::string_view kNames[kGroupCount] = {"OCID", "Buyer", "ProcuringEntity", "Tenderer"};
  return kNames[static_cast<size_t>(g)];
}

Settings Settings::all_defaults() {
  Settings s;
  s.r003.emplace();
  s.r018.emplace();
  s.r024.emplace();
  s.r025.emplace();
  s.r028 = true;
  s.r030 = true;
  s.r035.emplace();
  s.r036 = true;
  s.r038.emplace();
  s.r048.emplace();
  s.r058.emplace();
  s.shared_contact.emplace();
  s.identical_bid.emplace();
  s.pattern_bid.emplace();
  s.repeat_award.emplace();
  s.cover_bidder.emplace();
  s.same_group.emplace();
  s.split.emplace();
  s.contract_change.emplace();
  s.new_firm.emplace();
  s.blacklist.emplace();  // with an empty list: flags nothing until a file is named
  return s;
}

bool Settings::any_chinese_pattern() const {
  return shared_contact || identical_bid || pattern_bid || repeat_award || cover_bidder || same_group || split ||
         contract_change || new_firm || blacklist;
}

void ProcessFacts::clear() {
  ocid.clear();
  tender_status.reset();
  procurement_method.reset();
  procurement_method_details.reset();
  tender_start.reset();
  tender_end.reset();
  single_tenderer = false;
  procuring_entity.reset();
  buyer.reset();
  has_awards = false;
  awards.clear();
  has_bid_details = false;
  bids.clear();
  buyer_ref = {};
  tender_tenderers.clear();
  tender_value = {};
  tender_published.reset();
  parties.clear();
  contracts.clear();
}

void Flags::set(Indicator i, double v) {
  const size_t at = slot(i);
  if (has(i)) {
    values_[at] = v;
    return;
  }
  present |= static_cast<uint32_t>(1U << static_cast<unsigned>(i));
  values_.insert(values_.begin() + static_cast<std::ptrdiff_t>(at), v);
}

const size_t* FlaggedIds::place(std::string_view id) const {
  auto it = by_hash_.find(hash_text(id));
  if (it == by_hash_.end()) return nullptr;
  if (entries_[it->second].first == id) return &it->second;
  auto c = collided_.find(id);
  return c == collided_.end() ? nullptr : &c->second;
}

Flags& FlaggedIds::entry(std::string_view id) {
  auto [it, added] = by_hash_.try_emplace(hash_text(id), entries_.size());
  if (!added) {
    if (entries_[it->second].first == id) return entries_[it->second].second;
    auto c = collided_.find(id);
    if (c != collided_.end()) return entries_[c->second].second;
    collided_.emplace(std::string(id), entries_.size());
  }
  return entries_.emplace_back(std::string(id), Flags{}).second;
}

void FlaggedIds::set(std::string_view id, Indicator i, double v) { entry(id).set(i, v); }

void FlaggedIds::absorb(FlaggedIds&& later) {
  for (auto& [id, flags] : later.entries_) {
    Flags& mine = entry(id);
    for (size_t i = 0; i < kIndicatorCount; ++i)
      if (flags.has(static_cast<Indicator>(i))) mine.set(static_cast<Indicator>(i), flags.value(static_cast<Indicator>(i)));
  }
  later.entries_.clear();
  later.by_hash_.clear();
  later.collided_.clear();
}

const Flags* FlaggedIds::find(const std::string& id) const {
  const size_t* at = place(id);
  return at == nullptr ? nullptr : &entries_[*at].second;
}

void add_meta(Results& r, Indicator i, std::string key, double value) {
  auto it = std::find_if(r.meta.begin(), r.meta.end(), [&](const auto& m) { return m.first == i; });
  if (it == r.meta.end()) it = r.meta.insert(it, {i, {}});
  it->second.push_back({std::move(key), value});
}

bool final_awards(const ProcessFacts& p, Awards& active) {
  active.clear();
  if (!p.has_awards || !p.has_bid_details) return false;
  for (const Award& a : p.awards) {
    if (!a.status) continue;  // awards without a (string) status are ignored
    if (equals(*a.status, "active")) active.push_back(&a);
    else if (!equals(*a.status, "cancelled") && !equals(*a.status, "unsuccessful")) return false;  // e.g. pending
  }
  return true;
}

bool compares_prices(const Settings& s, const ProcessFacts& p) {
  const bool allow_list = !s.price_comparison_procurement_methods.empty();
  if (!p.procurement_method_details) return !allow_list;
  if (allow_list) return s.price_comparison_procurement_methods.contains(*p.procurement_method_details);
  return !s.no_price_comparison_procurement_methods.contains(*p.procurement_method_details);
}

RedflagScan::RedflagScan(const Settings& settings)
    : settings_(&settings), state_(std::make_unique<State>()), cn_(std::make_unique<ChineseState>()) {
  cn_->numbers = &state_->numbers;
}
RedflagScan::~RedflagScan() = default;
RedflagScan::RedflagScan(RedflagScan&&) noexcept = default;
RedflagScan& RedflagScan::operator=(RedflagScan&&) noexcept = default;

void RedflagScan::add(const ProcessFacts& p) {
  const Settings& s = *settings_;
  if (is(p.tender_status, "cancelled")) return;
  if (p.procurement_method_details && s.excluded_procurement_method_details.contains(*p.procurement_method_details))
    return;
  State& st = *state_;
  st.numbers.start_release();
  {
    // The organisations the indicators will ask about, numbered together (ScanNumbers::warm).
    Few<std::string_view, 48> ids;
    if (p.buyer) ids.push_back(*p.buyer);
    if (p.procuring_entity) ids.push_back(*p.procuring_entity);
    ids.push_back(p.buyer_ref.id);
    for (const Bid& b : p.bids) {
      for (const OptionalId& t : b.tenderers)
        if (t) ids.push_back(*t);
      for (const OrgRef& t : b.tenderer_refs) ids.push_back(t.id);
    }
    for (const OrgRef& t : p.tender_tenderers) ids.push_back(t.id);
    for (const Award& a : p.awards) {
      for (const OptionalId& t : a.suppliers)
        if (t) ids.push_back(*t);
      for (const OrgRef& t : a.supplier_refs) ids.push_back(t.id);
    }
    // Then their entries in the per-organisation tables, for the same reason.
    Few<uint32_t, 32> numbers;
    st.numbers.warm(ids, &numbers);
    for (uint32_t n : numbers) {
      if (n < st.counts.size()) __builtin_prefetch(&st.counts[n]);
      if (n < st.r048_supplier.size()) __builtin_prefetch(&st.r048_supplier[n]);
      if (n < cn_->cover_bidder.size()) __builtin_prefetch(&cn_->cover_bidder[n]);
    }
  }
  // Cardinal's order, which decides the first currency seen: the price ratio (R024, R058) before R036.
  if (s.r024 || s.r058) gather_price_ratios(s, p, st);
  if (s.r003) flag_r003(*s.r003, p, st.results);
  if (s.r018) flag_r018(*s.r018, p, st.results);
  if (s.r025) gather_r025(p, st);
  if (s.r028) flag_r028(s, p, st.results);
  if (s.r030) flag_r030(p, st.results);
  if (s.r035) flag_r035(*s.r035, p, st.results);
  if (s.r036) gather_r036(s, p, st);
  if (s.r038) gather_r038(p, st);
  if (s.r048) gather_r048(*s.r048, p, st);
  if (s.any_chinese_pattern()) add_chinese(s, p, *cn_, st.results);
}

namespace {

void add_counts(BigVector<OrgCounts>& into, BigVector<OrgCounts>&& from, const std::vector<uint32_t>& to) {
  // `from` may be longer than the later scan's table of names (it grows ahead): entries past it are empty.
  for (uint32_t n = 0; n < from.size() && n < to.size(); ++n) {
    if (from[n].r025.denominator == 0 && from[n].r038_tenderer.denominator == 0 && from[n].r038_buyer.denominator == 0 &&
        from[n].r038_procuring_entity.denominator == 0)
      continue;
    OrgCounts& mine = at(into, to[n]);
    for (Fraction OrgCounts::*f : {&OrgCounts::r025, &OrgCounts::r038_tenderer, &OrgCounts::r038_buyer,
                                   &OrgCounts::r038_procuring_entity}) {
      (mine.*f).numerator += (from[n].*f).numerator;
      (mine.*f).denominator += (from[n].*f).denominator;
    }
  }
  from.clear();
}

// Per-currency lists of a later scan appended to this one's, each item renumbered.
template <class T, class Renumber>
void append_by_currency(std::unordered_map<std::string, std::vector<T>>& into,
                        std::unordered_map<std::string, std::vector<T>>&& from, Renumber renumber) {
  for (auto& [currency, items] : from) {
    auto& mine = into[currency];
    for (T& x : items) mine.push_back(renumber(x));
  }
  from.clear();
}

}  // namespace

void RedflagScan::absorb(RedflagScan&& later) {
  State& a = *state_;
  State& b = *later.state_;
  const std::vector<uint32_t> to = a.numbers.names.absorb(b.numbers.names);
  const std::vector<uint32_t> to_ocid = a.numbers.ocids.absorb(b.numbers.ocids);
  const std::vector<uint32_t> to_prefix = a.r048_prefixes.absorb(b.r048_prefixes);
  for (size_t g = 0; g < kGroupCount; ++g) a.results.groups[g].absorb(std::move(b.results.groups[g]));
  if (!a.first_currency) a.first_currency = std::move(b.first_currency);
  append_by_currency(a.price_ratios, std::move(b.price_ratios), [&](PriceRatio r) {
    return PriceRatio{to_ocid[r.ocid], to[r.winner], to[r.runner_up], r.ratio};
  });
  append_by_currency(a.r036_flagged, std::move(b.r036_flagged), [&](uint32_t ocid) { return to_ocid[ocid]; });
  add_counts(a.counts, std::move(b.counts), to);
  for (uint32_t n = 0; n < b.r048_supplier.size(); ++n) {
    const SupplierClassifications& c = b.r048_supplier[n];
    if (c.processes == 0) continue;
    SupplierClassifications& mine = at(a.r048_supplier, to[n]);
    mine.processes += c.processes;
    for (uint32_t later_prefix : c.prefixes) {
      const uint32_t number = to_prefix[later_prefix];
      const auto place = std::lower_bound(mine.prefixes.begin(), mine.prefixes.end(), number);
      if (place == mine.prefixes.end() || *place != number) mine.prefixes.insert(place, number);
    }
  }
  b.r048_supplier.clear();
  cn_->absorb(std::move(*later.cn_), to, to_ocid);
}

Results RedflagScan::finish() && {
  const Settings& s = *settings_;
  State& st = *state_;
  const std::string* currency = s.currency ? &*s.currency : (st.first_currency ? &*st.first_currency : nullptr);
  if (s.r024 || s.r058) finish_price_ratios(s, currency, st);
  if (s.r025) finish_r025(*s.r025, st);
  if (s.r036) finish_r036(currency, st);
  if (s.r038) finish_r038(*s.r038, st);
  if (s.r048) finish_r048(*s.r048, st);
  finish_chinese(s, *cn_, st.results);
  // Meta in indicator order, whatever order the finishing steps added it in.
  std::stable_sort(st.results.meta.begin(), st.results.meta.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  return std::move(st.results);
}

}  // namespace lf::engine::redflags
