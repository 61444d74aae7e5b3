#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <latch>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "catch.hpp"
#include "safeguarding/calendar.hpp"
#include "safeguarding/support/pages.hpp"
#include "safeguarding/vectorised.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

using namespace safeguarding;
using boost::gregorian::date;

namespace {
std::vector<std::string> dates_of(const std::vector<Holiday>& holidays) {
  std::vector<std::string> out;
  for (const auto& h : holidays) out.push_back(to_iso(h.date));
  return out;
}
}  // namespace

TEST_CASE("a JTAI written statement of action: 70 working days from the letter") {
  // Letter published Tuesday 30 January 2018; Haringey's statement was due on 11 May 2018 (seed 000).
  // By hand: Jan 31 (1); February 20 working days (21); March 1-29, Good Friday the 30th (42);
  // April, Easter Monday the 2nd (62); May 1-4 (66), 7 May bank holiday, 8-11 May (70).
  const Calendar cal = Calendar::england_and_wales();
  CHECK(cal.add_working_days(date(2018, 1, 30), 70) == date(2018, 5, 11));
  CHECK(cal.working_days_between(date(2018, 1, 30), date(2018, 5, 11)) == 70);
  CHECK(cal.add_working_days(date(2018, 5, 11), -70) == date(2018, 1, 30));
}

TEST_CASE("counting conventions") {
  const Calendar cal = Calendar::england_and_wales();
  SECTION("the start is day 0, and need not be a working day") {
    CHECK(cal.add_working_days(date(2019, 9, 28), 1) == date(2019, 9, 30));  // aware on a Saturday: day 1 is Monday
    CHECK(cal.add_working_days(date(2019, 9, 29), 5) == date(2019, 10, 4));
    CHECK(cal.add_working_days(date(2019, 9, 27), 1) == date(2019, 9, 30));  // Friday + 1 = Monday
  }
  SECTION("n = 0 gives the date itself") {
    CHECK(cal.add_working_days(date(2019, 9, 28), 0) == date(2019, 9, 28));
    CHECK(cal.add_working_days(date(2019, 9, 27), 0) == date(2019, 9, 27));
  }
  SECTION("a rapid review: 15 working days from Friday 4 October 2019") {
    // 7-11 Oct (5), 14-18 Oct (10), 21-25 Oct (15)
    CHECK(cal.add_working_days(date(2019, 10, 4), 15) == date(2019, 10, 25));
  }
  SECTION("bank holidays inside the window") {
    // Wednesday 23 December 2020: 24th (1), 25th Christmas, weekend, 28th Boxing Day substitute,
    // 29th (2), 30th (3).
    CHECK(cal.add_working_days(date(2020, 12, 23), 3) == date(2020, 12, 30));
    CHECK(cal.add_working_days(date(2020, 12, 30), -3) == date(2020, 12, 23));
    CHECK(cal.working_days_between(date(2020, 12, 23), date(2020, 12, 30)) == 3);
  }
  SECTION("backwards: the n-th working day strictly before") {
    CHECK(cal.add_working_days(date(2019, 9, 30), -1) == date(2019, 9, 27));
    CHECK(cal.add_working_days(date(2019, 9, 29), -1) == date(2019, 9, 27));  // from a Sunday
    CHECK(cal.previous_working_day(date(2019, 9, 30)) == date(2019, 9, 27));
    CHECK(cal.next_working_day(date(2019, 9, 27)) == date(2019, 9, 30));
    CHECK(cal.working_day_on_or_after(date(2019, 9, 28)) == date(2019, 9, 30));
    CHECK(cal.working_day_on_or_after(date(2019, 9, 27)) == date(2019, 9, 27));
    CHECK(cal.working_day_on_or_before(date(2019, 9, 29)) == date(2019, 9, 27));
  }
  SECTION("working_days_between counts (a, b] forwards and -[b, a) backwards") {
    CHECK(cal.working_days_between(date(2019, 9, 27), date(2019, 9, 30)) == 1);
    CHECK(cal.working_days_between(date(2019, 9, 27), date(2019, 9, 28)) == 0);
    CHECK(cal.working_days_between(date(2019, 9, 27), date(2019, 9, 27)) == 0);
    CHECK(cal.working_days_between(date(2019, 9, 28), date(2019, 9, 27)) == -1);
    CHECK(cal.working_days_between(date(2019, 9, 30), date(2019, 9, 27)) == -1);
    CHECK(cal.add_working_days(date(2019, 9, 28), -1) == date(2019, 9, 27));
  }
}

TEST_CASE("round trip between add_working_days and working_days_between") {
  const Calendar cal = Calendar::england_and_wales();
  const date a(2019, 12, 21);  // a Saturday before Christmas
  for (int offset = -40; offset <= 40; ++offset) {
    const date b = a + boost::gregorian::days(offset);
    if (cal.is_working_day(b)) REQUIRE(cal.add_working_days(a, cal.working_days_between(a, b)) == b);
  }
}

TEST_CASE("England and Wales bank holidays, including one-off changes") {
  const Calendar cal = Calendar::england_and_wales();
  CHECK(dates_of(cal.holidays(2022)) == std::vector<std::string>{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
                                                                 "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
                                                                 "2022-12-26", "2022-12-27"});
  CHECK(dates_of(cal.holidays(2012)) == std::vector<std::string>{"2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07",
                                                                 "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25",
                                                                 "2012-12-26"});
  CHECK(dates_of(cal.holidays(1977)) == std::vector<std::string>{"1977-01-03", "1977-04-08", "1977-04-11", "1977-06-06",
                                                                 "1977-06-07", "1977-08-29", "1977-12-26",
                                                                 "1977-12-27"});
  CHECK(cal.holidays(1973).size() == 6);  // no New Year's Day (from 1974) and no early May holiday (from 1978)
  CHECK(!cal.is_working_day(date(1999, 12, 31)));
  CHECK(!cal.is_working_day(date(2011, 4, 29)));
  CHECK(!cal.is_working_day(date(1981, 7, 29)));
  CHECK(!cal.is_working_day(date(1995, 5, 8)));
  CHECK(cal.is_working_day(date(1995, 5, 1)));
  CHECK(cal.holiday_on(date(2020, 5, 8))->name == "Early May bank holiday (VE day)");
  CHECK(cal.holiday_on(date(2022, 12, 27))->name == "Christmas Day");
  CHECK(cal.holiday_on(date(2022, 12, 27))->substitute);
  CHECK(!cal.holiday_on(date(2022, 12, 26))->substitute);
  CHECK(!cal.holiday_on(date(2022, 12, 28)).has_value());
  CHECK(cal.holidays(2100).size() == 8);
}

TEST_CASE("Easter from the Gregorian computus") {
  // Easter Sundays from published tables, including the earliest and latest possible dates.
  const std::vector<std::pair<int, date>> easters = {{1970, date(1970, 3, 29)}, {2000, date(2000, 4, 23)},
                                                     {2008, date(2008, 3, 23)}, {2019, date(2019, 4, 21)},
                                                     {2038, date(2038, 4, 25)}, {2100, date(2100, 3, 28)}};
  for (const auto& [year, sunday] : easters) {
    CHECK(from_days(detail::easter_sunday(year)) == sunday);
    const auto good_friday = Calendar::england_and_wales().holiday_on(sunday - boost::gregorian::days(2));
    REQUIRE(good_friday.has_value());
    CHECK(good_friday->name == "Good Friday");
  }
}

TEST_CASE("Scotland and Northern Ireland") {
  const Calendar scot = Calendar::scotland();
  CHECK(dates_of(scot.holidays(2023)) ==
        std::vector<std::string>{"2023-01-02", "2023-01-03", "2023-04-07", "2023-05-01", "2023-05-08", "2023-05-29",
                                 "2023-08-07", "2023-11-30", "2023-12-25", "2023-12-26"});
  CHECK(scot.holiday_on(date(2026, 6, 15))->name == "Bank holiday for the FIFA World Cup");
  CHECK(Calendar::england_and_wales().is_working_day(date(2026, 6, 15)));
  CHECK(scot.is_working_day(date(2023, 4, 10)));   // no Easter Monday in Scotland
  CHECK(scot.is_working_day(date(2006, 11, 30)));  // St Andrew's Day from 2007
  CHECK(!scot.is_working_day(date(2007, 11, 30)));

  const Calendar ni = Calendar::northern_ireland();
  CHECK(ni.holiday_on(date(2025, 7, 14))->substitute);  // 12 July 2025 was a Saturday
  CHECK(!ni.is_working_day(date(2019, 3, 18)));
  CHECK(Calendar::england_and_wales().is_working_day(date(2019, 3, 18)));
}

TEST_CASE("the built-in calendars equal gov.uk's bank-holidays.json for every division and year") {
  for (const std::string division : {"england-and-wales", "scotland", "northern-ireland"}) {
    const Calendar reference = load_govuk_calendar(SAFEGUARDING_TEST_DATA "/bank-holidays.json", division);
    const Calendar computed = Calendar::builtin(division);
    CHECK(reference.first_date() == date(2019, 1, 1));
    CHECK(reference.last_date() == date(2028, 12, 31));
    for (int year = 2019; year <= 2028; ++year) {
      INFO(division << " " << year);
      CHECK(computed.holidays(year) == reference.holidays(year));
    }
  }
}

TEST_CASE("the supported range is 1970 to 2100 and is enforced") {
  const Calendar cal = Calendar::england_and_wales();
  CHECK(cal.first_date() == date(1970, 1, 1));
  CHECK(cal.last_date() == date(2100, 12, 31));
  CHECK(error_message([&] { (void)cal.is_working_day(date(1969, 12, 31)); }) ==
        "1969-12-31 is outside the england-and-wales calendar's range (1970-01-01 to 2100-12-31)");
  CHECK(error_message([&] { (void)cal.add_working_days(date(2100, 12, 28), 5); }) ==
        "2100-12-28 + 5 working days falls outside the england-and-wales calendar's range (1970-01-01 to 2100-12-31)");
  CHECK(error_message([&] { (void)cal.add_working_days(date(1970, 1, 2), -2); }).find("- 2 working days") !=
        std::string::npos);
  CHECK(error_message([&] { (void)cal.is_working_day(date()); }) == "expected a date, got not-a-date");
}

TEST_CASE("working-day shifts of any size are errors, never overflows") {
  const Calendar cal = Calendar::england_and_wales();
  constexpr std::int64_t most = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t least = std::numeric_limits<std::int64_t>::min();
  CHECK(error_message([&] { (void)cal.add_working_days(date(2019, 9, 27), most); }) ==
        "2019-09-27 + 9223372036854775807 working days falls outside the england-and-wales calendar's range "
        "(1970-01-01 to 2100-12-31)");
  CHECK(error_message([&] { (void)cal.add_working_days(date(2019, 9, 27), least); }) ==
        "2019-09-27 - 9223372036854775808 working days falls outside the england-and-wales calendar's range "
        "(1970-01-01 to 2100-12-31)");
  CHECK_THROWS_AS(cal.add_working_days(date(2019, 9, 27), most - 1), Error);
  CHECK_THROWS_AS(cal.add_working_days(date(2019, 9, 27), least + 1), Error);
  // The largest shift that stays inside the table still works, in both directions.
  const std::int64_t span = cal.working_days_between(cal.first_date(), cal.last_date());
  CHECK(cal.add_working_days(cal.first_date(), span) == cal.working_day_on_or_before(cal.last_date()));
  CHECK_THROWS_AS(cal.add_working_days(cal.first_date(), span + 1), Error);
  const std::vector<std::int64_t> days{to_days(date(2019, 9, 27)), to_days(date(2019, 9, 27))};
  const std::vector<std::int64_t> shifts{most, least};
  std::vector<std::int64_t> out(2);
  CHECK(error_message([&] { vectorised::add_working_days(cal, days, shifts, out); }) ==
        "add_working_days: 2 of the elements could not be computed;: 2 problems\n"
        "  element 0: 2019-09-27 + 9223372036854775807 working days falls outside the england-and-wales calendar's "
        "range (1970-01-01 to 2100-12-31)\n"
        "  element 1: 2019-09-27 - 9223372036854775808 working days falls outside the england-and-wales calendar's "
        "range (1970-01-01 to 2100-12-31)");
  CHECK_THROWS_AS(vectorised::add_working_days(cal, days, most, out), Error);
}

TEST_CASE("local variations return new calendars and leave the original alone") {
  const Calendar base = Calendar::england_and_wales();
  const Calendar council =
      base.with_holidays({Holiday{date(2019, 12, 24), "Council closure", false}}, "Haringey Council");
  CHECK(!council.is_working_day(date(2019, 12, 24)));
  CHECK(base.is_working_day(date(2019, 12, 24)));
  CHECK(council.name() == "Haringey Council");
  CHECK(council != base);
  // Monday 23 December 2019 + 2 working days: the 24th is closed, 25th and 26th are holidays,
  // so 27th (1) and 30th (2).
  CHECK(council.add_working_days(date(2019, 12, 23), 2) == date(2019, 12, 30));
  CHECK(base.add_working_days(date(2019, 12, 23), 2) == date(2019, 12, 27));

  const Calendar works_ve_day = base.without_holidays({date(2020, 5, 8)});
  CHECK(works_ve_day.is_working_day(date(2020, 5, 8)));
  CHECK(!base.is_working_day(date(2020, 5, 8)));

  const Calendar friday_saturday = base.with_weekend(Weekend::of({4, 5}));
  CHECK(friday_saturday.is_working_day(date(2019, 9, 29)));   // Sunday
  CHECK(!friday_saturday.is_working_day(date(2019, 9, 27)));  // Friday
  CHECK(friday_saturday.add_working_days(date(2019, 9, 26), 1) == date(2019, 9, 29));

  CHECK(base == Calendar::england_and_wales());
  CHECK(base.with_weekend(Weekend::saturday_sunday()) == base);
  CHECK(std::hash<Calendar>{}(base.with_weekend(Weekend::saturday_sunday())) == std::hash<Calendar>{}(base));
}

TEST_CASE("bad local variations are errors naming the date") {
  const Calendar base = Calendar::england_and_wales();
  CHECK(error_message([&] {
          (void)base.with_holidays({Holiday{date(2019, 12, 25), "Closure", false}});
        }) == "2019-12-25 is listed twice: 'Christmas Day' and 'Closure'");
  CHECK(error_message([&] {
          (void)base.without_holidays({date(2019, 12, 24), date(2019, 12, 23)});
        }) ==
        "2 problems\n  2019-12-23 is not a holiday of calendar 'england-and-wales'\n"
        "  2019-12-24 is not a holiday of calendar 'england-and-wales'");
  CHECK(error_message([&] {
          (void)base.with_holidays({Holiday{date(2101, 1, 1), "Later", false}});
        }).find("2101-01-01 (Later) is outside the calendar's range") != std::string::npos);
  CHECK(error_message([] {
          (void)Weekend::of({0, 1, 2, 3, 4, 5, 6});
        }) == "a weekend of all seven days leaves no working days");
  CHECK(error_message([] {
          (void)Weekend::of_names({"Saturday", "Funday"});
        }) == "'Funday' is not a day of the week (expected Monday … Sunday)");
}

TEST_CASE("calendars are safe to share between threads") {
  const Calendar cal = Calendar::england_and_wales();
  std::vector<std::int64_t> expected;
  for (int i = 0; i < 2000; ++i)
    expected.push_back(to_days(cal.add_working_days(date(2000, 1, 1) + boost::gregorian::days(i * 7), i % 50 - 25)));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      const Calendar local = Calendar::england_and_wales();  // a copy of the built-in made in each thread
      for (int i = 0; i < 2000; ++i)
        if (to_days(local.add_working_days(date(2000, 1, 1) + boost::gregorian::days(i * 7), i % 50 - 25)) !=
            expected[static_cast<std::size_t>(i)])
          ++mismatches;
    });
  for (auto& th : threads) th.join();
  CHECK(mismatches == 0);
}

// The built-in calendars are built on first use. In the main run earlier tests have built them, so
// this test is hidden there; tests/CMakeLists.txt runs it alone in a process of its own
// (cpp_first_use_calendars), where these threads are the first to ask for them, all at once.
TEST_CASE("concurrent first use of the built-in calendars", "[.][first-use]") {
  constexpr int n = 8;
  // Per thread and division: a due date, the number of holidays, and the table the calendar uses.
  using Seen = std::tuple<int, std::int64_t, std::size_t, const void*>;
  const auto ask = [](int division) -> Seen {
    const Calendar cal = division == 0   ? Calendar::england_and_wales()
                         : division == 1 ? Calendar::scotland()
                                         : Calendar::northern_ireland();
    return {division, to_days(cal.add_working_days(date(2019, 12, 20), 15)), cal.holidays().size(), &cal.table()};
  };
  std::latch start(n);
  std::vector<std::vector<Seen>> seen(n);
  std::vector<std::string> errors(n);
  std::vector<std::thread> threads;
  for (int t = 0; t < n; ++t)
    threads.emplace_back([&, t] {
      start.arrive_and_wait();  // every thread asks at the same moment, each in its own order of divisions
      try {
        for (int k = 0; k < 3; ++k) seen[static_cast<std::size_t>(t)].push_back(ask((t + k) % 3));
        std::sort(seen[static_cast<std::size_t>(t)].begin(), seen[static_cast<std::size_t>(t)].end());
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(t)] = e.what();
      }
    });
  for (auto& th : threads) th.join();
  const std::vector<Seen> expected = {ask(0), ask(1), ask(2)};
  CHECK(std::get<1>(expected[0]) == to_days(date(2020, 1, 15)));  // 25, 26 December and 1 January are holidays
  for (int t = 0; t < n; ++t) {
    CHECK(errors[static_cast<std::size_t>(t)].empty());
    CHECK(seen[static_cast<std::size_t>(t)] == expected);  // one table per division, shared by every thread
  }
}

namespace {

/// The scalar call's answer for one element of an array form: nat for nat, nat also when the
/// scalar call throws (the array form names that element in its Error).
std::int64_t scalar_add(const Calendar& cal, std::int64_t day, std::int64_t n) {
  if (day == nat) return nat;
  try {
    return to_days(cal.add_working_days(from_days(day), n));
  } catch (const Error&) {
    return nat;
  }
}

std::int64_t scalar_between(const Calendar& cal, std::int64_t a, std::int64_t b) {
  if (a == nat || b == nat) return nat;
  try {
    return cal.working_days_between(from_days(a), from_days(b));
  } catch (const Error&) {
    return nat;
  }
}

}  // namespace

TEST_CASE("the array forms equal the scalar calls element by element, on one thread and on two") {
  // Random days over the whole range (and one day beyond each end), nat sprinkled, shifts
  // negative, zero and large, at sizes around the split into two halves (odd ones, 0 and 1). The
  // expected values come from the scalar Calendar calls, which test_calendar.cpp checks against
  // dates worked by hand.
  const Calendar cal = Calendar::england_and_wales();
  const std::int64_t first = to_days(cal.first_date());
  const std::int64_t last = to_days(cal.last_date());
  constexpr std::size_t split = vectorised::two_threads_from;
  std::mt19937_64 rng(20260130);
  std::uniform_int_distribution<std::int64_t> any_day(first, last);
  std::uniform_int_distribution<std::int64_t> small_shift(-70, 70);
  std::uniform_int_distribution<std::int64_t> large_shift(-40'000, 40'000);
  std::uniform_int_distribution<int> pick(0, 99);
  for (const std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{1001},
                                 split - 1, split, split + 1, 2 * split + 3}) {
    CAPTURE(size);
    std::vector<std::int64_t> days(size), others(size), shifts(size);
    for (std::size_t i = 0; i < size; ++i) {
      const int p = pick(rng);
      days[i] = p < 3 ? nat : p == 3 ? first : p == 4 ? last : any_day(rng);
      others[i] = p == 5 ? nat : any_day(rng);
      shifts[i] = p < 60 ? small_shift(rng) : p < 70 ? 0 : large_shift(rng);
    }
    // Inside the range, every answer of working_days_between and is_working_day exists.
    std::vector<std::int64_t> between(size);
    std::size_t nats = 0;  // elements where either date is nat
    for (std::size_t i = 0; i < size; ++i) nats += days[i] == nat || others[i] == nat ? 1 : 0;
    CHECK(vectorised::working_days_between(cal, days, others, between) == nats);
    std::vector<std::uint8_t> working(size);
    vectorised::is_working_day(cal, days, working);
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < size; ++i) {
      mismatches += between[i] != scalar_between(cal, days[i], others[i]);
      mismatches += working[i] != (days[i] != nat && cal.is_working_day(from_days(days[i])) ? 1 : 0);
    }
    CHECK(mismatches == 0);

    // add_working_days: a large shift can leave the range. The Error names the count and the
    // first five such elements in order, whichever half they fall in; without them every
    // element equals the scalar call's.
    std::vector<std::int64_t> expected(size), out(size);
    std::vector<std::size_t> outside;
    for (std::size_t i = 0; i < size; ++i) {
      expected[i] = scalar_add(cal, days[i], shifts[i]);
      if (expected[i] == nat && days[i] != nat) outside.push_back(i);
    }
    if (outside.empty()) {
      vectorised::add_working_days(cal, days, shifts, out);
      CHECK(out == expected);
    } else {
      const std::string message = error_message([&] { vectorised::add_working_days(cal, days, shifts, out); });
      CHECK(message.starts_with("add_working_days: " + std::to_string(outside.size()) +
                                " of the elements could not be computed;"));
      for (std::size_t k = 0; k < std::min<std::size_t>(outside.size(), 5); ++k)
        CHECK(message.find("element " + std::to_string(outside[k]) + ": ") != std::string::npos);
      if (outside.size() > 5)
        CHECK(message.find("and " + std::to_string(outside.size() - 5) + " more elements") != std::string::npos);
      // The same shifts with the leaving elements set to nat: every other element is computed.
      auto kept = days;
      for (std::size_t i : outside) kept[i] = nat;
      vectorised::add_working_days(cal, kept, shifts, out);
      CHECK(out == expected);
    }
    // One shift for every element: the days within 100 days of either end set to nat, so that
    // every answer lies inside the range.
    auto inner = days;
    for (auto& d : inner)
      if (d != nat && (d < first + 100 || d > last - 100)) d = nat;
    for (const std::int64_t n : {std::int64_t{-20}, std::int64_t{0}, std::int64_t{1}, std::int64_t{15}}) {
      vectorised::add_working_days(cal, inner, n, out);
      std::size_t wrong = 0;
      for (std::size_t i = 0; i < size; ++i) wrong += out[i] != scalar_add(cal, inner[i], n);
      CHECK(wrong == 0);
    }
  }
}

TEST_CASE("add_working_days with one n through its shift table equals the scalar calls") {
  // Worked: 2019-12-20 + 15 working days is 2020-01-15 (docs/calendar.md: 25, 26 December and
  // 1 January are holidays), 26 days on; 2019-12-20 - 15 working days is 2019-11-29, 21 days back
  // (no holiday between). 127 or more working days cannot move a day by fewer than 127 days, so
  // no 8-bit table is tried for them; 30,000 working days move some day more than 32,767 days.
  const Calendar cal = Calendar::england_and_wales();
  const auto& table = cal.table();
  const std::int64_t first = to_days(cal.first_date());
  const std::int64_t last = to_days(cal.last_date());
  const auto at = static_cast<std::size_t>(to_days(date(2019, 12, 20)) - first);
  const auto forward = detail::shift_table<std::int8_t>(table, 15);
  const auto back = detail::shift_table<std::int8_t>(table, -15);
  REQUIRE(forward.size() == static_cast<std::size_t>(last - first + 1));
  CHECK(forward[at] == 26);
  CHECK(back[at] == -21);
  CHECK(forward.back() == std::numeric_limits<std::int8_t>::min());  // 2100-12-31 + 15 is outside the range
  CHECK(back.front() == std::numeric_limits<std::int8_t>::min());
  CHECK(detail::shift_table<std::int8_t>(table, 127).empty());
  CHECK_FALSE(detail::shift_table<std::int16_t>(table, 127).empty());
  CHECK(detail::shift_table<std::int16_t>(table, 30'000).empty());

  // Arrays long enough for the table (shift_table_per_day elements per day covered): every day
  // of the range in turn, then days drawn from it with nat sprinkled, and a day beyond each end,
  // for shifts through 8-bit and 16-bit tables, one through neither and one whose answers mostly
  // leave the range. Every element equals the scalar call; an element whose answer leaves the
  // range is named in the Error, and with those set to nat the rest are computed.
  const auto covered = static_cast<std::size_t>(last - first + 1);
  const std::size_t size = std::max(detail::shift_table_per_day * covered / support::split_scale, covered) + 1'001;
  std::mt19937_64 rng(20261130);
  std::uniform_int_distribution<std::int64_t> any_day(first, last);
  std::vector<std::int64_t> days(size);
  for (std::size_t i = 0; i < size; ++i)
    days[i] = i < covered ? first + static_cast<std::int64_t>(i) : i % 97 == 0 ? nat : any_day(rng);
  days[covered + 1] = first - 1;
  days[size - 1] = last + 1;
  std::vector<std::int64_t> out(size), expected(size);
  for (const std::int64_t n : {std::int64_t{1}, std::int64_t{-1}, std::int64_t{15}, std::int64_t{-15},
                               std::int64_t{126}, std::int64_t{127}, std::int64_t{-1'500}, std::int64_t{30'000}}) {
    CAPTURE(n);
    std::vector<std::size_t> outside;
    for (std::size_t i = 0; i < size; ++i) {
      expected[i] = scalar_add(cal, days[i], n);
      if (expected[i] == nat && days[i] != nat) outside.push_back(i);
    }
    REQUIRE(!outside.empty());  // the day beyond each end, at least
    const std::string message = error_message([&] { vectorised::add_working_days(cal, days, n, out); });
    CHECK(message.starts_with("add_working_days: " + std::to_string(outside.size()) +
                              " of the elements could not be computed;"));
    for (std::size_t k = 0; k < std::min<std::size_t>(outside.size(), 5); ++k)
      CHECK(message.find("element " + std::to_string(outside[k]) + ": ") != std::string::npos);
    auto kept = days;
    for (const std::size_t i : outside) kept[i] = nat;
    vectorised::add_working_days(cal, kept, n, out);
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < size; ++i) wrong += out[i] != expected[i];
    CHECK(wrong == 0);
    if (n == 15) CHECK(out[at] == to_days(date(2020, 1, 15)));
  }
}

TEST_CASE("the non-temporal stores write every element of an output starting and ending inside a cache line") {
  // From detail::stream_from elements the first passes write their output by non-temporal stores.
  // Outputs placed 0 to 7 elements into a 64-byte aligned buffer (so that the output starts and
  // ends inside a cache line, and so do the chunks the two threads take), at lengths just below
  // and at the threshold and one taken by both threads (odd, not a multiple of any vector width):
  // every element equals the scalar call's answer (nat where a date is nat), and the elements
  // just before and after the output are left as they were. Days 200 or more inside the range and
  // shifts of at most 70 working days keep every answer inside it: no Error.
  const Calendar cal = Calendar::england_and_wales();
  const std::int64_t first = to_days(cal.first_date()) + 200;
  const std::int64_t last = to_days(cal.last_date()) - 200;
  std::mt19937_64 rng(20261130);
  std::uniform_int_distribution<std::int64_t> any_day(first, last);
  std::uniform_int_distribution<std::int64_t> shift(-70, 70);
  std::uniform_int_distribution<int> pick(0, 99);
  constexpr std::size_t stream = detail::stream_from;
  constexpr std::int64_t untouched = -123'456'789;
  for (const std::size_t size : {stream - 1, stream, 2 * stream + 7, vectorised::two_threads_from + 13}) {
    std::vector<std::int64_t> days(size), others(size), shifts(size), add(size), add_one(size), between(size);
    for (std::size_t i = 0; i < size; ++i) {
      const int p = pick(rng);
      days[i] = p < 2 ? nat : any_day(rng);
      others[i] = p == 2 ? nat : any_day(rng);
      shifts[i] = shift(rng);
    }
    for (std::size_t i = 0; i < size; ++i) {
      add[i] = scalar_add(cal, days[i], shifts[i]);
      add_one[i] = scalar_add(cal, days[i], 15);
      between[i] = scalar_between(cal, days[i], others[i]);
    }
    for (std::size_t offset = 0; offset < 8; ++offset) {
      CAPTURE(size, offset);
      // 8 more elements than the output, the buffer's start on a 64-byte boundary.
      std::vector<std::int64_t> storage(size + 16 + 8);
      auto* aligned = reinterpret_cast<std::int64_t*>((reinterpret_cast<std::uintptr_t>(storage.data()) + 63) &
                                                      ~std::uintptr_t{63});
      const std::span<std::int64_t> buffer(aligned, size + 8);
      const std::span<std::int64_t> out = buffer.subspan(offset, size);
      const auto check = [&](const std::vector<std::int64_t>& expected) {
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < size; ++i) wrong += out[i] != expected[i];
        CHECK(wrong == 0);
        std::size_t touched = 0;
        for (std::size_t i = 0; i < offset; ++i) touched += buffer[i] != untouched;
        for (std::size_t i = offset + size; i < buffer.size(); ++i) touched += buffer[i] != untouched;
        CHECK(touched == 0);
      };
      std::fill(buffer.begin(), buffer.end(), untouched);
      vectorised::add_working_days(cal, days, shifts, out);
      check(add);
      std::fill(buffer.begin(), buffer.end(), untouched);
      vectorised::add_working_days(cal, days, 15, out);  // through the shift table
      check(add_one);
      std::fill(buffer.begin(), buffer.end(), untouched);
      (void)vectorised::working_days_between(cal, days, others, out);
      check(between);
    }
  }
}

TEST_CASE("an array form's Error lists the elements of both halves in order, as from one thread") {
  // Worked: 1969-12-31 and 2101-01-01 lie outside the range (1970-01-01 to 2100-12-31); nat is
  // no error. Elements 1 and 6 of the first half, and the last two of the second, are outside.
  const Calendar cal = Calendar::england_and_wales();
  const std::size_t size = vectorised::two_threads_from + 1;
  std::vector<std::int64_t> days(size, to_days(date(2019, 9, 27)));
  days[0] = nat;
  days[1] = to_days(date(1969, 12, 31));
  days[6] = to_days(date(2101, 1, 1));
  days[size - 2] = to_days(date(2101, 1, 1));
  days[size - 1] = to_days(date(1969, 12, 31));
  std::vector<std::int64_t> out(size);
  const std::string range = "is outside the england-and-wales calendar's range (1970-01-01 to 2100-12-31)";
  const std::string expected =
      "add_working_days: 4 of the elements could not be computed;: 4 problems\n"
      "  element 1: 1969-12-31 " +
      range + "\n  element 6: 2101-01-01 " + range + "\n  element " + std::to_string(size - 2) + ": 2101-01-01 " +
      range + "\n  element " + std::to_string(size - 1) + ": 1969-12-31 " + range;
  CHECK(error_message([&] { vectorised::add_working_days(cal, days, 5, out); }) == expected);
  // Six outside: the first five named, "and 1 more elements" (the last one, in the second half).
  days[2] = days[3] = to_days(date(1969, 1, 1));
  const std::string six = error_message([&] { vectorised::add_working_days(cal, days, 5, out); });
  CHECK(six.starts_with("add_working_days: 6 of the elements could not be computed;"));
  CHECK(six.find("element " + std::to_string(size - 2)) != std::string::npos);
  CHECK(six.find("element " + std::to_string(size - 1)) == std::string::npos);
  CHECK(six.find("and 1 more elements") != std::string::npos);
  std::vector<std::uint8_t> working(size);
  CHECK(error_message([&] {
          vectorised::is_working_day(cal, days, working);
        }).starts_with("is_working_day: 6 of the elements could not be computed;"));
  std::vector<std::int64_t> other(size, to_days(date(2019, 9, 27)));
  CHECK(error_message([&] {
          (void)vectorised::working_days_between(cal, other, days, out);
        }).starts_with("working_days_between: 6 of the elements could not be computed;"));
}

TEST_CASE("two threads share an array's chunks, the first from the front and the other from the back") {
  // 10 elements in chunks of 3: [0, 3), [3, 6), [6, 9), [9, 10). Claims from either end, in any
  // interleaving, take each chunk once; the last one is short.
  detail::Chunks chunks(10, 3);
  std::size_t begin = 0, end = 0;
  REQUIRE(chunks.back(begin, end));
  CHECK((begin == 9 && end == 10));
  REQUIRE(chunks.front(begin, end));
  CHECK((begin == 0 && end == 3));
  REQUIRE(chunks.back(begin, end));
  CHECK((begin == 6 && end == 9));
  REQUIRE(chunks.front(begin, end));
  CHECK((begin == 3 && end == 6));
  CHECK_FALSE(chunks.front(begin, end));
  CHECK_FALSE(chunks.back(begin, end));
  detail::Chunks none(0, 3);
  CHECK_FALSE(none.front(begin, end));
  CHECK_FALSE(none.back(begin, end));

  // Two threads at once over many chunks: every element's chunk is claimed exactly once.
  constexpr std::size_t n = 1'000'003;
  detail::Chunks shared(n, 7);
  std::vector<std::uint8_t> claimed(n, 0);
  std::atomic<bool> overlap = false;
  auto take = [&](bool front) {
    std::size_t b = 0, e = 0;
    while (front ? shared.front(b, e) : shared.back(b, e))
      for (std::size_t i = b; i < e; ++i)
        if (claimed[i]++ != 0) overlap = true;
  };
  std::thread other(take, false);
  take(true);
  other.join();
  CHECK_FALSE(overlap.load());
  CHECK(std::count(claimed.begin(), claimed.end(), std::uint8_t{1}) == static_cast<std::ptrdiff_t>(n));
}

#if defined(__linux__)
TEST_CASE("fault_in_backwards faults in the whole pages of a range and leaves every byte as it was") {
  // A fresh mapping of 3 MiB and 5 pages, some pages written first: the range starts and ends
  // inside a page. Every byte must read as before (the written ones and the zeros), and where the
  // kernel offers MADV_POPULATE_WRITE every page wholly inside the range must be in memory after.
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const std::size_t length = (std::size_t{3} << 20) + 5 * page;
  void* mapped = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(mapped != MAP_FAILED);
  auto* bytes = static_cast<unsigned char*>(mapped);
  std::vector<unsigned char> expected(length, 0);
  for (const std::size_t at : {std::size_t{0}, 3 * page + 17, length / 2, length - 1}) {
    bytes[at] = static_cast<unsigned char>(at % 251 + 1);
    expected[at] = bytes[at];
  }
  const std::size_t begin = 100, end = length - 100;
  support::fault_in_backwards(bytes + begin, end - begin);
  CHECK(std::equal(expected.begin(), expected.end(), bytes));

  void* probe = mmap(nullptr, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(probe != MAP_FAILED);
  const bool offered = madvise(probe, page, 23 /* MADV_POPULATE_WRITE */) == 0;
  munmap(probe, page);
  if (offered) {
    std::vector<unsigned char> resident(length / page);
    REQUIRE(mincore(mapped, length, resident.data()) == 0);
    for (std::size_t p = 1; p + 1 < resident.size(); ++p) CHECK((resident[p] & 1) != 0);
  }
  munmap(mapped, length);
}

TEST_CASE("the array forms on two threads fill a fresh output that the calling thread faults in first") {
  // The output is a fresh mapping, its pages not yet in memory, starting 3 elements into a page;
  // the elements around it must be left alone and every element must equal the scalar call's.
  const Calendar cal = Calendar::england_and_wales();
  const std::size_t size = 3 * vectorised::two_threads_from + 11;
  std::mt19937_64 rng(14);
  std::uniform_int_distribution<std::int64_t> day(to_days(date(1980, 1, 1)), to_days(date(2090, 12, 31)));
  std::vector<std::int64_t> a(size), b(size), n(size);
  for (std::size_t i = 0; i < size; ++i) {
    a[i] = day(rng);
    b[i] = day(rng);
    n[i] = static_cast<std::int64_t>(rng() % 201) - 100;
  }
  const std::size_t length = (size + 6) * sizeof(std::int64_t);
  auto run = [&](auto&& fill, auto&& expect) {
    void* mapped = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(mapped != MAP_FAILED);
    auto* all = static_cast<std::int64_t*>(mapped);
    all[0] = all[1] = all[2] = all[size + 3] = all[size + 4] = all[size + 5] = -7;
    fill(std::span<std::int64_t>(all + 3, size));
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < size; ++i)
      if (all[3 + i] != expect(i)) ++wrong;
    CHECK(wrong == 0);
    CHECK((all[0] == -7 && all[1] == -7 && all[2] == -7));
    CHECK((all[size + 3] == -7 && all[size + 4] == -7 && all[size + 5] == -7));
    munmap(mapped, length);
  };
  const auto& table = cal.table();
  run([&](std::span<std::int64_t> out) { (void)vectorised::working_days_between(cal, a, b, out); },
      [&](std::size_t i) { return table.between(a[i], b[i]); });
  run([&](std::span<std::int64_t> out) { vectorised::add_working_days(cal, a, n, out); },
      [&](std::size_t i) { return table.add(a[i], n[i]); });
  run([&](std::span<std::int64_t> out) { vectorised::add_working_days(cal, a, 15, out); },
      [&](std::size_t i) { return table.add(a[i], 15); });
}
#endif

TEST_CASE("the failures of the other thread's chunks are reported in order, as from one pass") {
  // 40 chunks; the last element of each of the last 9 fails. The calling thread waits in its first
  // chunk until the other thread has done 9 chunks from the back (last first), so that those
  // failures are all the other thread's: the Error must still name the first five in increasing
  // order and count the rest. (With one hardware thread there is one part, in order.)
  const std::size_t n = 40 * detail::chunk_elements;
  REQUIRE(n >= vectorised::two_threads_from);
  std::atomic<int> others_done = 0;
  std::vector<std::size_t> failing;
  for (std::size_t c = 31; c < 40; ++c) failing.push_back((c + 1) * detail::chunk_elements - 1);
  const std::string message = error_message([&] {
    detail::in_chunks_checked(
        n, nullptr, 0, "test",
        [&](std::size_t begin, std::size_t end, support::Failures& failures) {
          if (begin == 0 && end < n) {
            const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
            while (others_done.load() < 9 && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
          }
          for (std::size_t i = begin; i < end; ++i)
            if (std::find(failing.begin(), failing.end(), i) != failing.end()) failures.add(i);
          if (begin != 0) ++others_done;
        },
        [](std::size_t i) { return "failed " + std::to_string(i); });
  });
  std::string expected = "test: 9 of the elements could not be computed;: 6 problems\n";
  for (std::size_t k = 0; k < 5; ++k)
    expected += "  element " + std::to_string(failing[k]) + ": failed " + std::to_string(failing[k]) + "\n";
  expected += "  and 4 more elements";
  CHECK(message == expected);
}

TEST_CASE("an array form's Error names the first elements in order when they lie in the other thread's chunks") {
  // Worked: 2101-01-01 is after the range's end (2100-12-31). One element outside in each of the
  // last 9 chunks (the last element of each; the other thread takes chunks from the back, last
  // first): the Error counts 9 and names the first five of them in increasing order, as one pass
  // would, and not the last ones it met first.
  const Calendar cal = Calendar::england_and_wales();
  const std::size_t size = 2 * vectorised::two_threads_from + 5;
  const std::size_t chunks = (size + detail::chunk_elements - 1) / detail::chunk_elements;
  std::vector<std::int64_t> days(size, to_days(date(2019, 9, 27)));
  std::vector<std::size_t> outside;
  for (std::size_t c = chunks - 9; c < chunks; ++c) {
    const std::size_t i = std::min(size, (c + 1) * detail::chunk_elements) - 1;
    days[i] = to_days(date(2101, 1, 1));
    outside.push_back(i);
  }
  std::vector<std::int64_t> out(size);
  const std::string message = error_message([&] { vectorised::add_working_days(cal, days, 1, out); });
  CHECK(message.starts_with("add_working_days: 9 of the elements could not be computed;"));
  std::size_t previous = 0;
  for (std::size_t k = 0; k < 5; ++k) {
    const std::size_t at = message.find("element " + std::to_string(outside[k]) + ": 2101-01-01");
    CHECK(at != std::string::npos);
    CHECK(at > previous);
    previous = at;
  }
  CHECK(message.find("element " + std::to_string(outside[5]) + ":") == std::string::npos);
  CHECK(message.find("and 4 more elements") != std::string::npos);
  // working_days_between counts the same elements, and its nat count covers every chunk.
  std::vector<std::int64_t> from(size, to_days(date(2019, 9, 27)));
  CHECK(error_message([&] {
          (void)vectorised::working_days_between(cal, from, days, out);
        }).starts_with("working_days_between: 9 of the elements could not be computed;"));
  for (const std::size_t i : outside) days[i] = nat;
  CHECK(vectorised::working_days_between(cal, from, days, out) == 9);
}

namespace {

/// One element of an array form and its answer worked by hand (`nat` where there is none:
/// `outside` then says whether the element is named in the Error, as a date or answer outside
/// the calendar's range is, and `nat` is not).
struct EdgeCase {
  std::int64_t a;
  std::int64_t b;  // the shift (add_working_days) or the second date (working_days_between)
  std::int64_t expected;
  bool outside;
};

/// The cases repeated to `size` elements: every result equals its case's answer, and the Error
/// counts every outside element and names the first five, in order. Then the same with the
/// outside elements set to `nat`: no Error, and every other result is its case's answer.
template <class Run>
void check_tiled(const std::vector<EdgeCase>& cases, std::size_t size, const std::string& what, Run run) {
  CAPTURE(what, size);
  std::vector<std::int64_t> a(size), b(size), out(size);
  std::vector<std::size_t> outside;
  for (std::size_t i = 0; i < size; ++i) {
    const EdgeCase& c = cases[i % cases.size()];
    a[i] = c.a;
    b[i] = c.b;
    if (c.outside) outside.push_back(i);
  }
  if (!outside.empty()) {
    const std::string message = error_message([&] { run(a, b, out); });
    CHECK(
        message.starts_with(what + ": " + std::to_string(outside.size()) + " of the elements could not be computed;"));
    for (std::size_t k = 0; k < std::min<std::size_t>(outside.size(), 5); ++k)
      CHECK(message.find("element " + std::to_string(outside[k]) + ": ") != std::string::npos);
    for (const std::size_t i : outside) a[i] = nat;
  }
  run(a, b, out);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < size; ++i)
    wrong += out[i] != (cases[i % cases.size()].outside ? nat : cases[i % cases.size()].expected);
  CHECK(wrong == 0);
}

/// check_tiled at sizes that take every path of the array forms: one element at a time, a short
/// array, and one whose two halves are each written with non-temporal stores.
template <class Run>
void check_edges(const std::vector<EdgeCase>& cases, const std::string& what, Run run) {
  for (std::size_t k = 0; k < cases.size(); ++k) {
    CAPTURE(k);
    check_tiled({cases[k]}, 1, what, run);
  }
  check_tiled(cases, cases.size(), what, run);
  check_tiled(cases, 2 * detail::stream_from + 7, what, run);
}

/// The edge cases of a Monday-to-Friday calendar without holidays from Thursday 1970-01-01 to
/// `last`, a weekday, with `count` working days.
void check_weekday_calendar_edges(const Calendar& cal, std::int64_t last, std::int64_t count) {
  constexpr std::int64_t first = 0;  // 1970-01-01
  constexpr std::int64_t most = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t least = std::numeric_limits<std::int64_t>::min();
  // Both ends are working days, the first numbered 0 and the last count - 1.
  check_edges({{first, count - 1, last, false},
               {last, -(count - 1), first, false},
               {first, 0, first, false},
               {last, 0, last, false},
               {first, 1, first + 1, false},  // Friday 1970-01-02
               {last, -1, last - 1, false},   // the weekday before `last`
               {first, count, nat, true},
               {last, -count, nat, true},
               {first, -1, nat, true},
               {last, 1, nat, true},
               {first - 1, 1, nat, true},
               {last + 1, -1, nat, true},
               {nat, 5, nat, false},
               {first, most, nat, true},
               {last, least, nat, true},
               {first + 1, least + 1, nat, true}},
              "add_working_days", [&](const auto& days, const auto& shifts, auto& out) {
                vectorised::add_working_days(cal, days, shifts, out);
              });
  // (a, b]: every working day but the first; -[b, a): every one but the last.
  check_edges({{first, last, count - 1, false},
               {last, first, -(count - 1), false},
               {first, first, 0, false},
               {last, last, 0, false},
               {first + 1, last, count - 2, false},
               {first - 1, last, nat, true},
               {first, last + 1, nat, true},
               {nat, first, nat, false},
               {last, nat, nat, false}},
              "working_days_between",
              [&](const auto& a, const auto& b, auto& out) { (void)vectorised::working_days_between(cal, a, b, out); });
}

}  // namespace

TEST_CASE("the array forms at the first and last days of calendars with 16-bit tables and with 32-bit ones") {
  // Weekdays only, no holidays, from Thursday 1970-01-01. To Thursday 2149-06-05 is 65,535 days,
  // the most the 16-bit tables hold: 9,362 whole weeks (46,810 weekdays) and one Thursday, so
  // 46,811 working days. To Friday 2149-06-06 is one day (and one working day) more, which needs
  // the 32-bit tables.
  const Calendar short_one = Calendar::from_holidays("weekdays", {}, date(1970, 1, 1), date(2149, 6, 5));
  const Calendar long_one = Calendar::from_holidays("weekdays", {}, date(1970, 1, 1), date(2149, 6, 6));
  CHECK(!short_one.table().cumulative16.empty());
  CHECK(long_one.table().cumulative16.empty());
  CHECK(short_one.working_days_between(date(1970, 1, 1), date(2149, 6, 5)) == 46'810);
  check_weekday_calendar_edges(short_one, to_days(date(2149, 6, 5)), 46'811);
  check_weekday_calendar_edges(long_one, to_days(date(2149, 6, 6)), 46'812);
  // The Error names the element and the reason, as the scalar call does.
  const std::vector<std::int64_t> days{to_days(date(1970, 1, 1)), to_days(date(2149, 6, 6))};
  std::vector<std::int64_t> out(2);
  CHECK(error_message([&] { vectorised::add_working_days(short_one, days, 46'811, out); }) ==
        "add_working_days: 2 of the elements could not be computed;: 2 problems\n"
        "  element 0: 1970-01-01 + 46811 working days falls outside the weekdays calendar's range (1970-01-01 to "
        "2149-06-05)\n"
        "  element 1: 2149-06-06 is outside the weekdays calendar's range (1970-01-01 to 2149-06-05)");
}

TEST_CASE("the array forms at the first and last days of the built-in calendar") {
  // Thursday 1970-01-01, the first day, is a working day: New Year's Day became a bank holiday in
  // England and Wales in 1974. Friday 1970-01-02 is the second. Friday 2100-12-31 is the last day
  // and a working day (Christmas falls on Saturday 2100-12-25, the bank holidays on Monday 27 and
  // Tuesday 28 December), as is Thursday 2100-12-30.
  const Calendar cal = Calendar::england_and_wales();
  CHECK(!cal.table().cumulative16.empty());
  const std::int64_t first = to_days(date(1970, 1, 1));
  const std::int64_t second = to_days(date(1970, 1, 2));
  const std::int64_t last = to_days(date(2100, 12, 31));
  const std::int64_t before_last = to_days(date(2100, 12, 30));
  check_edges({{first, 1, second, false},
               {first, 0, first, false},
               {second, -1, first, false},
               {first, -1, nat, true},
               {last, -1, before_last, false},
               {before_last, 1, last, false},
               {last, 1, nat, true},
               {last, 0, last, false},
               {first - 1, 0, nat, true},
               {last + 1, 0, nat, true},
               {nat, 0, nat, false}},
              "add_working_days", [&](const auto& days, const auto& shifts, auto& out) {
                vectorised::add_working_days(cal, days, shifts, out);
              });
  // (1970-01-01, 1970-01-02] holds the second working day; [1970-01-01, 1970-01-02) the first.
  check_edges({{first, second, 1, false},
               {second, first, -1, false},
               {before_last, last, 1, false},
               {last, before_last, -1, false},
               {first - 1, first, nat, true},
               {last, last + 1, nat, true},
               {nat, nat, nat, false}},
              "working_days_between",
              [&](const auto& a, const auto& b, auto& out) { (void)vectorised::working_days_between(cal, a, b, out); });
  // One shift for every element, at the two ends.
  const std::vector<std::int64_t> ends{first, last, nat};
  std::vector<std::int64_t> out(3);
  vectorised::add_working_days(cal, ends, 0, out);
  CHECK(out == ends);
  CHECK(error_message([&] { vectorised::add_working_days(cal, ends, 1, out); }) ==
        "add_working_days: 1 of the elements could not be computed;: 1 problem\n"
        "  element 1: 2100-12-31 + 1 working days falls outside the england-and-wales calendar's range (1970-01-01 "
        "to 2100-12-31)");
}
