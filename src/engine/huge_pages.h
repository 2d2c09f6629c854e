// An allocator for the large tables the red-flag scan reads at random (the organisations' hash table, the index
// of flagged ids, per-organisation counts) and the logs it appends to. On 4 KB pages nearly every lookup in a
// table of hundreds of megabytes also misses the TLB, and every page of a growing vector is a page fault. Blocks of 2 MB and more are mapped on their own, 2 MB-aligned, and marked MADV_HUGEPAGE (the
// kernel's default transparent-huge-page mode, "madvise", honours it; elsewhere the advice is ignored and the
// block is an ordinary mapping). Smaller blocks come from the usual heap. About 4% on the benchmark's million
// releases (docs/PERFORMANCE.md).
#pragma once
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <new>

namespace lf::engine {

inline constexpr size_t kHugePage = size_t{2} << 20;

inline void* map_huge(size_t bytes) {
  const size_t length = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  // Map one huge page more than needed and trim, so that the block starts on a 2 MB boundary.
  void* raw = mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
  if (aligned > start) munmap(raw, aligned - start);
  const uintptr_t end = start + length + kHugePage;
  if (end > aligned + length) munmap(reinterpret_cast<void*>(aligned + length), end - (aligned + length));
  madvise(reinterpret_cast<void*>(aligned), length, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
}

inline void unmap_huge(void* p, size_t bytes) {
  munmap(p, (bytes + kHugePage - 1) / kHugePage * kHugePage);
}

template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}  // NOLINT: converting, as allocators must

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes, std::align_val_t{alignof(T)}));
    return static_cast<T*>(map_huge(bytes));
  }
  void deallocate(T* p, size_t n) noexcept {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) ::operator delete(p, std::align_val_t{alignof(T)});
    else unmap_huge(p, bytes);
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace lf::engine
