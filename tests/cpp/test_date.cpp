#include <limits>
#include <type_traits>

#include "catch.hpp"
#include "safeguarding/date.hpp"

using namespace safeguarding;
using boost::gregorian::date;

TEST_CASE("serial days agree with numpy's datetime64[D] origin") {
  CHECK(to_days(date(1970, 1, 1)) == 0);
  CHECK(to_days(date(1970, 1, 2)) == 1);
  CHECK(to_days(date(1969, 12, 31)) == -1);
  CHECK(to_days(date(2000, 3, 1)) == 11017);  // 30 years of 365 days + 7 leap days + Jan and Feb 2000 (31 + 29)
  CHECK(from_days(11017) == date(2000, 3, 1));
  for (std::int64_t d = -200000; d <= 200000; d += 997) REQUIRE(to_days(from_days(d)) == d);
}

TEST_CASE("ISO dates parse strictly and name the bad value") {
  CHECK(parse_date("2019-09-29") == date(2019, 9, 29));
  CHECK(parse_date(" 2019-09-29 ") == date(2019, 9, 29));
  CHECK(parse_date("2020-02-29") == date(2020, 2, 29));
  CHECK(error_message([] { (void)parse_date("2019-02-30"); }) ==
        "'2019-02-30' is not a valid date: February 2019 has 28 days");
  CHECK(error_message([] { (void)parse_date("2019-02-29", "/holidays/3/date"); }) ==
        "/holidays/3/date: '2019-02-29' is not a valid date: February 2019 has 28 days");
  CHECK(error_message([] { (void)parse_date("2019-13-01"); }) ==
        "'2019-13-01' is not a valid date: there is no month 13");
  CHECK(error_message([] { (void)parse_date("29/09/2019"); }) == "'29/09/2019' is not a date in the form YYYY-MM-DD");
  CHECK(error_message([] { (void)parse_date(""); }) == "'' is not a date in the form YYYY-MM-DD");
  CHECK(error_message([] { (void)parse_date("0999-01-01"); }).find("between 1400 and 9999") != std::string::npos);
}

TEST_CASE("day-first dates as the statutory returns write them") {
  CHECK(parse_uk_date("29/09/2019") == date(2019, 9, 29));
  CHECK(parse_uk_date("1/4/2020") == date(2020, 4, 1));
  CHECK(error_message([] { (void)parse_uk_date("31/02/2019", "episodes.csv row 4, column DECOM"); }) ==
        "episodes.csv row 4, column DECOM: '31/02/2019' is not a valid date: February 2019 has 28 days");
  CHECK(error_message([] { (void)parse_uk_date("2019-09-29"); }) ==
        "'2019-09-29' is not a date in the form dd/mm/YYYY");
  CHECK(error_message([] { (void)parse_uk_date("29/09/19"); }) == "'29/09/19' is not a date in the form dd/mm/YYYY");
}

TEST_CASE("date-times") {
  CHECK(parse_date_time("2019-09-29T14:30") ==
        DateTime(date(2019, 9, 29), boost::posix_time::hours(14) + boost::posix_time::minutes(30)));
  CHECK(parse_date_time("2019-09-29 14:30:15") ==
        DateTime(date(2019, 9, 29),
                 boost::posix_time::hours(14) + boost::posix_time::minutes(30) + boost::posix_time::seconds(15)));
  CHECK(parse_date_time("2019-09-29") == DateTime(date(2019, 9, 29)));
  CHECK(to_iso(parse_date_time("2019-09-29T04:05:06")) == "2019-09-29T04:05:06");
  CHECK(error_message([] { (void)parse_date_time("2019-09-29T25:00"); }) ==
        "'2019-09-29T25:00' is not a valid time of day");
  CHECK(error_message([] { (void)parse_date_time("2019-09-29T2:00"); }).find("is not a date-time") !=
        std::string::npos);
}

TEST_CASE("add_months keeps the day of month and clamps to the month's end") {
  CHECK(add_months(date(2019, 4, 30), 3) == date(2019, 7, 30));  // not 31 July
  CHECK(add_months(date(2019, 8, 31), 6) == date(2020, 2, 29));  // leap year
  CHECK(add_months(date(2018, 8, 31), 6) == date(2019, 2, 28));
  CHECK(add_months(date(2020, 1, 31), 1) == date(2020, 2, 29));
  CHECK(add_months(date(2020, 3, 31), -1) == date(2020, 2, 29));
  CHECK(add_months(date(2020, 1, 15), -1) == date(2019, 12, 15));
  CHECK(add_months(date(2019, 9, 29), 12) == date(2020, 9, 29));
  CHECK(add_months(date(2019, 9, 29), 4) == date(2020, 1, 29));
  CHECK(add_months(date(2019, 9, 29), 0) == date(2019, 9, 29));
  CHECK(add_months(date(2019, 12, 31), -13) == date(2018, 11, 30));
  // Boost's own month arithmetic snaps month-ends to month-ends; ours does not.
  CHECK(date(2019, 4, 30) + boost::gregorian::months(3) == date(2019, 7, 31));
  CHECK(add_years(date(2020, 2, 29), 1) == date(2021, 2, 28));
  CHECK(add_years(date(2020, 2, 29), 4) == date(2024, 2, 29));
}

TEST_CASE("calendar days and weekdays") {
  CHECK(add_days(date(2019, 12, 30), 3) == date(2020, 1, 2));
  CHECK(days_between(date(2019, 9, 29), date(2020, 9, 29)) == 366);
  CHECK(iso_weekday(date(2019, 9, 29)) == 6);  // a Sunday
  CHECK(to_long_text(date(2018, 5, 11)) == "Friday 11 May 2018");
}

// Dates are not numbers and strings are not dates.
static_assert(!std::is_convertible_v<std::string, Date>);
static_assert(!std::is_convertible_v<int, Date>);

TEST_CASE("calendar-day and year arithmetic of any size is an error, never an overflow") {
  const Date d = parse_date("2019-09-27");
  constexpr std::int64_t most = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t least = std::numeric_limits<std::int64_t>::min();
  CHECK(error_message([&] { (void)add_days(d, most); }) ==
        "2019-09-27 + 9223372036854775807 days is outside the dates this library can represent");
  CHECK(error_message([&] { (void)add_days(parse_date("1900-01-01"), least); }) ==
        "1900-01-01 - 9223372036854775808 days is outside the dates this library can represent");
  CHECK(error_message([&] { (void)add_days(d, least); }) ==
        "day -9223372036854757642 is outside the dates this library can represent (1400-01-01 to 9999-12-31)");
  CHECK_THROWS_AS(add_days(d, most - 20'000), Error);
  CHECK_THROWS_AS(add_years(d, std::numeric_limits<int>::max()), Error);
  CHECK_THROWS_AS(add_years(d, std::numeric_limits<int>::min()), Error);
  CHECK_THROWS_AS(add_months(d, std::numeric_limits<int>::max()), Error);
  CHECK(error_message([&] { (void)add_months(d, least); }) ==
        "2019-09-27 - 9223372036854775808 months is outside the dates this library can represent");
  CHECK(error_message([&] { (void)add_years(d, most); }) ==
        "2019-09-27 + 9223372036854775807 years is outside the dates this library can represent");
  CHECK(add_months(parse_date("1400-01-31"), 12 * (9999 - 1400) + 11) == parse_date("9999-12-31"));
  CHECK(add_years(d, 10) == parse_date("2029-09-27"));
}

TEST_CASE("make_date builds a date from its parts or names what is wrong") {
  CHECK(make_date(2019, 9, 27) == parse_date("2019-09-27"));
  CHECK(error_message([] { (void)make_date(1066, 10, 14, "1066-10-14"); }) ==
        "'1066-10-14' is not a valid date: the year must be between 1400 and 9999");
  CHECK(error_message([] { (void)make_date(2019, 2, 29, "29/02/2019", "row 3"); }) ==
        "row 3: '29/02/2019' is not a valid date: February 2019 has 28 days");
}
