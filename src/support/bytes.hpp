// Bytes found eight at a time (one 64-bit word): the scans the readers share.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace safeguarding::inline v0::support::detail {

inline constexpr std::uint64_t byte_ones = 0x0101010101010101ULL;

/// The top bit of each zero byte of `v` (and of no other byte: no carry crosses a byte).
constexpr std::uint64_t zero_bytes(std::uint64_t v) noexcept {
  constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
  return ~(((v & low7) + low7) | v | low7);
}

/// The bytes of a string shorter than eight bytes in one word, which tells apart any two strings
/// of the same length and holds each of their bytes: read as two overlapping fixed-size loads (4 to
/// 7 bytes) or byte by byte (1 to 3), never as a copy of variable length, whose bytes the processor
/// would have to wait for in memory before the word could be read. The other bytes are zero.
inline std::uint64_t short_word(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  if (n >= 4) {
    std::uint32_t lo = 0, hi = 0;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return static_cast<std::uint64_t>(hi) << 32 | lo;
  }
  if (n == 0) return 0;
  return static_cast<std::uint64_t>(p[0]) | static_cast<std::uint64_t>(p[n / 2]) << 8 |
         static_cast<std::uint64_t>(p[n - 1]) << 16;
}

/// The top bit of each byte of `w` that is an ASCII lower-case letter, 'a' to 'z' (exactly: the
/// sums below stay within each byte).
constexpr std::uint64_t lower_case_bytes(std::uint64_t w) noexcept {
  constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
  const std::uint64_t x = w & low7;
  const std::uint64_t from_a = x + byte_ones * (0x80 - 'a');      // top bit: x >= 'a'
  const std::uint64_t past_z = x + byte_ones * (0x80 - 'z' - 1);  // top bit: x > 'z'
  return from_a & ~past_z & ~w & ~low7;
}

/// Whether `s` holds an ASCII lower-case letter: eight bytes at a time.
inline bool has_lower_case(std::string_view s) noexcept {
  const std::size_t n = s.size();
  if (n < 8) return lower_case_bytes(short_word(s)) != 0;
  std::uint64_t found = 0, w = 0;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    found |= lower_case_bytes(w);
  }
  if (i < n) {
    std::memcpy(&w, s.data() + n - 8, 8);  // the last eight bytes, some of them seen already
    found |= lower_case_bytes(w);
  }
  return found != 0;
}

/// The scans below without SSE2: calls word(i, m) for each whole eight-byte word of `text` (at
/// offset i), m holding the top bit of each of its bytes that is `c` (see zero_bytes); returns the
/// offset of the bytes left (all of them on a big-endian machine).
template <class Word>
std::size_t each_word_match(std::string_view text, char c, Word&& word) {
  std::size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    const std::uint64_t pattern = byte_ones * static_cast<unsigned char>(c);
    for (; i + 8 <= text.size(); i += 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, text.data() + i, 8);
      word(i, zero_bytes(w ^ pattern));
    }
  }
  return i;
}

/// Calls found(i) for each offset i of byte `c` in `text`, in order: sixteen bytes at a time with
/// SSE2, else eight (see zero_bytes), then byte by byte; a few instructions per block and per hit,
/// where a memchr per hit is a call every few bytes when they are dense (the '<' of XML).
template <class Found>
void for_each_byte(std::string_view text, char c, Found&& found) {
  const char* const b = text.data();
  const std::size_t n = text.size();
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i pattern = _mm_set1_epi8(c);
  for (; i + 16 <= n; i += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
    for (auto m = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, pattern))); m != 0; m &= m - 1)
      found(i + static_cast<std::size_t>(std::countr_zero(m)));
  }
#else
  i = each_word_match(text, c, [&](std::size_t at, std::uint64_t m) {
    for (; m != 0; m &= m - 1) found(at + static_cast<std::size_t>(std::countr_zero(m) / 8));
  });
#endif
  for (; i < n; ++i)
    if (b[i] == c) found(i);
}

/// How many bytes of `text` are `c`: sixteen bytes at a time with SSE2 (each block's matches
/// subtracted from sixteen byte counters, summed every 255 blocks), else eight (see zero_bytes, the
/// matches summed by a multiply), then byte by byte; a file's lines are counted so before it is
/// read (std::count went byte by byte, three instructions a byte). No popcount: the baseline x86-64
/// has no instruction for it, and std::popcount is a call there.
inline std::size_t count_byte(std::string_view text, char c) noexcept {
  const char* const b = text.data();
  const std::size_t n = text.size();
  std::size_t i = 0, count = 0;
#if defined(__SSE2__)
  const __m128i pattern = _mm_set1_epi8(c);
  while (i + 16 <= n) {
    __m128i counts = _mm_setzero_si128();
    const std::size_t blocks = (n - i) / 16 < 255 ? (n - i) / 16 : 255;
    for (std::size_t k = 0; k < blocks; ++k, i += 16)
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i)), pattern));
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());  // two sums of eight counters
    count += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) + static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
  }
#else
  i = each_word_match(
      text, c, [&](std::size_t, std::uint64_t m) { count += static_cast<std::size_t>(((m >> 7) * byte_ones) >> 56); });
#endif
  for (; i < n; ++i) count += b[i] == c ? 1 : 0;
  return count;
}

}  // namespace safeguarding::inline v0::support::detail
