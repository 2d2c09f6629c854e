// The Chinese patterns that need every release, with state per buyer, tenderer or supplier: IDENTICAL-BID
// (per buyer and amount), REPEAT-AWARD (标王, per buyer and supplier), COVER-BIDDER (陪标专业户, per tenderer),
// SPLIT (化整为零, per buyer and supplier); SAME-GROUP is in redflags_cn_groups.cc. The state holds numbers for
// strings (Names, redflags_cn_state.cc). The end visits organisations in id order and processes in file order.
#include <algorithm>
#include <functional>
#include <map>

#include "engine/redflags_cn.h"

namespace lf::engine::redflags {

namespace {

// The keys of `m` ordered by `less`.
template <class Map, class Less>
std::vector<typename Map::const_pointer> sorted_entries(const Map& m, Less less) {
  std::vector<typename Map::const_pointer> out;
  out.reserve(m.size());
  for (const auto& e : m) out.push_back(&e);
  std::sort(out.begin(), out.end(), less);
  return out;
}

// ---- gathering, release by release ----

void gather_identical_bid(const IdenticalBidSettings& s, const ProcessFacts& p, RedflagScan::ChineseState& st) {
  const std::string_view buyer = buyer_of(p);  // a view into p: ChineseState::org keeps it for the release
  if (buyer.empty()) return;
  std::optional<uint32_t> buyer_n, ocid_n;
  thread_local std::vector<uint32_t> tenderers;
  for (const Bid& b : p.bids) {
    if (!bid_counts(b) || !b.amount || !(*b.amount > 0.0) || *b.amount < s.minimum_amount) continue;
    const std::string& currency = currency_class(b.currency);
    // A bid at the ceiling price (tender.value) is expected, not a coincidence.
    if (p.tender_value.amount && *p.tender_value.amount == *b.amount &&
        currency_class(p.tender_value.currency) == currency)
      continue;
    tenderers.clear();
    for (const OrgRef& t : b.tenderer_refs)
      if (!t.id.empty()) tenderers.push_back(st.org(t.id));
    if (tenderers.empty()) continue;
    std::sort(tenderers.begin(), tenderers.end());
    tenderers.erase(std::unique(tenderers.begin(), tenderers.end()), tenderers.end());
    if (!buyer_n) {
      buyer_n = st.org(buyer);
      ocid_n = st.ocid(p);
    }
    st.add_priced_bid(PricedBid(*b.amount, st.market(*buyer_n, st.org(currency)), *ocid_n), tenderers);
  }
}

void gather_repeat_award(const ProcessFacts& p, RedflagScan::ChineseState& st) {
  const std::string_view buyer = buyer_of(p);  // a view into p: ChineseState::org keeps it for the release
  if (buyer.empty()) return;
  const uint32_t b = st.org(buyer);
  Few<uint32_t> suppliers;
  for (const Award& a : p.awards) {
    if (!award_counts(a)) continue;
    suppliers.clear();
    for (const OrgRef& r : a.supplier_refs)
      if (!r.id.empty()) suppliers.push_back(st.org(r.id));
    std::sort(suppliers.begin(), suppliers.end());
    suppliers.erase(std::unique(suppliers.begin(), suppliers.end()), suppliers.end());
    if (suppliers.empty()) continue;
    ++at(st.buyer_awards, b);
    for (uint32_t s : suppliers) ++st.buyer_supplier_wins[pair_key(b, s)];
  }
}

void gather_cover_bidder(const ProcessFacts& p, const FewIds& bidders,
                         RedflagScan::ChineseState& st) {
  const FewIds winners = winners_of(p);
  if (winners.empty()) return;  // not awarded (yet): neither a loss nor a win
  for (std::string_view id : bidders) {
    WinCount& c = at(st.cover_bidder, st.org(id));
    ++c.processes;
    if (std::binary_search(winners.begin(), winners.end(), id)) ++c.wins;
  }
}

void gather_split(const SplitSettings& s, const ProcessFacts& p, RedflagScan::ChineseState& st) {
  const std::string_view buyer = buyer_of(p);  // a view into p: ChineseState::org keeps it for the release
  if (buyer.empty()) return;
  struct Total {
    std::string_view supplier;
    double amount = 0;
    int64_t day = 0;
  };
  Few<Total, 4> totals;  // per supplier, in order of first appearance
  for (const Award& a : p.awards) {
    if (!award_counts(a) || !a.amount || !(*a.amount > 0.0) || currency_class(a.currency) != s.currency) continue;
    std::optional<int64_t> day;
    if (a.date) day = calendar_day(*a.date);
    if (!day && !a.id.empty())
      for (const Contract& c : p.contracts)
        if (c.award_id == a.id && c.date_signed && (day = calendar_day(*c.date_signed))) break;
    if (!day) continue;
    Few<std::string_view, 4> done;
    for (const OrgRef& r : a.supplier_refs) {
      if (r.id.empty() || std::find(done.begin(), done.end(), r.id) != done.end()) continue;
      done.push_back(r.id);
      auto t = std::find_if(totals.begin(), totals.end(), [&](const Total& x) { return x.supplier == r.id; });
      if (t == totals.end()) t = totals.insert(totals.end(), Total{r.id, 0, *day});
      t->amount += *a.amount;
      t->day = std::min(t->day, *day);
    }
  }
  if (totals.empty()) return;
  const uint32_t b = st.org(buyer), ocid = st.ocid(p);
  for (const Total& t : totals)
    if (t.amount < s.threshold) st.split.push_back({t.amount, static_cast<int32_t>(t.day), ocid, b, st.org(t.supplier)});
}

// ---- the end ----

bool disjoint(const uint32_t* a, const uint32_t* a_end, const uint32_t* b, const uint32_t* b_end) {  // both sorted
  while (a != a_end && b != b_end) {
    if (*a == *b) return false;
    if (*a < *b) ++a;
    else ++b;
  }
  return true;
}

// The same amount (and currency) bid by different tenderers (no tenderer in common) in different tenders of
// one buyer. OCID 1.0; the tenderers of those bids 1.0.
void finish_identical_bid(RedflagScan::ChineseState& st, Results& out) {
  const Names& n = st.names();
  const std::vector<uint32_t>& rank = n.ranks();
  const ChunkedLog<PricedBid>& bids = st.priced_bids;
  // Bids by buyer, then currency and amount, in file order among equal prices; only runs of one price (rare)
  // look at the bids themselves.
  const std::vector<uint32_t>& process = st.ocids().canonical();  // one number per OCID
  visit_by_rank(
      bids.size(), n.size(), [&](uint32_t i) { return rank[st.markets[bids[i].market].first]; },
      // amounts are positive numbers (gather_identical_bid): no NaN to upset the order
      [&](uint32_t i) { return std::pair<uint32_t, double>(rank[st.markets[bids[i].market].second], bids[i].amount()); },
      [&](auto entries) {
        for (size_t i = 0; i < entries.size();) {
          size_t j = i + 1;
          while (j < entries.size() && entries[j].first == entries[i].first) ++j;
          for (size_t k = i; j - i > 1 && k < j; ++k) {
            const PricedBid& e = bids[entries[k].second];
            const std::span<const uint32_t> mine = st.tenderers_of(e);
            bool hit = false;
            for (size_t m = i; m < j && !hit; ++m) {
              const PricedBid& other = bids[entries[m].second];
              const std::span<const uint32_t> theirs = st.tenderers_of(other);
              hit = process[other.ocid] != process[e.ocid] &&
                    disjoint(theirs.data(), theirs.data() + theirs.size(), mine.data(), mine.data() + mine.size());
            }
            if (!hit) continue;
            out.group(Group::OCID).set(st.ocids().text(e.ocid), Indicator::IdenticalBid, 1.0);
            for (uint32_t t : mine) out.group(Group::Tenderer).set(n.text(t), Indicator::IdenticalBid, 1.0);
          }
          i = j;
        }
      });
  st.priced_bids.release();
  BigVector<uint32_t>().swap(st.several_tenderers);
}

// 标王: a supplier that won at least `minimum_awards` of a buyer's counted awards and at least `share` of
// them, or at least `count` of them. Supplier and buyer = the share (the largest).
void finish_repeat_award(const RepeatAwardSettings& s, RedflagScan::ChineseState& st, Results& out) {
  const Names& n = st.names();
  LargestFlags flags;
  const std::vector<uint32_t>& rank = n.ranks();
  const auto pairs = sorted_entries(st.buyer_supplier_wins, [&](auto a, auto b) {
    if (high(a->first) != high(b->first)) return rank[high(a->first)] < rank[high(b->first)];
    return rank[low(a->first)] < rank[low(b->first)];
  });
  for (auto e : pairs) {
    const uint64_t wins = e->second;
    const double share = static_cast<double>(wins) / static_cast<double>(st.buyer_awards[high(e->first)]);
    if (!((wins >= s.minimum_awards && share >= s.share) || (s.count > 0 && wins >= s.count))) continue;
    flags.note(Group::Tenderer, n.text(low(e->first)), share);
    flags.note(Group::Buyer, n.text(high(e->first)), share);
  }
  flags.emit(Indicator::RepeatAward, out);
  FlatMap<uint64_t, uint64_t>().swap(st.buyer_supplier_wins);
}

// 陪标专业户: a tenderer in at least `minimum_processes` awarded processes who won at most
// `maximum_win_ratio` of them. Tenderer = wins / processes.
void finish_cover_bidder(const CoverBidderSettings& s, RedflagScan::ChineseState& st, Results& out) {
  const Names& n = st.names();
  const std::vector<uint32_t>& rank = n.ranks();
  std::vector<uint32_t> tenderers;
  for (uint32_t t = 0; t < st.cover_bidder.size(); ++t)
    if (st.cover_bidder[t].processes > 0) tenderers.push_back(t);
  std::sort(tenderers.begin(), tenderers.end(), [&](uint32_t a, uint32_t b) { return rank[a] < rank[b]; });
  for (uint32_t t : tenderers) {
    const WinCount& c = st.cover_bidder[t];
    const double ratio = static_cast<double>(c.wins) / static_cast<double>(c.processes);
    if (c.processes >= s.minimum_processes && ratio <= s.maximum_win_ratio)
      out.group(Group::Tenderer).set(n.text(t), Indicator::CoverBidder, ratio);
  }
}

// 化整为零: purchases of one buyer from one supplier, each below the threshold, within `window` days of the
// first, together at or above it. OCID, supplier and buyer = the largest such total over the threshold.
void finish_split(const SplitSettings& s, RedflagScan::ChineseState& st, Results& out) {
  const std::vector<uint32_t>& process = st.ocids().canonical();  // one number per OCID
  const Names& n = st.names();
  LargestFlags flags;
  const std::vector<uint32_t>& rank = n.ranks();
  // The purchases by (buyer, supplier) in id order, each pair's in file order.
  const ChunkedLog<SplitPurchase>& purchases = st.split;
  const std::vector<uint32_t> order = order_by_rank(
      purchases.size(), n.size(), [&](uint32_t i) { return rank[purchases[i].buyer]; },
      [&](uint32_t i) { return rank[purchases[i].supplier]; });
  // Buffers for one (buyer, supplier) at a time, reused: most pairs have a purchase or two, and a table and a
  // vector made for each of hundreds of thousands of pairs were most of this step.
  std::vector<const SplitPurchase*> all, list;
  std::vector<std::pair<uint32_t, uint32_t>> by_process;  // (process, place in `all`)
  std::vector<double> best;
  for (size_t g = 0; g < order.size();) {
    const SplitPurchase& first = purchases[order[g]];
    all.clear();
    for (; g < order.size() && purchases[order[g]].buyer == first.buyer && purchases[order[g]].supplier == first.supplier; ++g)
      all.push_back(&purchases[order[g]]);
    // A repeated OCID is a later state of the same process: keep its last purchase (in file order).
    list.clear();
    if (all.size() == 1) {
      list.push_back(all[0]);
    } else {
      by_process.clear();
      for (size_t i = 0; i < all.size(); ++i) by_process.emplace_back(process[all[i]->ocid], static_cast<uint32_t>(i));
      std::sort(by_process.begin(), by_process.end());
      size_t kept = 0;
      for (size_t i = 0; i < by_process.size(); ++i)
        if (i + 1 == by_process.size() || by_process[i + 1].first != by_process[i].first)
          by_process[kept++] = {by_process[i].second, 0};  // the last of its process
      std::sort(by_process.begin(), by_process.begin() + static_cast<std::ptrdiff_t>(kept));  // back to file order
      for (size_t i = 0; i < kept; ++i) list.push_back(all[by_process[i].first]);
    }
    std::stable_sort(list.begin(), list.end(), [](auto a, auto b) { return a->day < b->day; });
    best.assign(list.size(), 0.0);
    double top = 0;
    for (size_t i = 0, j = 0; i < list.size(); ++i) {
      // The purchases from the i-th to the last within the window that starts on its day.
      j = std::max(j, i);
      while (j + 1 < list.size() && list[j + 1]->day - list[i]->day < s.window) ++j;
      double total = 0;
      for (size_t k = i; k <= j; ++k) total += list[k]->amount;  // in order: no drift from a running sum
      if (j == i || total < s.threshold) continue;
      const double ratio = total / s.threshold;
      for (size_t k = i; k <= j; ++k) best[k] = std::max(best[k], ratio);
      top = std::max(top, ratio);
    }
    if (top == 0) continue;
    for (size_t k = 0; k < list.size(); ++k)
      if (best[k] > 0) flags.note(Group::OCID, st.ocids().text(list[k]->ocid), best[k]);
    flags.note(Group::Tenderer, n.text(first.supplier), top);
    flags.note(Group::Buyer, n.text(first.buyer), top);
  }
  flags.emit(Indicator::Split, out);
  st.split.release();
}

}  // namespace

void add_chinese(const Settings& s, const ProcessFacts& p, RedflagScan::ChineseState& st, Results& out) {
  // Who bid, worked out once for the three patterns that ask.
  FewIds bidders;
  if (s.shared_contact || s.cover_bidder || s.same_group) bidders = bidders_of(p);
  if (s.shared_contact) flag_shared_contact(*s.shared_contact, p, bidders, out);
  if (s.identical_bid) gather_identical_bid(*s.identical_bid, p, st);
  if (s.pattern_bid) flag_pattern_bid(*s.pattern_bid, p, out);
  if (s.repeat_award) gather_repeat_award(p, st);
  if (s.cover_bidder) gather_cover_bidder(p, bidders, st);
  if (s.same_group) gather_same_group(*s.same_group, bidders, p, st);
  if (s.split) gather_split(*s.split, p, st);
  if (s.contract_change) flag_contract_change(*s.contract_change, p, out);
  if (s.new_firm) flag_new_firm(*s.new_firm, p, out);
  if (s.blacklist) flag_blacklist(*s.blacklist, p, out);
}

void finish_chinese(const Settings& s, RedflagScan::ChineseState& st, Results& out) {
  if (s.identical_bid) finish_identical_bid(st, out);
  if (s.repeat_award) finish_repeat_award(*s.repeat_award, st, out);
  if (s.cover_bidder) finish_cover_bidder(*s.cover_bidder, st, out);
  if (s.same_group) finish_same_group(*s.same_group, st, out);
  if (s.split) finish_split(*s.split, st, out);
}

}  // namespace lf::engine::redflags
