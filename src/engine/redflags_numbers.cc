// Strings as numbers for the whole scan (redflags_internal.h): Names (organisations, currencies, classification
// prefixes), OcidLog (the OCIDs, by arrival) and ScanNumbers (both, with the release's cache in front).
#include <algorithm>
#include <cstring>
#include <numeric>

#include "engine/redflags_internal.h"

namespace lf::engine::redflags {

uint32_t Names::number(std::string_view s, uint64_t hash) {
  if (2 * (texts_.size() + 1) > slots_.size()) grow();
  const std::array<char, kInline> head = head_of(s);
  uint64_t h[3];
  std::memcpy(h, head.data(), sizeof h);
  for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
    Slot& slot = slots_[i];
    if (slot.number == kEmpty) {
      const auto n = static_cast<uint32_t>(texts_.size());
      texts_.emplace_back(s);
      slot = {hash, n, static_cast<uint32_t>(s.size()), head};
      return n;
    }
    if (slot.hash != hash || slot.size != s.size()) continue;
    // Past the text both heads hold zeros: whole heads compare as the texts' first bytes do.
    uint64_t g[3];
    std::memcpy(g, slot.head.data(), sizeof g);
    if (((h[0] ^ g[0]) | (h[1] ^ g[1]) | (h[2] ^ g[2])) != 0) continue;
    if (s.size() <= kInline || std::memcmp(s.data() + kInline, texts_[slot.number].data() + kInline, s.size() - kInline) == 0)
      return slot.number;
  }
}

void Names::grow() {
  BigVector<Slot> old = std::move(slots_);
  slots_.assign(std::max<size_t>(1024, 2 * old.size()), Slot{});
  mask_ = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.number == kEmpty) continue;
    size_t i = slot.hash & mask_;
    while (slots_[i].number != kEmpty) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
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

std::pair<ScanNumbers::Slot*, bool> ScanNumbers::slot_of(std::string_view id) {
  const uint64_t hash = hash_ends(id);
  for (uint32_t i = static_cast<uint32_t>(hash) & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
    Slot& slot = slots_[i];
    if (slot.generation != generation_) {
      slot = {hash, id, 0, generation_};
      ++filled_;
      return {&slot, true};
    }
    if (slot.hash == hash && same_text(slot.id, id)) return {&slot, false};
  }
}

uint32_t ScanNumbers::org_by_text(std::string_view id) {
  if (filled_ >= kSlots / 2) return names.number(id);  // a release with very many organisations
  auto [slot, claimed] = slot_of(id);
  if (claimed) slot->n = names.number(id);
  return slot->n;
}

void ScanNumbers::warm(std::span<const std::string_view> ids, Few<uint32_t, 32>* numbers) {
  struct Pending {
    Slot* slot;
    uint64_t hash;
  };
  Few<Pending, 32> pending;
  for (std::string_view id : ids) {
    if (id.empty()) continue;
    if (filled_ >= kSlots / 2) break;  // a release with very many organisations: the rest as asked
    auto [slot, claimed] = slot_of(id);
    if (!claimed) continue;
    const uint64_t full = hash_text(id);
    names.prefetch(full);
    pending.push_back({slot, full});
  }
  for (const Pending& p : pending) {
    p.slot->n = names.number(p.slot->id, p.hash);
    if (numbers != nullptr) numbers->push_back(p.slot->n);
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
