// The reporting year of the returns' measures: 1 April to 31 March, named by the year it ends in
// (DfE's "year ending 31 March 2019", labelled "2018-19").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "safeguarding/config.hpp"
#include "safeguarding/date.hpp"
#include "safeguarding/support/civil.hpp"

namespace safeguarding::inline v0::returns {

class ReportingYear {
 public:
  /// The year ending 31 March `ending` (1901 to 9999); an Error otherwise.
  constexpr explicit ReportingYear(int ending)
      : ending_(checked(ending)),
        first_day_(static_cast<std::int32_t>(support::days_from_civil(ending_ - 1, 4, 1))),
        last_day_(static_cast<std::int32_t>(support::days_from_civil(ending_, 3, 31))) {}
  /// "2019", "2018-19", "2018/19", "2018/2019" or "2018_19" (spaces around the parts allowed): the
  /// year ending 31 March 2019. An Error naming the text when it is none of these, or when its two
  /// years are not consecutive.
  static ReportingYear parse(std::string_view text);
  /// The year ending 31 March that a serial day (not `nat`) falls in: 2024 for 1 April 2023 to
  /// 31 March 2024. Any year, unchecked: ReportingYear(ending_of(day)) checks it.
  [[nodiscard]] static int ending_of(std::int64_t day) noexcept {
    const auto d = support::civil_from_days(day);
    return static_cast<int>(d.month >= 4 ? d.year + 1 : d.year);
  }
  /// The quarter of its reporting year that a serial day (not `nat`) falls in: 1 for April to June,
  /// 2 for July to September, 3 for October to December, 4 for January to March.
  [[nodiscard]] static int quarter_of(std::int64_t day) noexcept {
    const auto d = support::civil_from_days(day);
    return static_cast<int>((d.month + 8) % 12 / 3 + 1);
  }

  /// The year whose 31 March ends it (2019 for 2018-19).
  [[nodiscard]] int ending() const noexcept { return ending_; }
  /// 1 April and 31 March, as serial days since 1970-01-01.
  [[nodiscard]] constexpr std::int64_t first_day() const noexcept { return first_day_; }
  [[nodiscard]] constexpr std::int64_t last_day() const noexcept { return last_day_; }
  [[nodiscard]] Date start() const { return from_days(first_day()); }
  [[nodiscard]] Date end() const { return from_days(last_day()); }
  /// "2018-19".
  [[nodiscard]] std::string label() const;
  /// Whether a serial day falls in the year (`nat` does not).
  [[nodiscard]] constexpr bool contains(std::int64_t day) const noexcept {
    return day >= first_day_ && day <= last_day_;
  }

  friend bool operator==(const ReportingYear&, const ReportingYear&) = default;

 private:
  /// `ending` when it is 1901 to 9999; an Error otherwise.
  static constexpr int checked(int ending) {
    if (ending < 1901 || ending > 9999) out_of_range(ending);
    return ending;
  }
  [[noreturn]] static void out_of_range(int ending);

  int ending_;
  // 1 April and 31 March worked out once, as the measures test many rows against them (contains);
  // serial days of the years 1900 to 9999 fit in 32 bits, so a year stays 12 bytes.
  std::int32_t first_day_, last_day_;
};

}  // namespace safeguarding::inline v0::returns

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/returns/reporting_year.cpp"
#endif
