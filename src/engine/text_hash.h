// A fast 64-bit hash of text that is the same on every run and every machine, so that hashes may be saved with
// the monitor's state (std::hash promises neither).
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>

namespace lf::engine {

inline uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// Eight bytes at a time (little-endian loads), then the tail; seeded so that (a, b) and (ab, "") differ.
inline uint64_t hash_text(std::string_view s, uint64_t seed = 0x9e3779b97f4a7c15ULL) {
  uint64_t h = seed ^ (s.size() * 0x9ddfea08eb382d69ULL);
  const char* p = s.data();
  size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ mix64(w)) * 0x9e3779b97f4a7c15ULL;
  }
  uint64_t tail = 0;
  if (n > 0) std::memcpy(&tail, p, n);  // an empty view may have no data pointer at all
  return mix64(h ^ mix64(tail ^ n));
}

// A cheaper hash of an id: its length and its first and last eight bytes, mixed once. Enough to tell a
// release's few ids apart, or to rule an id out of a list before hashing it in full; every user compares the
// text itself before trusting a match.
inline uint64_t hash_ends(std::string_view s) {
  uint64_t head = 0, tail = 0;
  if (s.size() >= 8) {  // loads of a known size, inline (a memcpy of a variable size is a call)
    std::memcpy(&head, s.data(), 8);
    std::memcpy(&tail, s.data() + s.size() - 8, 8);
  } else {
    for (size_t i = 0; i < s.size(); ++i) head |= uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
  }
  return mix64((head * 0x9E3779B97F4A7C15ULL) ^ (tail * 0xC2B2AE3D27D4EB4FULL) ^ s.size());
}

}  // namespace lf::engine
