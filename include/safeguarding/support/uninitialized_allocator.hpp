// An allocator that leaves new elements uninitialised, so that growing a large result column does
// not write it twice (every element is written before it is read). The engine's result columns
// (`timeliness::ResultColumn`) are std::vectors with it: a caller takes them as a std::span, or
// copies them into a plain std::vector.
#pragma once

#include <memory>
#include <new>
#include <utility>

namespace safeguarding::inline v0::support {

template <class T>
struct UninitializedAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <class U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}  // NOLINT: allocators convert implicitly
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

}  // namespace safeguarding::inline v0::support
