// Assessment periods of a meeting frequency or a count duty.
#include "safeguarding/partnership.hpp"

#include <array>

namespace safeguarding::inline v0 {

SAFEGUARDING_FUNC int months_in(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::month:
      return 1;
    case PeriodUnit::quarter:
      return 3;
    case PeriodUnit::half_year:
      return 6;
    case PeriodUnit::year:
      return 12;
    case PeriodUnit::as_required:
      break;
  }
  throw Error("an as-required frequency has no periods");
}

SAFEGUARDING_FUNC MeetingPeriod period_containing(Date d, PeriodUnit unit, PeriodAlignment alignment,
                                                  unsigned year_start) {
  const int length = months_in(unit);
  const std::int64_t anchor = alignment == PeriodAlignment::calendar ? 0 : static_cast<std::int64_t>(year_start) - 1;
  const std::int64_t month_index = static_cast<std::int64_t>(d.year()) * 12 + (d.month() - 1);
  std::int64_t offset = month_index - anchor;
  offset -= ((offset % length) + length) % length;  // floor to a multiple of the length
  const std::int64_t first_index = offset + anchor;
  const Date first(static_cast<unsigned short>(first_index / 12), static_cast<unsigned short>(first_index % 12 + 1), 1);
  return MeetingPeriod{first, add_days(add_months(first, length), -1)};
}

SAFEGUARDING_FUNC MeetingPeriod first_period_from(Date from, PeriodUnit unit, PeriodAlignment alignment,
                                                  unsigned year_start) {
  const MeetingPeriod p = period_containing(from, unit, alignment, year_start);
  return p.first < from ? period_containing(add_days(p.last, 1), unit, alignment, year_start) : p;
}

SAFEGUARDING_FUNC std::vector<MeetingPeriod> periods_between(Date from, Date until, PeriodUnit unit,
                                                             PeriodAlignment alignment, unsigned year_start) {
  std::vector<MeetingPeriod> out;
  if (until < from) return out;
  MeetingPeriod p = first_period_from(from, unit, alignment, year_start);
  while (p.first <= until) {
    out.push_back(p);
    p = period_containing(add_days(p.last, 1), unit, alignment, year_start);
  }
  return out;
}

SAFEGUARDING_FUNC std::string period_text(const MeetingPeriod& p) {
  const std::string first_month = month_name(p.first.month());
  if (p.first.year() == p.last.year() && p.first.month() == p.last.month())
    return first_month + " " + std::to_string(p.first.year());
  if (p.first.year() == p.last.year())
    return first_month + "\u2013" + month_name(p.last.month()) + " " + std::to_string(p.last.year());
  return first_month + " " + std::to_string(p.first.year()) + "\u2013" + month_name(p.last.month()) + " " +
         std::to_string(p.last.year());
}

SAFEGUARDING_FUNC std::string frequency_text(const Frequency& f, unsigned year_start) {
  if (f.unit == PeriodUnit::as_required) return "as required";
  static constexpr std::array<std::string_view, 4> per = {"a month", "a quarter", "every half-year", "a year"};
  const std::string times = f.at_least == 1   ? "once"
                            : f.at_least == 2 ? "twice"
                                              : std::to_string(f.at_least) + " times";
  std::string out = times + " " + std::string(per[static_cast<std::size_t>(f.unit)]);
  if (f.unit != PeriodUnit::month && f.aligned_to == PeriodAlignment::partnership_year && year_start != 1)
    out += " (periods from " + month_name(year_start) + ")";
  return out;
}

}  // namespace safeguarding::inline v0
