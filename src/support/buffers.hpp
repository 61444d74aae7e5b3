// Private: large buffers. Reserving a large vector asks the system for transparent huge pages
// (first-touch page faults would otherwise cost more than the engine's own work); the system call
// and its header (<sys/mman.h>) stay in buffers.cpp, out of every public header.
#pragma once

#include <cstddef>
#include <vector>

#include "safeguarding/config.hpp"

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

}  // namespace safeguarding::inline v0::support

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/support/buffers.cpp"
#endif
