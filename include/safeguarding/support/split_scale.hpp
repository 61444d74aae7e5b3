// The divisor of the sizes from which work is split between threads or changes path
// (vectorised::two_threads_from and vectorised::detail::stream_from,
// the timeliness engine's and summaries' in src/timeliness/sizes.hpp, and the CIN census reader's
// piece size, cin_census::detail::piece_bytes). It is 1, except where
// SAFEGUARDING_SMALL_SPLITS is defined: the CMake option of that name, which only the sanitize preset
// (the C++ tests of ./dev test) sets, makes every such size 100 times smaller, so that the tests reach
// the split paths with inputs 100 times smaller under the sanitizers (the path, not the size, is what
// they test; the Python tests run the full sizes on the wheel, which never sets it).
#pragma once

#include <cstddef>

namespace safeguarding::inline v0::support {

#ifdef SAFEGUARDING_SMALL_SPLITS
inline constexpr std::size_t split_scale = 100;
#else
inline constexpr std::size_t split_scale = 1;
#endif

}  // namespace safeguarding::inline v0::support
