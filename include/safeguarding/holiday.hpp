// A holiday (a bank holiday or a local closure day) and the set of weekdays a calendar rests on.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/date.hpp"

namespace safeguarding::inline v0 {

/// A day on which an area's services do not count working days: a bank holiday or a local
/// closure. `substitute` marks a day that replaces a holiday falling at a weekend (gov.uk's
/// "Substitute day" note).
struct Holiday {
  Date date;
  std::string name;
  bool substitute = false;

  friend bool operator==(const Holiday&, const Holiday&) = default;
};

/// The weekdays on which nobody works, as a set over ISO weekdays (0 = Monday … 6 = Sunday).
class Weekend {
 public:
  /// Saturday and Sunday.
  constexpr Weekend() noexcept : mask_(0b1100000) {}

  static constexpr Weekend saturday_sunday() noexcept { return Weekend(); }

  /// A weekend from ISO weekday numbers (0 = Monday … 6 = Sunday). Every week must keep at least
  /// one working day.
  static Weekend of(const std::vector<unsigned>& iso_weekdays) {
    std::uint8_t mask = 0;
    for (unsigned d : iso_weekdays) {
      if (d > 6) throw Error("weekday " + std::to_string(d) + " does not exist (0 = Monday … 6 = Sunday)");
      mask = static_cast<std::uint8_t>(mask | (1u << d));
    }
    return from_mask(mask);
  }

  /// A weekend from day names, "Saturday", "sunday", "Sat": case does not matter.
  static Weekend of_names(const std::vector<std::string>& names, std::string_view where = {}) {
    std::vector<unsigned> days;
    Problems problems;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const int d = weekday_from_name(names[i]);
      if (d < 0)
        problems.add(where.empty() ? std::string() : std::string(where) + "/" + std::to_string(i),
                     quote(names[i]) + " is not a day of the week (expected Monday … Sunday)");
      else
        days.push_back(static_cast<unsigned>(d));
    }
    problems.throw_if_any();
    return of(days);
  }

  static Weekend from_mask(std::uint8_t mask) {
    if ((mask & 0x7F) == 0x7F) throw Error("a weekend of all seven days leaves no working days");
    Weekend w;
    w.mask_ = static_cast<std::uint8_t>(mask & 0x7F);
    return w;
  }

  [[nodiscard]] constexpr bool contains(unsigned iso_weekday) const noexcept { return (mask_ >> iso_weekday) & 1u; }
  [[nodiscard]] constexpr std::uint8_t mask() const noexcept { return mask_; }

  [[nodiscard]] std::vector<unsigned> days() const {
    std::vector<unsigned> out;
    for (unsigned d = 0; d < 7; ++d)
      if (contains(d)) out.push_back(d);
    return out;
  }

  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (unsigned d : days()) out.push_back(weekday_name(d));
    return out;
  }

  /// ISO weekday (0 = Monday) for a full or three-letter English day name; -1 when unknown.
  static int weekday_from_name(std::string_view name) {
    std::string lower;
    for (char c : support::trim(name)) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    static constexpr const char* full[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                            "friday", "saturday", "sunday"};
    for (int d = 0; d < 7; ++d) {
      const std::string_view f = full[d];
      if (lower == f || lower == f.substr(0, 3)) return d;
    }
    return -1;
  }

  friend constexpr bool operator==(Weekend a, Weekend b) noexcept { return a.mask_ == b.mask_; }

 private:
  std::uint8_t mask_;
};

}  // namespace safeguarding::inline v0
