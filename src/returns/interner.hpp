// Builds a returns Dictionary while a return is read: each string is interned as a small integer.
// Only the loaders hold an Interner; once a load returns, its dictionaries are read-only.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "../support/bytes.hpp"
#include "safeguarding/returns/table.hpp"

namespace safeguarding::inline v0::returns::detail {

class Interner {
 public:
  Interner() : dictionary_(std::make_shared<Dictionary>()) {}

  /// The dictionary being built, for the columns that use it (read-only to them).
  [[nodiscard]] std::shared_ptr<const Dictionary> dictionary() const noexcept { return dictionary_; }

  /// The code of `text`, added to the dictionary when it is new.
  std::int32_t intern(std::string_view text) {
    const std::uint64_t key = prefix(text);
    if (last_ >= 0 && same(static_cast<std::size_t>(last_), text, key)) return last_;
    return last_ = insert(text, key, hash(text));
  }

  /// Makes room for `values` values (no more than a hint): a dictionary whose size can be foreseen
  /// (a file's ids, about one a line) is not indexed again each time it doubles. The codes are
  /// those that interning without it gives.
  void reserve(std::size_t values) {
    if (values <= small || slots_.size() >= 2 * values) return;
    keys_.reserve(values);
    dictionary_->values_.reserve(values);
    rehash(std::bit_ceil(2 * values));
  }

  /// Gives back the room the dictionary's values were grown into (up to as much again as they
  /// take, by doubling) once the rows are read: the dictionary stays with the columns for as long as
  /// the return is loaded. Values added later grow it again.
  void shrink_to_fit() { dictionary_->values_.shrink_to_fit(); }

  /// The codes of `values` interned in their order (as intern(v) for each): another dictionary's
  /// values added to this one. The slot of a value a few places ahead is prefetched (GCC and
  /// Clang), as a large dictionary's slots are rarely in cache.
  std::vector<std::int32_t> intern_all(const std::vector<std::string>& values) {
    constexpr std::size_t ahead = 8;
    std::vector<std::int32_t> codes;
    codes.reserve(values.size());
    for (std::size_t k = 0; k < values.size(); ++k) {
#if defined(__GNUC__)
      if (k + ahead < values.size() && !slots_.empty())
        __builtin_prefetch(&slots_[static_cast<std::size_t>(hash(values[k + ahead])) & mask_]);
#endif
      codes.push_back(intern(values[k]));
    }
    return codes;
  }

  /// The codes of `other`'s values interned in their order (as intern_all(other's values)), with
  /// the hashes `other` keeps for them: no value is hashed again.
  std::vector<std::int32_t> intern_all(const Interner& other) {
    constexpr std::size_t ahead = 8;
    const auto& values = other.dictionary_->values_;
    std::vector<std::int32_t> codes;
    codes.reserve(values.size());
    for (std::size_t k = 0; k < values.size(); ++k) {
#if defined(__GNUC__)
      if (k + ahead < values.size() && !slots_.empty())
        __builtin_prefetch(&slots_[static_cast<std::size_t>(other.keys_[k + ahead].hash) & mask_]);
#endif
      const Key& key = other.keys_[k];
      codes.push_back(last_ = insert(values[k], key.prefix, key.hash));
    }
    return codes;
  }

  /// The code of `text`, or -1 when the dictionary does not hold it (nothing is added).
  std::int32_t lookup(std::string_view text) noexcept {
    // A column's codes, a few dozen values that vary from row to row, are answered by a small
    // table of the values found before, by their length and bytes (a value of eight bytes or
    // fewer: the bytes are the whole value), in a few instructions inline.
    const std::uint64_t key = prefix(text);
    if (text.size() <= 8) {
      const Recent& r = recent_[recent_slot(key)];
      if (r.key == key && r.size == text.size()) return r.code;
    }
    return lookup_further(text, key);
  }

  /// A 64-bit hash of a short string, eight bytes at a time (multiply and fold, as in the
  /// splitmix64 finaliser): ids and codes are short, and std::hash's byte loop costs more.
  static std::uint64_t hash(std::string_view s) noexcept {
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ (s.size() * 0xD6E8FEB86659FD93ULL);
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
      h ^= h >> 31;
    }
    if (i < s.size()) {
      const std::uint64_t w = support::detail::short_word(s.substr(i));
      h = (h ^ w) * 0x94D049BB133111EBULL;
      h ^= h >> 29;
    }
    h *= 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 33);
  }

 private:
  struct Slot {
    std::uint32_t tag = 0;
    std::int32_t code = -1;  // -1: empty
  };
  static constexpr std::size_t small = 16;
  /// A value's length, its first eight bytes (those of a shorter value as short_word packs them)
  /// and its hash (kept, so that neither growing the table nor interning the values into another
  /// dictionary hashes the text again).
  struct Key {
    std::uint64_t prefix;
    std::uint64_t hash;
    std::size_t size;
  };

  static std::uint64_t prefix(std::string_view s) noexcept {
    if (s.size() < 8) return support::detail::short_word(s);
    std::uint64_t w = 0;
    std::memcpy(&w, s.data(), 8);
    return w;
  }
  bool same(std::size_t code, std::string_view text, std::uint64_t key) const noexcept {
    const Key& k = keys_[code];
    return k.prefix == key && k.size == text.size() &&
           (text.size() <= 8 || std::string_view(dictionary_->values_[code]).substr(8) == text.substr(8));
  }

  /// A small dictionary (no slots yet): its values in turn.
  std::int32_t scan(std::string_view text, std::uint64_t key) const noexcept {
    for (std::size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i].prefix == key && keys_[i].size == text.size() &&
          (text.size() <= 8 || std::string_view(dictionary_->values_[i]).substr(8) == text.substr(8)))
        return static_cast<std::int32_t>(i);
    return -1;
  }
  /// Open addressing with linear probing; each slot keeps 32 bits of the hash to skip most string
  /// comparisons. The code found, or -1 with the empty slot where the probe stopped in probe_.
  std::int32_t probe(std::string_view text, std::uint64_t key, std::uint64_t h) noexcept {
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    std::size_t i = static_cast<std::size_t>(h) & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot slot = slots_[i];
      if (slot.code < 0) break;
      if (slot.tag == tag && same(static_cast<std::size_t>(slot.code), text, key)) return slot.code;
    }
    probe_ = i;
    return -1;
  }

  /// The code of `text` (its prefix and hash given), added when it is new.
  std::int32_t insert(std::string_view text, std::uint64_t key, std::uint64_t h) {
    if (slots_.empty()) {
      const std::int32_t found = scan(text, key);
      if (found >= 0) return found;
      if (keys_.size() < small) return append(text, key, h);
      rehash(64);  // the dictionary outgrows the scan: index every value from now on
    }
    const std::int32_t found = probe(text, key, h);
    if (found >= 0) return found;
    const std::int32_t code = append(text, key, h);
    slots_[probe_] = Slot{static_cast<std::uint32_t>(h >> 32), code};
    if (keys_.size() * 2 > slots_.size()) rehash(slots_.size() * 2);
    return code;
  }

  /// lookup's search past its table of values found before; a value found goes into that table.
  std::int32_t lookup_further(std::string_view text, std::uint64_t key) noexcept {
    // Returns repeat values row after row (a child's episodes; a handful of codes): the last
    // value, then a short scan of a small dictionary, are much cheaper than hashing. A value is
    // compared by its length and first eight bytes before its text.
    std::int32_t found = -1;
    if (last_ >= 0 && same(static_cast<std::size_t>(last_), text, key))
      found = last_;
    else
      found = slots_.empty() ? scan(text, key) : probe(text, key, hash(text));
    if (found < 0) return found;
    last_ = found;
    if (text.size() <= 8) recent_[recent_slot(key)] = Recent{key, static_cast<std::uint32_t>(text.size()), found};
    return found;
  }
  static std::size_t recent_slot(std::uint64_t key) noexcept {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> (64 - recent_bits));
  }

  std::int32_t append(std::string_view text, std::uint64_t key, std::uint64_t h) {
    keys_.push_back(Key{key, h, text.size()});
    dictionary_->values_.emplace_back(text);
    return static_cast<std::int32_t>(dictionary_->values_.size() - 1);
  }
  void rehash(std::size_t size) {
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    for (std::size_t code = 0; code < keys_.size(); ++code) {
      const std::uint64_t h = keys_[code].hash;
      std::size_t i = static_cast<std::size_t>(h) & mask_;
      while (slots_[i].code >= 0) i = (i + 1) & mask_;
      slots_[i] = Slot{static_cast<std::uint32_t>(h >> 32), static_cast<std::int32_t>(code)};
    }
  }

  std::shared_ptr<Dictionary> dictionary_;
  std::vector<Key> keys_;  // per value
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t probe_ = 0;  // the empty slot where the last probe stopped
  std::int32_t last_ = -1;
  /// Values of eight bytes or fewer that lookup found, by a hash of their bytes (see lookup): the
  /// length and bytes of each (a length above 8 is an empty entry) and its code.
  struct Recent {
    std::uint64_t key = 0;
    std::uint32_t size = ~std::uint32_t{0};
    std::int32_t code = -1;
  };
  static constexpr unsigned recent_bits = 5;
  std::array<Recent, std::size_t{1} << recent_bits> recent_{};
};

}  // namespace safeguarding::inline v0::returns::detail
