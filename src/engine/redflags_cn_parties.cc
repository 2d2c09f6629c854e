// The Chinese patterns that need every release, with state per buyer, tenderer, supplier or group of
// tenderers: IDENTICAL-BID (per buyer), REPEAT-AWARD (标王, per buyer and supplier), COVER-BIDDER (陪标专业户,
// per tenderer), SAME-GROUP (per set of tenderers), SPLIT (化整为零, per buyer and supplier). Scans of a
// file's parts join their state in file order; the end visits organisations in id order and processes in
// file order.
#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "engine/redflags_cn.h"

namespace lf::engine::redflags {
namespace {

template <class Map>
std::vector<typename Map::const_pointer> by_key(const Map& m) {
  std::vector<typename Map::const_pointer> out;
  out.reserve(m.size());
  for (const auto& e : m) out.push_back(&e);
  std::sort(out.begin(), out.end(), [](auto a, auto b) { return a->first < b->first; });
  return out;
}

// Flags whose value is the largest one noted for the id, set in the order ids were first noted.
class LargestFlags {
 public:
  void note(Group g, const std::string& id, double v) {
    auto [it, added] = at_.try_emplace({g, id}, order_.size());
    if (added) order_.push_back({g, id, v});
    else order_[it->second].value = std::max(order_[it->second].value, v);
  }
  void emit(Indicator i, Results& out) const {
    for (const auto& e : order_) out.group(e.group).set(e.id, i, e.value);
  }

 private:
  struct Entry {
    Group group;
    std::string id;
    double value;
  };
  std::vector<Entry> order_;
  std::map<std::pair<Group, std::string>, size_t> at_;
};

// ---- gathering, release by release ----

void gather_identical_bid(const IdenticalBidSettings& s, const ProcessFacts& p, RedflagScan::ChineseState& st) {
  const std::string buyer = buyer_of(p);
  if (buyer.empty()) return;
  for (const Bid& b : p.bids) {
    if (!bid_counts(b) || !b.amount || !(*b.amount > 0.0) || *b.amount < s.minimum_amount) continue;
    const std::string& currency = currency_class(b.currency);
    // A bid at the ceiling price (tender.value) is expected, not a coincidence.
    if (p.tender_value.amount && *p.tender_value.amount == *b.amount &&
        currency_class(p.tender_value.currency) == currency)
      continue;
    IdenticalBidSeen seen{p.ocid, {}};
    for (const OrgRef& t : b.tenderer_refs)
      if (!t.id.empty()) seen.tenderers.push_back(t.id);
    if (seen.tenderers.empty()) continue;
    std::sort(seen.tenderers.begin(), seen.tenderers.end());
    seen.tenderers.erase(std::unique(seen.tenderers.begin(), seen.tenderers.end()), seen.tenderers.end());
    auto& list = st.identical[buyer][{currency, *b.amount}];
    if (!list.empty() && list.back().ocid == seen.ocid && list.back().tenderers == seen.tenderers) continue;
    list.push_back(std::move(seen));
  }
}

void gather_repeat_award(const ProcessFacts& p, RedflagScan::ChineseState& st) {
  const std::string buyer = buyer_of(p);
  if (buyer.empty()) return;
  for (const Award& a : p.awards) {
    if (!award_counts(a)) continue;
    std::vector<std::string_view> suppliers;
    for (const OrgRef& r : a.supplier_refs)
      if (!r.id.empty() && std::find(suppliers.begin(), suppliers.end(), r.id) == suppliers.end())
        suppliers.push_back(r.id);
    if (suppliers.empty()) continue;
    BuyerAwards& b = st.repeat_award[buyer];
    ++b.awards;
    for (std::string_view id : suppliers) ++b.wins[std::string(id)];
  }
}

void gather_cover_bidder(const ProcessFacts& p, RedflagScan::ChineseState& st) {
  const std::vector<std::string> winners = winners_of(p);
  if (winners.empty()) return;  // not awarded (yet): neither a loss nor a win
  for (const std::string& id : bidders_of(p)) {
    WinCount& c = st.cover_bidder[id];
    ++c.processes;
    if (std::binary_search(winners.begin(), winners.end(), id)) ++c.wins;
  }
}

void gather_same_group(const SameGroupSettings& s, const ProcessFacts& p, RedflagScan::ChineseState& st) {
  const std::vector<std::string> bidders = bidders_of(p);
  const size_t k = static_cast<size_t>(std::max<uint64_t>(s.group_size, 2));
  if (bidders.size() < k || bidders.size() > s.maximum_bidders) return;
  // Every k-subset of the bidders, positions in lexicographic order.
  std::vector<size_t> at(k);
  std::iota(at.begin(), at.end(), 0);
  for (;;) {
    std::string key;
    for (size_t i = 0; i < k; ++i) {
      if (i > 0) key += '\x1f';
      key += bidders[at[i]];
    }
    TenderGroup& g = st.groups[key];
    if (g.members.empty())
      for (size_t i = 0; i < k; ++i) g.members.push_back(bidders[at[i]]);
    if (g.ocids.empty() || g.ocids.back() != p.ocid) g.ocids.push_back(p.ocid);
    size_t i = k;
    while (i > 0 && at[i - 1] == bidders.size() - k + (i - 1)) --i;
    if (i == 0) break;
    ++at[i - 1];
    for (size_t j = i; j < k; ++j) at[j] = at[j - 1] + 1;
  }
}

void gather_split(const SplitSettings& s, const ProcessFacts& p, RedflagScan::ChineseState& st) {
  const std::string buyer = buyer_of(p);
  if (buyer.empty()) return;
  struct Total {
    std::string supplier;
    double amount = 0;
    int64_t day = 0;
  };
  std::vector<Total> totals;  // per supplier, in order of first appearance
  for (const Award& a : p.awards) {
    if (!award_counts(a) || !a.amount || !(*a.amount > 0.0) || currency_class(a.currency) != s.currency) continue;
    std::optional<int64_t> day;
    if (a.date) day = calendar_day(*a.date);
    if (!day && !a.id.empty())
      for (const Contract& c : p.contracts)
        if (c.award_id == a.id && c.date_signed && (day = calendar_day(*c.date_signed))) break;
    if (!day) continue;
    std::vector<std::string_view> done;
    for (const OrgRef& r : a.supplier_refs) {
      if (r.id.empty() || std::find(done.begin(), done.end(), r.id) != done.end()) continue;
      done.push_back(r.id);
      auto t = std::find_if(totals.begin(), totals.end(), [&](const Total& x) { return x.supplier == r.id; });
      if (t == totals.end()) t = totals.insert(totals.end(), Total{r.id, 0, *day});
      t->amount += *a.amount;
      t->day = std::min(t->day, *day);
    }
  }
  for (Total& t : totals)
    if (t.amount < s.threshold) st.split[buyer][t.supplier].push_back({t.day, t.amount, p.ocid});
}

// ---- the end ----

bool disjoint(const std::vector<std::string>& a, const std::vector<std::string>& b) {  // both sorted
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) return false;
    if (a[i] < b[j]) ++i;
    else ++j;
  }
  return true;
}

// The same amount (and currency) bid by different tenderers (no tenderer in common) in different tenders of
// one buyer. OCID 1.0; the tenderers of those bids 1.0.
void finish_identical_bid(RedflagScan::ChineseState& st, Results& out) {
  for (auto buyer : by_key(st.identical))
    for (const auto& [price, seen] : buyer->second) {
      if (seen.size() < 2) continue;
      for (const IdenticalBidSeen& e : seen) {
        const bool hit = std::any_of(seen.begin(), seen.end(), [&](const IdenticalBidSeen& f) {
          return f.ocid != e.ocid && disjoint(f.tenderers, e.tenderers);
        });
        if (!hit) continue;
        out.group(Group::OCID).set(e.ocid, Indicator::IdenticalBid, 1.0);
        for (const std::string& t : e.tenderers) out.group(Group::Tenderer).set(t, Indicator::IdenticalBid, 1.0);
      }
    }
}

// 标王: a supplier that won at least `minimum_awards` of a buyer's counted awards and at least `share` of
// them, or at least `count` of them. Supplier and buyer = the share (the largest).
void finish_repeat_award(const RepeatAwardSettings& s, RedflagScan::ChineseState& st, Results& out) {
  LargestFlags flags;
  for (auto buyer : by_key(st.repeat_award)) {
    const BuyerAwards& b = buyer->second;
    for (auto supplier : by_key(b.wins)) {
      const uint64_t wins = supplier->second;
      const double share = static_cast<double>(wins) / static_cast<double>(b.awards);
      if (!((wins >= s.minimum_awards && share >= s.share) || (s.count > 0 && wins >= s.count))) continue;
      flags.note(Group::Tenderer, supplier->first, share);
      flags.note(Group::Buyer, buyer->first, share);
    }
  }
  flags.emit(Indicator::RepeatAward, out);
}

// 陪标专业户: a tenderer in at least `minimum_processes` awarded processes who won at most
// `maximum_win_ratio` of them. Tenderer = wins / processes.
void finish_cover_bidder(const CoverBidderSettings& s, RedflagScan::ChineseState& st, Results& out) {
  for (auto t : by_key(st.cover_bidder)) {
    const WinCount& c = t->second;
    const double ratio = static_cast<double>(c.wins) / static_cast<double>(c.processes);
    if (c.processes >= s.minimum_processes && ratio <= s.maximum_win_ratio)
      out.group(Group::Tenderer).set(t->first, Indicator::CoverBidder, ratio);
  }
}

// A group of `group_size` tenderers bidding together in at least `minimum_tenders` tenders. OCID and each
// member = the number of tenders (the largest count of a group it is part of).
void finish_same_group(const SameGroupSettings& s, RedflagScan::ChineseState& st, Results& out) {
  LargestFlags flags;
  for (auto g : by_key(st.groups)) {
    std::vector<const std::string*> ocids;
    std::unordered_set<std::string_view> seen;
    for (const std::string& o : g->second.ocids)
      if (seen.insert(o).second) ocids.push_back(&o);
    if (ocids.size() < std::max<uint64_t>(s.minimum_tenders, 1)) continue;
    const auto n = static_cast<double>(ocids.size());
    for (const std::string* o : ocids) flags.note(Group::OCID, *o, n);
    for (const std::string& m : g->second.members) flags.note(Group::Tenderer, m, n);
  }
  flags.emit(Indicator::SameGroup, out);
}

// 化整为零: purchases of one buyer from one supplier, each below the threshold, within `window` days of the
// first, together at or above it. OCID, supplier and buyer = the largest such total over the threshold.
void finish_split(const SplitSettings& s, RedflagScan::ChineseState& st, Results& out) {
  LargestFlags flags;
  for (auto buyer : by_key(st.split))
    for (auto supplier : by_key(buyer->second)) {
      // A repeated OCID is a later state of the same process: keep its last purchase.
      std::vector<const SplitPurchase*> list;
      {
        std::unordered_map<std::string_view, size_t> last;
        const auto& all = supplier->second;
        for (size_t i = 0; i < all.size(); ++i) last[all[i].ocid] = i;
        for (size_t i = 0; i < all.size(); ++i)
          if (last[all[i].ocid] == i) list.push_back(&all[i]);
      }
      std::stable_sort(list.begin(), list.end(), [](auto a, auto b) { return a->day < b->day; });
      std::vector<double> best(list.size(), 0.0);
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
        if (best[k] > 0) flags.note(Group::OCID, list[k]->ocid, best[k]);
      flags.note(Group::Tenderer, supplier->first, top);
      flags.note(Group::Buyer, buyer->first, top);
    }
  flags.emit(Indicator::Split, out);
}

}  // namespace

void RedflagScan::ChineseState::absorb(ChineseState&& later) {
  for (auto& [buyer, prices] : later.identical) {
    auto& mine = identical[buyer];
    for (auto& [price, seen] : prices) {
      auto& list = mine[price];
      list.insert(list.end(), std::make_move_iterator(seen.begin()), std::make_move_iterator(seen.end()));
    }
  }
  for (auto& [buyer, b] : later.repeat_award) {
    BuyerAwards& mine = repeat_award[buyer];
    mine.awards += b.awards;
    for (auto& [supplier, wins] : b.wins) mine.wins[supplier] += wins;
  }
  for (auto& [id, c] : later.cover_bidder) {
    WinCount& mine = cover_bidder[id];
    mine.processes += c.processes;
    mine.wins += c.wins;
  }
  for (auto& [key, g] : later.groups) {
    TenderGroup& mine = groups[key];
    if (mine.members.empty()) mine.members = std::move(g.members);
    mine.ocids.insert(mine.ocids.end(), std::make_move_iterator(g.ocids.begin()), std::make_move_iterator(g.ocids.end()));
  }
  for (auto& [buyer, suppliers] : later.split)
    for (auto& [supplier, list] : suppliers) {
      auto& mine = split[buyer][supplier];
      mine.insert(mine.end(), std::make_move_iterator(list.begin()), std::make_move_iterator(list.end()));
    }
  later = ChineseState{};
}

void add_chinese(const Settings& s, const ProcessFacts& p, RedflagScan::ChineseState& st, Results& out) {
  if (s.shared_contact) flag_shared_contact(*s.shared_contact, p, out);
  if (s.identical_bid) gather_identical_bid(*s.identical_bid, p, st);
  if (s.pattern_bid) flag_pattern_bid(*s.pattern_bid, p, out);
  if (s.repeat_award) gather_repeat_award(p, st);
  if (s.cover_bidder) gather_cover_bidder(p, st);
  if (s.same_group) gather_same_group(*s.same_group, p, st);
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
