// Strings as numbers for the whole scan (redflags_internal.h): Names (organisations, currencies, classification
// prefixes), OcidLog (the OCIDs, by arrival) and ScanNumbers (both, with the release's cache in front).
#include <algorithm>
#include <cstring>
#include <numeric>

#include "engine/redflags_internal.h"

namespace lf::engine::redflags {

uint32_t Names::number(std::string_view s, uint64_t hash) {
  auto it = numbers_.find(Key{s, hash});
  if (it != numbers_.end()) return it->second;
  const auto n = static_cast<uint32_t>(texts_.size());
  texts_.emplace_back(s);
  numbers_.emplace(Key{texts_.back(), hash}, n);
  return n;
}

uint32_t OcidLog::add(std::string_view ocid) {
  const auto n = static_cast<uint32_t>(starts_.size());
  starts_.push_back(arena_.size());
  arena_.insert(arena_.end(), ocid.begin(), ocid.end());
  return n;
}

const std::vector<uint32_t>& OcidLog::canonical() const {
  if (canonical_.size() == starts_.size()) return canonical_;
  // By hash, then by number: equal texts end up side by side, each run in order of arrival.
  std::vector<std::pair<uint64_t, uint32_t>> order(starts_.size());
  for (uint32_t n = 0; n < starts_.size(); ++n) order[n] = {hash_text(text(n)), n};
  std::sort(order.begin(), order.end());
  std::vector<uint32_t> canonical(starts_.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i + 1;
    while (j < order.size() && order[j].first == order[i].first) ++j;
    // Within a run of one hash, texts are compared (two OCIDs may share a hash).
    for (size_t k = i; k < j; ++k) {
      const uint32_t n = order[k].second;
      canonical[n] = n;
      for (size_t m = i; m < k; ++m)
        if (const uint32_t earlier = order[m].second; text(earlier) == text(n)) {
          canonical[n] = canonical[earlier];
          break;
        }
    }
    i = j;
  }
  canonical_ = std::move(canonical);
  return canonical_;
}

std::vector<uint32_t> OcidLog::absorb(const OcidLog& later) {
  std::vector<uint32_t> out(later.size());
  for (uint32_t n = 0; n < later.size(); ++n) out[n] = add(later.text(n));
  return out;
}

uint32_t ScanNumbers::org(std::string_view id) {
  Seen& seen = seen_[(reinterpret_cast<uintptr_t>(id.data()) >> 3) & (kSeen - 1)];
  if (seen.generation == generation_ && seen.data == id.data() && seen.size == id.size()) return seen.n;
  const uint32_t n = org_by_text(id);
  seen = {id.data(), id.size(), n, generation_};
  return n;
}

namespace {

// The release's slots are found by a cheaper hash than the scan's table: an id's length and its first and last
// eight bytes (a mention is compared in full before it counts as found). hash_text, which reads every byte
// and mixes four times, is worked out only for an id that is new to the release.
uint64_t slot_hash(std::string_view id) {
  uint64_t head = 0, tail = 0;
  const size_t n = std::min<size_t>(id.size(), 8);
  if (n > 0) {
    std::memcpy(&head, id.data(), n);
    std::memcpy(&tail, id.data() + id.size() - n, n);
  }
  return mix64((head * 0x9E3779B97F4A7C15ULL) ^ (tail * 0xC2B2AE3D27D4EB4FULL) ^ id.size());
}

}  // namespace

uint32_t ScanNumbers::org_by_text(std::string_view id) {
  if (filled_ >= kSlots / 2) return names.number(id);  // a release with very many organisations
  const uint64_t hash = slot_hash(id);
  for (uint32_t i = static_cast<uint32_t>(hash) & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
    Slot& slot = slots_[i];
    if (slot.generation != generation_) {
      slot = {hash, id, names.number(id), generation_};
      ++filled_;
      return slot.n;
    }
    if (slot.hash == hash && same_id(slot.id, id)) return slot.n;
  }
}

void ScanNumbers::start_release() {
  filled_ = 0;
  if (++generation_ == 0) {  // after 2^32 releases: forget every slot for real
    slots_.fill({});
    seen_.fill({});
    generation_ = 1;
    ocid_generation_ = 0;
  }
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

}  // namespace lf::engine::redflags
