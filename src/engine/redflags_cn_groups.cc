// SAME-GROUP (围标集团): the same group of tenderers bidding together again and again. Each tenderer's tenders
// are kept as the releases pass; the groups are found at the end, depth first.
#include <algorithm>
#include <functional>

#include "engine/redflags_cn.h"

namespace lf::engine::redflags {

void gather_same_group(const SameGroupSettings& s, const FewIds& bidders,
                       const ProcessFacts& p, RedflagScan::ChineseState& st) {
  if (bidders.size() < std::max<uint64_t>(s.group_size, 2)) return;
  const uint32_t ocid = st.ocid(p);
  for (std::string_view id : bidders) st.bidders_log.push_back(pair_key(st.org(id), ocid));
}

namespace {

// The bidders (ranks, ascending) of every tender, in one array: tender t's are members[offsets[t] ..
// offsets[t + 1]). One allocation instead of one per tender (a million tenders on the benchmark's file). The
// offsets are 64-bit: members can outnumber what 32 bits count (tenders of 20 bidders, by the hundred million).
struct TenderBidders {
  std::vector<uint64_t> offsets;
  std::vector<uint32_t> members;
  const uint32_t* begin(uint32_t t) const { return members.data() + offsets[t]; }
  const uint32_t* end(uint32_t t) const { return members.data() + offsets[t + 1]; }
  size_t size(uint32_t t) const { return offsets[t + 1] - offsets[t]; }
};

using Found = std::function<void(const std::vector<uint32_t>&, const std::vector<uint32_t>&)>;

// Frequent groups of tenderers, found depth first: a group can only meet in `minimum` tenders when each of
// its smaller groups does (apriori), so a tenderer is only tried with those it met often enough.
class GroupSearch {
 public:
  GroupSearch(const TenderBidders& bidders, size_t members, size_t size, size_t minimum, const Found& found)
      : bidders_(bidders), size_(size), minimum_(minimum), found_(found), count_(members, 0) {}

  // `group` (ranks, ascending) meets in `tenders` (indices, ascending).
  void extend(std::vector<uint32_t>& group, const std::vector<uint32_t>& tenders) {
    if (group.size() == size_) {
      found_(group, tenders);
      return;
    }
    // How many of the group's tenders each further member (ranked after the group's last) bid in, counted in
    // one array over all members (no sort of every (member, tender) pair); then, for the few that met the
    // group often enough, in ascending order, the tenders they share with it, ascending.
    std::vector<uint32_t> touched, often;
    for (uint32_t t : tenders)
      for (const uint32_t* it = after(t, group.back()); it != bidders_.end(t); ++it)
        if (count_[*it]++ == 0) touched.push_back(*it);
    for (uint32_t m : touched) {
      if (count_[m] >= minimum_) often.push_back(m);
      count_[m] = 0;
    }
    std::sort(often.begin(), often.end());
    std::vector<uint32_t> shared;
    for (uint32_t m : often) {
      shared.clear();
      for (uint32_t t : tenders)
        if (std::binary_search(after(t, group.back()), bidders_.end(t), m)) shared.push_back(t);
      group.push_back(m);
      extend(group, shared);
      group.pop_back();
    }
  }

 private:
  const uint32_t* after(uint32_t tender, uint32_t member) const {
    return std::upper_bound(bidders_.begin(tender), bidders_.end(tender), member);
  }

  const TenderBidders& bidders_;
  size_t size_, minimum_;
  const Found& found_;
  std::vector<uint32_t> count_;  // by member rank; zero between calls
};


// Each tender's bidders (ranks) straight from the log, which lists them release by release in file order:
// counted, placed, then sorted and made distinct — a tenderer listed twice for one process (a repeated OCID)
// counts once. Tenders are numbered in file order: OCID numbers are in order of first appearance, so the
// processes bid in are indexed by walking them upwards; `tender_ocid` receives each tender's OCID number.
TenderBidders bidders_by_tender(const ChunkedLog<uint64_t>& log, const std::vector<uint32_t>& process,
                                const std::vector<uint32_t>& rank_of, size_t ocids, std::vector<uint32_t>& tender_ocid) {
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> tender_index(ocids, kNone);
  for (uint64_t e : log) tender_index[process[low(e)]] = 0;
  for (uint32_t ocid = 0; ocid < tender_index.size(); ++ocid)
    if (tender_index[ocid] == 0) {
      tender_index[ocid] = static_cast<uint32_t>(tender_ocid.size());
      tender_ocid.push_back(ocid);
    }
  const auto tenders = static_cast<uint32_t>(tender_ocid.size());
  TenderBidders bidders;
  bidders.offsets.assign(tenders + 1, 0);
  for (uint64_t e : log) ++bidders.offsets[tender_index[process[low(e)]] + 1];
  for (uint32_t t = 0; t < tenders; ++t) bidders.offsets[t + 1] += bidders.offsets[t];
  bidders.members.resize(bidders.offsets.back());
  std::vector<uint64_t> fill(bidders.offsets.begin(), bidders.offsets.end() - 1);
  for (uint64_t e : log) bidders.members[fill[tender_index[process[low(e)]]]++] = rank_of[high(e)];
  uint64_t kept = 0;
  for (uint32_t t = 0; t < tenders; ++t) {
    uint32_t* first = bidders.members.data() + bidders.offsets[t];
    uint32_t* last = bidders.members.data() + bidders.offsets[t + 1];
    std::sort(first, last);
    last = std::unique(first, last);
    bidders.offsets[t] = kept;  // compacted in place: `kept` never passes the tender's old start
    for (uint32_t* m = first; m != last; ++m) bidders.members[kept++] = *m;
  }
  bidders.offsets[tenders] = kept;
  bidders.members.resize(kept);
  return bidders;
}

// Each tenderer's share of the eligible tenders (`size` to `maximum` bidders), laid out tenderer after tenderer:
// for each tender it bid in, in file order, the bidders ranked after it — what the search starting from that
// tenderer reads, side by side, instead of visiting tenders scattered over a million. A tender in which fewer
// than size − 1 bidders rank after the tenderer is left out of its share: no group whose first (lowest-ranked)
// member it is can meet there, and every group met often enough still is (its tenders all stay), so the groups
// and their tenders are those of a search over whole tenders.
struct Shares {
  TenderBidders bidders;            // share i's members: the bidders after its tenderer
  std::vector<uint32_t> tender;     // share i's tender
  std::vector<uint32_t> start;      // tenderer r's shares: start[r] .. start[r + 1]
};

Shares shares_of(const TenderBidders& bidders, uint32_t ranks, size_t size, uint64_t maximum) {
  const auto tenders = static_cast<uint32_t>(bidders.offsets.size() - 1);
  auto eligible = [&](uint32_t t) { return bidders.size(t) >= size && bidders.size(t) <= maximum; };
  Shares out;
  out.start.assign(ranks + 1, 0);
  std::vector<uint64_t> member_start(ranks + 1, 0);
  for (uint32_t t = 0; t < tenders; ++t) {
    if (!eligible(t)) continue;
    const size_t k = bidders.size(t);
    for (size_t i = 0; i + size <= k; ++i) {
      const uint32_t r = bidders.begin(t)[i];
      ++out.start[r + 1];
      member_start[r + 1] += k - 1 - i;
    }
  }
  for (uint32_t r = 0; r < ranks; ++r) {
    out.start[r + 1] += out.start[r];
    member_start[r + 1] += member_start[r];
  }
  out.tender.resize(out.start.back());
  out.bidders.offsets.resize(out.start.back() + 1);
  out.bidders.members.resize(member_start.back());
  std::vector<uint32_t> next_share(out.start.begin(), out.start.end() - 1);
  std::vector<uint64_t> next_member(member_start.begin(), member_start.end() - 1);
  for (uint32_t t = 0; t < tenders; ++t) {
    if (!eligible(t)) continue;
    const size_t k = bidders.size(t);
    for (size_t i = 0; i + size <= k; ++i) {
      const uint32_t r = bidders.begin(t)[i];
      const uint32_t at = next_share[r]++;
      out.tender[at] = t;
      out.bidders.offsets[at] = next_member[r];
      for (size_t j = i + 1; j < k; ++j) out.bidders.members[next_member[r]++] = bidders.begin(t)[j];
    }
  }
  // Shares are laid out in the order of their numbers: a share's members end where the next share's begin.
  out.bidders.offsets.back() = member_start.back();
  return out;
}

}  // namespace

// A group of `group_size` tenderers bidding together in at least `minimum_tenders` tenders (tenders with more
// than `maximum_bidders` bidders left out). OCID and each member = the number of tenders (the largest count
// of a group it is part of).
void finish_same_group(const SameGroupSettings& s, RedflagScan::ChineseState& st, Results& out) {
  const Names& n = st.names();
  // Tenderers by rank (their ids' byte order); tenders by process (a repeated OCID is one tender).
  const std::vector<uint32_t>& rank_of = n.ranks();
  const auto ranks = static_cast<uint32_t>(rank_of.size());
  std::vector<uint32_t> names_by_rank(ranks);
  for (uint32_t id = 0; id < ranks; ++id) names_by_rank[rank_of[id]] = id;
  std::vector<uint32_t> tender_ocid;
  Shares shares;
  const size_t size = static_cast<size_t>(std::max<uint64_t>(s.group_size, 2));
  const size_t minimum = static_cast<size_t>(std::max<uint64_t>(s.minimum_tenders, 1));
  {
    const TenderBidders bidders =
        bidders_by_tender(st.bidders_log, st.ocids().canonical(), rank_of, st.ocids().size(), tender_ocid);
    st.bidders_log.release();  // everything it held is in `bidders` now
    shares = shares_of(bidders, ranks, size, s.maximum_bidders);
  }

  LargestFlags flags;
  const Found found = [&](const std::vector<uint32_t>& group, const std::vector<uint32_t>& in_shares) {
    const auto count = static_cast<double>(in_shares.size());
    for (uint32_t i : in_shares) flags.note(Group::OCID, st.ocids().text(tender_ocid[shares.tender[i]]), count);
    for (uint32_t r : group) flags.note(Group::Tenderer, n.text(names_by_rank[r]), count);
  };
  GroupSearch search(shares.bidders, ranks, size, minimum, found);
  std::vector<uint32_t> group, in_shares;
  for (uint32_t r = 0; r < ranks; ++r) {
    if (shares.start[r + 1] - shares.start[r] < minimum) continue;
    in_shares.resize(shares.start[r + 1] - shares.start[r]);
    for (uint32_t i = 0; i < in_shares.size(); ++i) in_shares[i] = shares.start[r] + i;
    group.assign(1, r);
    search.extend(group, in_shares);
  }
  flags.emit(Indicator::SameGroup, out);
}

}  // namespace lf::engine::redflags
