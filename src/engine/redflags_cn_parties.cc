// The Chinese patterns that need every release, with state per buyer, tenderer or supplier: IDENTICAL-BID
// (per buyer and amount), REPEAT-AWARD (标王, per buyer and supplier), COVER-BIDDER (陪标专业户, per tenderer),
// SAME-GROUP (the tenders of each tenderer), SPLIT (化整为零, per buyer and supplier). The state holds numbers
// for strings (Names); scans of a file's parts join in file order, renumbering the later one's strings. The
// end visits organisations in id order and processes in file order.
#include <algorithm>
#include <functional>
#include <map>

#include "engine/redflags_cn.h"

namespace lf::engine::redflags {

uint32_t Names::number(std::string_view s) {
  auto it = numbers_.find(s);
  if (it != numbers_.end()) return it->second;
  const auto n = static_cast<uint32_t>(texts_.size());
  texts_.emplace_back(s);
  numbers_.emplace(texts_.back(), n);
  return n;
}

std::vector<uint32_t> Names::absorb(const Names& later) {
  std::vector<uint32_t> out;
  out.reserve(later.texts_.size());
  for (const std::string& t : later.texts_) out.push_back(number(t));
  return out;
}

namespace {

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

// The keys of `m` ordered by `less`.
template <class Map, class Less>
std::vector<typename Map::const_pointer> sorted_entries(const Map& m, Less less) {
  std::vector<typename Map::const_pointer> out;
  out.reserve(m.size());
  for (const auto& e : m) out.push_back(&e);
  std::sort(out.begin(), out.end(), less);
  return out;
}

uint32_t high(uint64_t k) { return static_cast<uint32_t>(k >> 32); }
uint32_t low(uint64_t k) { return static_cast<uint32_t>(k); }

// ---- gathering, release by release ----

void gather_identical_bid(const IdenticalBidSettings& s, const ProcessFacts& p, RedflagScan::ChineseState& st) {
  const std::string buyer = buyer_of(p);
  if (buyer.empty()) return;
  std::optional<uint32_t> buyer_n, ocid_n;
  std::vector<uint32_t> tenderers;
  for (const Bid& b : p.bids) {
    if (!bid_counts(b) || !b.amount || !(*b.amount > 0.0) || *b.amount < s.minimum_amount) continue;
    const std::string& currency = currency_class(b.currency);
    // A bid at the ceiling price (tender.value) is expected, not a coincidence.
    if (p.tender_value.amount && *p.tender_value.amount == *b.amount &&
        currency_class(p.tender_value.currency) == currency)
      continue;
    tenderers.clear();
    for (const OrgRef& t : b.tenderer_refs)
      if (!t.id.empty()) tenderers.push_back(st.names.number(t.id));
    if (tenderers.empty()) continue;
    std::sort(tenderers.begin(), tenderers.end());
    tenderers.erase(std::unique(tenderers.begin(), tenderers.end()), tenderers.end());
    if (!buyer_n) {
      buyer_n = st.names.number(buyer);
      ocid_n = st.names.number(p.ocid);
    }
    const auto at = static_cast<uint32_t>(st.bids_seen.size());
    st.bids_seen.push_back({*ocid_n, static_cast<uint32_t>(st.bid_tenderers.size()), static_cast<uint32_t>(tenderers.size())});
    st.bid_tenderers.insert(st.bid_tenderers.end(), tenderers.begin(), tenderers.end());
    auto [list, added] = st.identical.try_emplace(PriceKey{*buyer_n, st.names.number(currency), *b.amount}, BidList{at, at});
    if (!added) {
      st.bids_seen[list->second.tail].next = at;
      list->second.tail = at;
    }
  }
}

void gather_repeat_award(const ProcessFacts& p, RedflagScan::ChineseState& st) {
  const std::string buyer = buyer_of(p);
  if (buyer.empty()) return;
  const uint32_t b = st.names.number(buyer);
  std::vector<uint32_t> suppliers;
  for (const Award& a : p.awards) {
    if (!award_counts(a)) continue;
    suppliers.clear();
    for (const OrgRef& r : a.supplier_refs)
      if (!r.id.empty()) suppliers.push_back(st.names.number(r.id));
    std::sort(suppliers.begin(), suppliers.end());
    suppliers.erase(std::unique(suppliers.begin(), suppliers.end()), suppliers.end());
    if (suppliers.empty()) continue;
    ++st.buyer_awards[b];
    for (uint32_t s : suppliers) ++st.buyer_supplier_wins[pair_key(b, s)];
  }
}

void gather_cover_bidder(const ProcessFacts& p, const std::vector<std::string_view>& bidders,
                         RedflagScan::ChineseState& st) {
  const std::vector<std::string_view> winners = winners_of(p);
  if (winners.empty()) return;  // not awarded (yet): neither a loss nor a win
  for (std::string_view id : bidders) {
    WinCount& c = st.cover_bidder[st.names.number(id)];
    ++c.processes;
    if (std::binary_search(winners.begin(), winners.end(), id)) ++c.wins;
  }
}

void gather_same_group(const SameGroupSettings& s, const std::vector<std::string_view>& bidders,
                       const ProcessFacts& p, RedflagScan::ChineseState& st) {
  if (bidders.size() < std::max<uint64_t>(s.group_size, 2)) return;
  const uint32_t ocid = st.names.number(p.ocid);
  for (std::string_view id : bidders) {
    auto& tenders = st.tenders_of[st.names.number(id)];
    if (tenders.empty() || tenders.back() != ocid) tenders.push_back(ocid);
  }
}

void gather_split(const SplitSettings& s, const ProcessFacts& p, RedflagScan::ChineseState& st) {
  const std::string buyer = buyer_of(p);
  if (buyer.empty()) return;
  struct Total {
    std::string_view supplier;
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
  if (totals.empty()) return;
  const uint32_t b = st.names.number(buyer), ocid = st.names.number(p.ocid);
  for (const Total& t : totals)
    if (t.amount < s.threshold) st.split[pair_key(b, st.names.number(t.supplier))].push_back({t.day, t.amount, ocid});
}

// ---- the end ----

bool disjoint(const uint32_t* a, uint32_t na, const uint32_t* b, uint32_t nb) {  // both sorted
  for (uint32_t i = 0, j = 0; i < na && j < nb;) {
    if (a[i] == b[j]) return false;
    if (a[i] < b[j]) ++i;
    else ++j;
  }
  return true;
}

// The same amount (and currency) bid by different tenderers (no tenderer in common) in different tenders of
// one buyer. OCID 1.0; the tenderers of those bids 1.0.
void finish_identical_bid(RedflagScan::ChineseState& st, Results& out) {
  const Names& n = st.names;
  // Only prices bid more than once can be shared; most are bid once.
  std::erase_if(st.identical, [](const auto& e) { return e.second.head == e.second.tail; });
  const auto keys = sorted_entries(st.identical, [&](auto a, auto b) {
    const PriceKey &x = a->first, &y = b->first;
    if (x.buyer != y.buyer) return n.text(x.buyer) < n.text(y.buyer);
    if (x.currency != y.currency) return n.text(x.currency) < n.text(y.currency);
    return x.amount < y.amount;
  });
  std::vector<const BidSeen*> seen;
  auto tenderers = [&](const BidSeen* b) { return st.bid_tenderers.data() + b->first_tenderer; };
  for (auto key : keys) {
    seen.clear();
    for (uint32_t i = key->second.head; i != BidSeen::kEnd; i = st.bids_seen[i].next) seen.push_back(&st.bids_seen[i]);
    for (const BidSeen* e : seen) {
      const bool hit = std::any_of(seen.begin(), seen.end(), [&](const BidSeen* f) {
        return f->ocid != e->ocid && disjoint(tenderers(f), f->tenderers, tenderers(e), e->tenderers);
      });
      if (!hit) continue;
      out.group(Group::OCID).set(n.text(e->ocid), Indicator::IdenticalBid, 1.0);
      for (uint32_t i = 0; i < e->tenderers; ++i)
        out.group(Group::Tenderer).set(n.text(tenderers(e)[i]), Indicator::IdenticalBid, 1.0);
    }
  }
}

// 标王: a supplier that won at least `minimum_awards` of a buyer's counted awards and at least `share` of
// them, or at least `count` of them. Supplier and buyer = the share (the largest).
void finish_repeat_award(const RepeatAwardSettings& s, RedflagScan::ChineseState& st, Results& out) {
  const Names& n = st.names;
  LargestFlags flags;
  const auto pairs = sorted_entries(st.buyer_supplier_wins, [&](auto a, auto b) {
    if (high(a->first) != high(b->first)) return n.text(high(a->first)) < n.text(high(b->first));
    return n.text(low(a->first)) < n.text(low(b->first));
  });
  for (auto e : pairs) {
    const uint64_t wins = e->second;
    const double share = static_cast<double>(wins) / static_cast<double>(st.buyer_awards.at(high(e->first)));
    if (!((wins >= s.minimum_awards && share >= s.share) || (s.count > 0 && wins >= s.count))) continue;
    flags.note(Group::Tenderer, n.text(low(e->first)), share);
    flags.note(Group::Buyer, n.text(high(e->first)), share);
  }
  flags.emit(Indicator::RepeatAward, out);
}

// 陪标专业户: a tenderer in at least `minimum_processes` awarded processes who won at most
// `maximum_win_ratio` of them. Tenderer = wins / processes.
void finish_cover_bidder(const CoverBidderSettings& s, RedflagScan::ChineseState& st, Results& out) {
  const Names& n = st.names;
  for (auto t : sorted_entries(st.cover_bidder, [&](auto a, auto b) { return n.text(a->first) < n.text(b->first); })) {
    const WinCount& c = t->second;
    const double ratio = static_cast<double>(c.wins) / static_cast<double>(c.processes);
    if (c.processes >= s.minimum_processes && ratio <= s.maximum_win_ratio)
      out.group(Group::Tenderer).set(n.text(t->first), Indicator::CoverBidder, ratio);
  }
}

// Frequent groups of tenderers, found depth first: a group can only meet in `minimum` tenders when each of
// its smaller groups does (apriori), so a tenderer is only tried with those it met often enough.
class GroupSearch {
 public:
  GroupSearch(const std::vector<std::vector<uint32_t>>& bidders, size_t size, size_t minimum,
              const std::function<void(const std::vector<uint32_t>&, const std::vector<uint32_t>&)>& found)
      : bidders_(bidders), size_(size), minimum_(minimum), found_(found) {}

  // `group` (ranks, ascending) meets in `tenders` (indices, ascending).
  void extend(std::vector<uint32_t>& group, const std::vector<uint32_t>& tenders) {
    if (group.size() == size_) {
      found_(group, tenders);
      return;
    }
    // (further member, tender) for every member after the group's last, in every tender: sorted, each
    // member's run lists the tenders it shares with the group, ascending.
    std::vector<std::pair<uint32_t, uint32_t>> with;
    for (uint32_t t : tenders) {
      const auto& b = bidders_[t];
      for (auto it = std::upper_bound(b.begin(), b.end(), group.back()); it != b.end(); ++it) with.emplace_back(*it, t);
    }
    std::sort(with.begin(), with.end());
    std::vector<uint32_t> shared;
    for (size_t i = 0; i < with.size();) {
      size_t j = i;
      while (j < with.size() && with[j].first == with[i].first) ++j;
      if (j - i >= minimum_) {
        shared.clear();
        for (size_t k = i; k < j; ++k) shared.push_back(with[k].second);
        group.push_back(with[i].first);
        extend(group, shared);
        group.pop_back();
      }
      i = j;
    }
  }

 private:
  const std::vector<std::vector<uint32_t>>& bidders_;
  size_t size_, minimum_;
  const std::function<void(const std::vector<uint32_t>&, const std::vector<uint32_t>&)>& found_;
};

// A group of `group_size` tenderers bidding together in at least `minimum_tenders` tenders (tenders with more
// than `maximum_bidders` bidders left out). OCID and each member = the number of tenders (the largest count
// of a group it is part of).
void finish_same_group(const SameGroupSettings& s, RedflagScan::ChineseState& st, Results& out) {
  const Names& n = st.names;
  // Tenderers ranked by id; tenders numbered in file order (by their number in the table, which is the order
  // of first appearance).
  const auto tenderers = sorted_entries(st.tenders_of, [&](auto a, auto b) { return n.text(a->first) < n.text(b->first); });
  std::vector<uint32_t> tender_numbers;
  for (auto t : tenderers) tender_numbers.insert(tender_numbers.end(), t->second.begin(), t->second.end());
  std::sort(tender_numbers.begin(), tender_numbers.end());
  tender_numbers.erase(std::unique(tender_numbers.begin(), tender_numbers.end()), tender_numbers.end());
  auto tender_index = [&](uint32_t ocid) {
    return static_cast<uint32_t>(std::lower_bound(tender_numbers.begin(), tender_numbers.end(), ocid) - tender_numbers.begin());
  };
  std::vector<std::vector<uint32_t>> bidders(tender_numbers.size());  // ranks, ascending
  for (uint32_t rank = 0; rank < tenderers.size(); ++rank)
    for (uint32_t ocid : tenderers[rank]->second) {
      auto& b = bidders[tender_index(ocid)];
      if (b.empty() || b.back() != rank) b.push_back(rank);
    }
  const size_t size = static_cast<size_t>(std::max<uint64_t>(s.group_size, 2));
  const size_t minimum = static_cast<size_t>(std::max<uint64_t>(s.minimum_tenders, 1));
  std::vector<bool> eligible(bidders.size());
  for (size_t t = 0; t < bidders.size(); ++t) eligible[t] = bidders[t].size() >= size && bidders[t].size() <= s.maximum_bidders;

  LargestFlags flags;
  const std::function<void(const std::vector<uint32_t>&, const std::vector<uint32_t>&)> found =
      [&](const std::vector<uint32_t>& group, const std::vector<uint32_t>& tenders) {
        const auto count = static_cast<double>(tenders.size());
        for (uint32_t t : tenders) flags.note(Group::OCID, n.text(tender_numbers[t]), count);
        for (uint32_t rank : group) flags.note(Group::Tenderer, n.text(tenderers[rank]->first), count);
      };
  GroupSearch search(bidders, size, minimum, found);
  std::vector<uint32_t> group, tenders;
  for (uint32_t rank = 0; rank < tenderers.size(); ++rank) {
    tenders.clear();
    for (uint32_t ocid : tenderers[rank]->second)
      if (const uint32_t t = tender_index(ocid); eligible[t]) tenders.push_back(t);
    std::sort(tenders.begin(), tenders.end());
    tenders.erase(std::unique(tenders.begin(), tenders.end()), tenders.end());
    if (tenders.size() < minimum) continue;
    group.assign(1, rank);
    search.extend(group, tenders);
  }
  flags.emit(Indicator::SameGroup, out);
}

// 化整为零: purchases of one buyer from one supplier, each below the threshold, within `window` days of the
// first, together at or above it. OCID, supplier and buyer = the largest such total over the threshold.
void finish_split(const SplitSettings& s, RedflagScan::ChineseState& st, Results& out) {
  const Names& n = st.names;
  LargestFlags flags;
  const auto pairs = sorted_entries(st.split, [&](auto a, auto b) {
    if (high(a->first) != high(b->first)) return n.text(high(a->first)) < n.text(high(b->first));
    return n.text(low(a->first)) < n.text(low(b->first));
  });
  for (auto e : pairs) {
    // A repeated OCID is a later state of the same process: keep its last purchase.
    std::vector<const SplitPurchase*> list;
    {
      std::unordered_map<uint32_t, size_t> last;
      const auto& all = e->second;
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
      if (best[k] > 0) flags.note(Group::OCID, n.text(list[k]->ocid), best[k]);
    flags.note(Group::Tenderer, n.text(low(e->first)), top);
    flags.note(Group::Buyer, n.text(high(e->first)), top);
  }
  flags.emit(Indicator::Split, out);
}

}  // namespace

void RedflagScan::ChineseState::absorb(ChineseState&& later) {
  const std::vector<uint32_t> to = names.absorb(later.names);
  auto pair = [&](uint64_t k) { return pair_key(to[high(k)], to[low(k)]); };
  const auto seen_offset = static_cast<uint32_t>(bids_seen.size());
  const auto tenderer_offset = static_cast<uint32_t>(bid_tenderers.size());
  for (uint32_t t : later.bid_tenderers) bid_tenderers.push_back(to[t]);
  for (BidSeen b : later.bids_seen) {
    b.ocid = to[b.ocid];
    b.first_tenderer += tenderer_offset;
    if (b.next != BidSeen::kEnd) b.next += seen_offset;
    // Renumbering can reorder a bid's tenderers.
    std::sort(bid_tenderers.begin() + b.first_tenderer, bid_tenderers.begin() + b.first_tenderer + b.tenderers);
    bids_seen.push_back(b);
  }
  for (auto& [key, list] : later.identical) {
    const BidList moved{list.head + seen_offset, list.tail + seen_offset};
    auto [mine, added] = identical.try_emplace(PriceKey{to[key.buyer], to[key.currency], key.amount}, moved);
    if (!added) {
      bids_seen[mine->second.tail].next = moved.head;
      mine->second.tail = moved.tail;
    }
  }
  for (auto& [buyer, awards] : later.buyer_awards) buyer_awards[to[buyer]] += awards;
  for (auto& [key, wins] : later.buyer_supplier_wins) buyer_supplier_wins[pair(key)] += wins;
  for (auto& [id, c] : later.cover_bidder) {
    WinCount& mine = cover_bidder[to[id]];
    mine.processes += c.processes;
    mine.wins += c.wins;
  }
  for (auto& [id, tenders] : later.tenders_of) {
    auto& mine = tenders_of[to[id]];
    for (uint32_t t : tenders)
      if (mine.empty() || mine.back() != to[t]) mine.push_back(to[t]);
  }
  for (auto& [key, list] : later.split) {
    auto& mine = split[pair(key)];
    for (SplitPurchase& x : list) mine.push_back({x.day, x.amount, to[x.ocid]});
  }
  later = ChineseState{};
}

void add_chinese(const Settings& s, const ProcessFacts& p, RedflagScan::ChineseState& st, Results& out) {
  // Who bid, worked out once for the three patterns that ask.
  std::vector<std::string_view> bidders;
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
