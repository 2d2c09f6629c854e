// Hash maps for the red-flag state: Boost's open-addressing flat maps (one array of slots, no node per entry).
// The state holds an entry per tenderer, per buyer and supplier and, for IDENTICAL-BID, per price bid; with
// std::unordered_map every entry was a separate allocation, and on a million releases most lookups were
// cache misses (docs/PERFORMANCE.md). Iteration order is unspecified, as with std::unordered_map: every result
// that depends on an order sorts first.
#pragma once
#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/huge_pages.h"

namespace lf::engine::redflags {

// Looks strings up by std::string_view, without building a std::string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
};

// Large tables on huge pages (engine/huge_pages.h).
template <class V>
using StringMap = boost::unordered_flat_map<std::string, V, StringHash, std::equal_to<>,
                                            HugePageAllocator<std::pair<const std::string, V>>>;

template <class K, class V>
using FlatMap = boost::unordered_flat_map<K, V, boost::hash<K>, std::equal_to<K>, HugePageAllocator<std::pair<const K, V>>>;

// Per-organisation tables and the logs the scan appends to.
template <class T>
using BigVector = std::vector<T, HugePageAllocator<T>>;

// A log that only grows, in chunks of 2 MB that never move: no copy of everything when it grows, and no moment
// with the old and the new array both in memory (a vector of 128 MB needs 192 MB while it doubles).
template <class T>
class ChunkedLog {
 public:
  static constexpr size_t kPerChunk = kHugePage / sizeof(T) > 0 ? kHugePage / sizeof(T) : 1;

  void push_back(const T& x) {
    if (size_ % kPerChunk == 0) chunks_.emplace_back().reserve(kPerChunk);
    chunks_.back().push_back(x);
    ++size_;
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Frees every chunk: the end groups a log once and lets it go before the next indicator's turn, so that the
  // peak is the largest log plus its grouping, not all the logs plus the largest grouping.
  void release() {
    std::vector<BigVector<T>>().swap(chunks_);
    size_ = 0;
  }
  const T& operator[](size_t i) const { return chunks_[i / kPerChunk][i % kPerChunk]; }

  class const_iterator {
   public:
    const_iterator(const ChunkedLog* log, size_t i) : log_(log), i_(i) {}
    const T& operator*() const { return (*log_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const const_iterator& o) const { return i_ != o.i_; }

   private:
    const ChunkedLog* log_;
    size_t i_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

 private:
  std::vector<BigVector<T>> chunks_;
  size_t size_ = 0;
};

// m[key] for a key given as a view: the string is built only when the key is new.
template <class V>
V& entry(StringMap<V>& m, std::string_view key) {
  auto it = m.find(key);
  if (it == m.end()) it = m.emplace(std::string(key), V{}).first;
  return it->second;
}

}  // namespace lf::engine::redflags
