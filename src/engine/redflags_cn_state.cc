// The state of the cross-release Chinese patterns: joining the state of a later part of the file (scanned on
// another thread) into this one, renumbering its organisations and OCIDs; LargestFlags.
#include <algorithm>
#include <numeric>

#include "engine/redflags_cn.h"

namespace lf::engine::redflags {

void LargestFlags::note(Group g, std::string_view id, double v) {
  auto [it, added] = at_.try_emplace({g, std::string(id)}, order_.size());
  if (added) order_.push_back({g, std::string(id), v});
  else order_[it->second].value = std::max(order_[it->second].value, v);
}

void LargestFlags::emit(Indicator i, Results& out) const {
  for (const auto& e : order_) out.group(e.group).set(e.id, i, e.value);
}

void RedflagScan::ChineseState::add_priced_bid(PricedBid b, std::span<const uint32_t> tenderers) {
  if (tenderers.size() == 1 && (tenderers[0] & PricedBid::kSeveral) == 0) {
    b.tenderers = tenderers[0];
  } else {
    b.tenderers = PricedBid::kSeveral | static_cast<uint32_t>(several_tenderers.size());
    several_tenderers.push_back(static_cast<uint32_t>(tenderers.size()));
    several_tenderers.insert(several_tenderers.end(), tenderers.begin(), tenderers.end());
  }
  priced_bids.push_back(b);
}

void RedflagScan::ChineseState::absorb(ChineseState&& later, const std::vector<uint32_t>& to,
                                       const std::vector<uint32_t>& to_ocid) {
  auto pair = [&](uint64_t k) { return pair_key(to[high(k)], to[low(k)]); };
  std::vector<uint32_t> tenderers;
  for (const PricedBid& later_bid : later.priced_bids) {
    tenderers.clear();
    for (uint32_t t : later.tenderers_of(later_bid)) tenderers.push_back(to[t]);
    std::sort(tenderers.begin(), tenderers.end());  // renumbering can reorder a bid's tenderers
    const auto [buyer, currency] = later.markets[later_bid.market];
    add_priced_bid(PricedBid(later_bid.amount(), market(to[buyer], to[currency]), to_ocid[later_bid.ocid]), tenderers);
  }
  for (uint32_t b = 0; b < later.buyer_awards.size(); ++b)
    if (later.buyer_awards[b] > 0) at(buyer_awards, to[b]) += later.buyer_awards[b];
  for (auto& [key, wins] : later.buyer_supplier_wins) buyer_supplier_wins[pair(key)] += wins;
  for (uint32_t t = 0; t < later.cover_bidder.size(); ++t) {
    const WinCount& c = later.cover_bidder[t];
    if (c.processes == 0) continue;
    WinCount& mine = at(cover_bidder, to[t]);
    mine.processes += c.processes;
    mine.wins += c.wins;
  }
  for (uint64_t k : later.bidders_log) bidders_log.push_back(pair_key(to[high(k)], to_ocid[low(k)]));
  for (SplitPurchase x : later.split) {
    x.ocid = to_ocid[x.ocid];
    x.buyer = to[x.buyer];
    x.supplier = to[x.supplier];
    split.push_back(x);
  }
  later = ChineseState{};
}

}  // namespace lf::engine::redflags
