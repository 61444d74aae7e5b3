// Private: large buffers. Reserving a large vector asks the system for transparent huge pages
// (first-touch page faults would otherwise cost more than the engine's own work); the system call
// and its header (<sys/mman.h>) stay in buffers.cpp, out of every public header. Scratch buffers
// (ScratchAllocator) come from a process-wide pool that keeps large blocks between calls, up to a
// limit, since the system zeroes every page of a fresh block before it is first written.
#pragma once

#include <cstddef>
#include <mutex>
#include <new>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/support/split_scale.hpp"
#include "safeguarding/support/uninitialized_allocator.hpp"

namespace safeguarding::inline v0::support {

/// Asks for transparent huge pages over the whole 2 MiB pages inside [data, data + bytes), when the
/// buffer is large enough for it to pay (Linux; nothing elsewhere).
void advise_huge_pages(void* data, std::size_t bytes) noexcept;

/// Reserves room for `n` elements and advises huge pages for a large buffer.
template <class T, class A>
void reserve_large(std::vector<T, A>& v, std::size_t n) {
  v.reserve(n);
  advise_huge_pages(v.data(), v.capacity() * sizeof(T));
}

/// Large scratch blocks kept between calls (thread-safe), up to `limit()` bytes in all. A block
/// taken is one kept of at least the size asked and at most twice it, else a new one; a block given
/// back is kept, the oldest kept ones freed to stay within the limit (or it is freed, when larger).
class ScratchPool {
 public:
  /// The pool the engines share.
  static ScratchPool& shared();
  /// 256 MiB: what a library embedded in a longer-lived process may hold on to unasked, and enough
  /// for most of the gain on the benchmark's 10 million events (whose buffers are some 380 MiB).
  static constexpr std::size_t default_limit = std::size_t{256} << 20;
  /// Blocks smaller than this are left to the ordinary allocator (1 MiB; 100 times smaller in the
  /// sanitised test build, so that its small inputs take the pool).
  static constexpr std::size_t block_from = (std::size_t{1} << 20) / split_scale;

  ScratchPool() = default;
  ScratchPool(const ScratchPool&) = delete;
  ScratchPool& operator=(const ScratchPool&) = delete;
  ~ScratchPool() { release(); }

  /// A block of at least `bytes` bytes (aligned for any scalar), uninitialised.
  void* take(std::size_t bytes);
  /// Gives back a block from take().
  void give(void* data) noexcept;
  /// Sets the limit, freeing the oldest kept blocks beyond it; returns the previous one.
  std::size_t set_limit(std::size_t bytes);
  /// Frees every block kept; returns their bytes.
  std::size_t release() noexcept;
  /// The bytes kept now.
  std::size_t kept() noexcept;

 private:
  /// Each block begins with its size; the data follows at `header` bytes.
  static constexpr std::size_t header = 64;
  static std::size_t size_of(void* block) noexcept { return *static_cast<std::size_t*>(block); }
  /// Moves the oldest kept blocks to `out` (to be freed) until `room` more bytes fit; `out` has room for them all.
  void make_room(std::size_t room, std::vector<void*>& out) noexcept;

  std::mutex mutex_;
  std::vector<void*> kept_;  // the blocks (at their size), oldest first
  std::size_t kept_bytes_ = 0;
  std::size_t limit_ = default_limit;
};

/// UninitializedAllocator whose large blocks come from (and go back to) the shared ScratchPool: for
/// the engine's own buffers, never for a result handed to the caller.
template <class T>
struct ScratchAllocator : UninitializedAllocator<T> {
  using value_type = T;
  template <class U>
  struct rebind {
    using other = ScratchAllocator<U>;
  };
  ScratchAllocator() = default;
  template <class U>
  ScratchAllocator(const ScratchAllocator<U>&) noexcept {}  // NOLINT: allocators convert implicitly
  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    if (n * sizeof(T) < ScratchPool::block_from) return std::allocator<T>().allocate(n);
    return static_cast<T*>(ScratchPool::shared().take(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < ScratchPool::block_from)
      std::allocator<T>().deallocate(p, n);
    else
      ScratchPool::shared().give(p);
  }
};

/// A scratch column: a std::vector of uninitialised elements whose large blocks are kept between calls.
template <class T>
using ScratchColumn = std::vector<T, ScratchAllocator<T>>;

}  // namespace safeguarding::inline v0::support

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/support/buffers.cpp"
#endif
