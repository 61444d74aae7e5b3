#include "buffers.hpp"

#include <algorithm>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace safeguarding::inline v0::support {

SAFEGUARDING_FUNC void advise_huge_pages([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
  if (bytes < 4 * huge) return;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + huge - 1) & ~(huge - 1);
  const std::uintptr_t last = (begin + bytes) & ~(huge - 1);
  if (last > first) (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
}

SAFEGUARDING_FUNC ScratchPool& ScratchPool::shared() {
  static ScratchPool pool;
  return pool;
}

SAFEGUARDING_FUNC void* ScratchPool::take(std::size_t bytes) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    auto best = kept_.end();
    for (auto it = kept_.begin(); it != kept_.end(); ++it) {
      const std::size_t size = size_of(*it);
      if (size >= bytes && size / 2 <= bytes && (best == kept_.end() || size < size_of(*best))) best = it;
    }
    if (best != kept_.end()) {
      void* block = *best;
      kept_.erase(best);
      kept_bytes_ -= size_of(block);
      return static_cast<char*>(block) + header;
    }
  }
  void* block = ::operator new(header + bytes);
  *static_cast<std::size_t*>(block) = bytes;
  return static_cast<char*>(block) + header;
}

SAFEGUARDING_FUNC void ScratchPool::make_room(std::size_t room, std::vector<void*>& out) noexcept {
  std::size_t k = 0;
  for (; k < kept_.size() && kept_bytes_ + room > limit_; ++k) {
    kept_bytes_ -= size_of(kept_[k]);
    out.push_back(kept_[k]);
  }
  kept_.erase(kept_.begin(), kept_.begin() + static_cast<std::ptrdiff_t>(k));
}

SAFEGUARDING_FUNC void ScratchPool::give(void* data) noexcept {
  void* block = static_cast<char*>(data) - header;
  std::vector<void*> to_free;
  try {
    const std::lock_guard<std::mutex> lock(mutex_);
    const std::size_t size = size_of(block);
    if (size <= limit_) {
      to_free.reserve(kept_.size());
      make_room(size, to_free);
      kept_.push_back(block);
      kept_bytes_ += size;
      block = nullptr;
    }
  } catch (...) {  // no memory to note the block: it is freed
  }
  for (void* b : to_free) ::operator delete(b);
  if (block != nullptr) ::operator delete(block);
}

SAFEGUARDING_FUNC std::size_t ScratchPool::set_limit(std::size_t bytes) {
  std::vector<void*> to_free;
  std::size_t previous = 0;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    previous = limit_;
    limit_ = bytes;
    to_free.reserve(kept_.size());
    make_room(0, to_free);
  }
  for (void* b : to_free) ::operator delete(b);
  return previous;
}

SAFEGUARDING_FUNC std::size_t ScratchPool::release() noexcept {
  std::vector<void*> to_free;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    to_free.swap(kept_);
    kept_bytes_ = 0;
  }
  std::size_t bytes = 0;
  for (void* b : to_free) {
    bytes += size_of(b);
    ::operator delete(b);
  }
  return bytes;
}

SAFEGUARDING_FUNC std::size_t ScratchPool::kept() noexcept {
  const std::lock_guard<std::mutex> lock(mutex_);
  return kept_bytes_;
}

}  // namespace safeguarding::inline v0::support
