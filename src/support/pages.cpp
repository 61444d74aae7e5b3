#include "safeguarding/support/pages.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#if !defined(MADV_POPULATE_WRITE)
#define MADV_POPULATE_WRITE 23  // Linux 5.14's value, for older C library headers
#endif
#endif

namespace safeguarding::inline v0::support {

SAFEGUARDING_FUNC void fault_in_backwards([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes) noexcept {
#if defined(__linux__)
  static const long page_size = sysconf(_SC_PAGESIZE);
  if (page_size <= 0) return;
  const auto page = static_cast<std::uintptr_t>(page_size);
  constexpr std::uintptr_t step = std::uintptr_t{1} << 21;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + page - 1) & ~(page - 1);
  std::uintptr_t end = (begin + bytes) & ~(page - 1);
  while (end > first) {
    const std::uintptr_t from = end - first > step ? (end - 1) & ~(step - 1) : first;
    const std::uintptr_t start = from > first ? from : first;
    if (madvise(reinterpret_cast<void*>(start), end - start, MADV_POPULATE_WRITE) != 0) return;
    end = start;
  }
#endif
}

}  // namespace safeguarding::inline v0::support
