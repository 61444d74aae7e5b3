// Builds a returns Dictionary while a return is read: each string is interned as a small integer.
// Only the loaders hold an Interner; once a load returns, its dictionaries are read-only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/returns/table.hpp"

namespace safeguarding::inline v0::returns::detail {

class Interner {
 public:
  Interner() : dictionary_(std::make_shared<Dictionary>()) {}

  /// The dictionary being built, for the columns that use it (read-only to them).
  [[nodiscard]] std::shared_ptr<const Dictionary> dictionary() const noexcept { return dictionary_; }

  /// The code of `text`, added to the dictionary when it is new.
  std::int32_t intern(std::string_view text) {
    const std::int32_t found = lookup(text);
    if (found >= 0) return found;
    const auto& values = dictionary_->values_;
    if (slots_.empty()) {
      if (values.size() < small) return last_ = append(text);
      rehash(64);    // the dictionary outgrows the scan: index every value from now on
      lookup(text);  // where its slot is
    }
    const std::int32_t code = append(text);
    slots_[probe_] = Slot{probe_tag_, code};
    if (values.size() * 2 > slots_.size()) rehash(slots_.size() * 2);
    return last_ = code;
  }

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

  /// The code of `text`, or -1 when the dictionary does not hold it (nothing is added).
  std::int32_t lookup(std::string_view text) noexcept {
    const std::uint64_t key = prefix(text);
    // Returns repeat values row after row (a child's episodes; a handful of codes): the last
    // value, then a short scan of a small dictionary, are much cheaper than hashing. A value is
    // compared by its length and first eight bytes before its text.
    if (last_ >= 0 && same(static_cast<std::size_t>(last_), text, key)) return last_;
    if (slots_.empty()) {
      for (std::size_t i = 0; i < keys_.size(); ++i)
        if (same(i, text, key)) return last_ = static_cast<std::int32_t>(i);
      return -1;
    }
    // Open addressing with linear probing; each slot keeps 32 bits of the hash to skip most
    // string comparisons.
    const std::uint64_t h = hash(text);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    std::size_t i = static_cast<std::size_t>(h) & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot slot = slots_[i];
      if (slot.code < 0) break;
      if (slot.tag == tag && same(static_cast<std::size_t>(slot.code), text, key)) return last_ = slot.code;
    }
    probe_ = i, probe_tag_ = tag;
    return -1;
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
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, s.size() - i);
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
  /// A value's length and its first eight bytes (zero-padded).
  struct Key {
    std::uint64_t prefix;
    std::size_t size;
  };

  static std::uint64_t prefix(std::string_view s) noexcept {
    std::uint64_t w = 0;
    if (!s.empty()) std::memcpy(&w, s.data(), s.size() < 8 ? s.size() : 8);
    return w;
  }
  bool same(std::size_t code, std::string_view text, std::uint64_t key) const noexcept {
    const Key& k = keys_[code];
    return k.prefix == key && k.size == text.size() &&
           (text.size() <= 8 || std::string_view(dictionary_->values_[code]).substr(8) == text.substr(8));
  }

  std::int32_t append(std::string_view text) {
    keys_.push_back(Key{prefix(text), text.size()});
    dictionary_->values_.emplace_back(text);
    return static_cast<std::int32_t>(dictionary_->values_.size() - 1);
  }
  void rehash(std::size_t size) {
    const auto& values = dictionary_->values_;
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    for (std::size_t code = 0; code < values.size(); ++code) {
      const std::uint64_t h = hash(values[code]);
      std::size_t i = static_cast<std::size_t>(h) & mask_;
      while (slots_[i].code >= 0) i = (i + 1) & mask_;
      slots_[i] = Slot{static_cast<std::uint32_t>(h >> 32), static_cast<std::int32_t>(code)};
    }
  }

  std::shared_ptr<Dictionary> dictionary_;
  std::vector<Key> keys_;  // per value
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t probe_ = 0;  // the empty slot where find stopped, and the tag for it
  std::uint32_t probe_tag_ = 0;
  std::int32_t last_ = -1;
};

}  // namespace safeguarding::inline v0::returns::detail
