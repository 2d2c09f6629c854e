// The state of the cross-release Chinese patterns: strings as numbers, and joining the state of a later part
// of the file (scanned on another thread) into this one, renumbering its strings.
#include <algorithm>
#include <numeric>

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

const std::vector<uint32_t>& Names::ranks() const {
  if (ranks_.size() == texts_.size()) return ranks_;  // texts are only ever added
  std::vector<uint32_t> order(texts_.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return texts_[a] < texts_[b]; });
  std::vector<uint32_t> rank(texts_.size());
  for (uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  ranks_ = std::move(rank);
  return ranks_;
}

// `id` must stay valid for the rest of the release (a view into its facts, not into a temporary).
uint32_t RedflagScan::ChineseState::org(std::string_view id) {
  for (const auto& [seen, n] : this_release_)
    if (seen == id) return n;
  const uint32_t n = names.number(id);
  this_release_.emplace_back(id, n);
  return n;
}

void LargestFlags::note(Group g, const std::string& id, double v) {
  auto [it, added] = at_.try_emplace({g, id}, order_.size());
  if (added) order_.push_back({g, id, v});
  else order_[it->second].value = std::max(order_[it->second].value, v);
}

void LargestFlags::emit(Indicator i, Results& out) const {
  for (const auto& e : order_) out.group(e.group).set(e.id, i, e.value);
}

void RedflagScan::ChineseState::absorb(ChineseState&& later) {
  const std::vector<uint32_t> to = names.absorb(later.names);
  const std::vector<uint32_t> to_ocid = ocids.absorb(later.ocids);
  auto pair = [&](uint64_t k) { return pair_key(to[high(k)], to[low(k)]); };
  const auto seen_offset = static_cast<uint32_t>(bids_seen.size());
  const auto tenderer_offset = static_cast<uint32_t>(bid_tenderers.size());
  for (uint32_t t : later.bid_tenderers) bid_tenderers.push_back(to[t]);
  for (BidSeen b : later.bids_seen) {
    b.ocid = to_ocid[b.ocid];
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
      if (mine.empty() || mine.back() != to_ocid[t]) mine.push_back(to_ocid[t]);
  }
  for (auto& [key, list] : later.split) {
    auto& mine = split[pair(key)];
    for (SplitPurchase& x : list) mine.push_back({x.day, x.amount, to_ocid[x.ocid]});
  }
  later = ChineseState{};
}

}  // namespace lf::engine::redflags
