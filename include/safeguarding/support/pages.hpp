// Faulting in the pages of a fresh output before it is written. The system call and its header
// (<sys/mman.h>) stay in src/support/pages.cpp, out of every public header.
#pragma once

#include <cstddef>

#include "safeguarding/config.hpp"

namespace safeguarding::inline v0::support {

/// Faults in, for writing, the pages wholly inside [data, data + bytes) that are not in memory yet,
/// from the last to the first, 2 MiB at a time, leaving what every page holds unchanged (Linux 5.14
/// and later: madvise(MADV_POPULATE_WRITE)). Stops at the first refusal (an older kernel, memory
/// that cannot be written); does nothing elsewhere. Pages already in memory cost a look at the page
/// tables.
void fault_in_backwards(void* data, std::size_t bytes) noexcept;

}  // namespace safeguarding::inline v0::support

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/support/pages.cpp"
#endif
