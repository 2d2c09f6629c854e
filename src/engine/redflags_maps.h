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

// m[key] for a key given as a view: the string is built only when the key is new.
template <class V>
V& entry(StringMap<V>& m, std::string_view key) {
  auto it = m.find(key);
  if (it == m.end()) it = m.emplace(std::string(key), V{}).first;
  return it->second;
}

}  // namespace lf::engine::redflags
