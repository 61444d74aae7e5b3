#include <type_traits>

#include "catch.hpp"
#include "safeguarding/timescale.hpp"

using namespace safeguarding;
using boost::gregorian::date;
using boost::posix_time::hours;

TEST_CASE("timescales parse and print") {
  CHECK(Timescale::parse("15 working days") == Timescale(15, TimeUnit::working_days));
  CHECK(Timescale::parse("  15   Working   Days ") == Timescale(15, TimeUnit::working_days));
  CHECK(Timescale::parse("1 working day") == Timescale(1, TimeUnit::working_days));
  CHECK(Timescale::parse("20 WD") == Timescale(20, TimeUnit::working_days));
  CHECK(Timescale::parse("3 months") == Timescale(3, TimeUnit::months));
  CHECK(Timescale::parse("6 CM") == Timescale(6, TimeUnit::months));
  CHECK(Timescale::parse("72 hours") == Timescale(72, TimeUnit::hours));
  CHECK(Timescale::parse("10 calendar days") == Timescale(10, TimeUnit::calendar_days));
  CHECK(Timescale::parse("10 days") == Timescale(10, TimeUnit::calendar_days));
  CHECK(Timescale::parse("2 weeks") == Timescale(2, TimeUnit::weeks));
  CHECK(Timescale::parse("1 year") == Timescale(1, TimeUnit::years));
  CHECK(Timescale::parse("15working days") == Timescale(15, TimeUnit::working_days));

  CHECK(Timescale(15, TimeUnit::working_days).str() == "15 working days");
  CHECK(Timescale(1, TimeUnit::working_days).str() == "1 working day");
  CHECK(Timescale(3, TimeUnit::months).str() == "3 months");
  CHECK(Timescale(1, TimeUnit::months).str() == "1 month");
  CHECK(Timescale(72, TimeUnit::hours).str() == "72 hours");
  for (const char* text :
       {"15 working days", "3 months", "72 hours", "10 calendar days", "2 weeks", "1 year", "0 working days"})
    CHECK(Timescale::parse(text).str() == text);
}

TEST_CASE("bad timescales name the text") {
  CHECK(error_message([] { (void)Timescale::parse("3 fortnights"); }) ==
        "'3 fortnights' is not a timescale: unknown unit 'fortnights' (expected working days, calendar days, weeks, "
        "months, "
        "years or hours)");
  CHECK(error_message([] { (void)Timescale::parse("fifteen working days", "/rules/3/timescale"); }) ==
        "/rules/3/timescale: 'fifteen working days' is not a timescale: expected a whole number followed by a unit, as "
        "in "
        "\"15 working days\"");
  CHECK(error_message([] { (void)Timescale::parse("15"); }) == "'15' is not a timescale: the unit is missing");
  CHECK(error_message([] { (void)Timescale::parse("-3 months"); }).find("expected a whole number") !=
        std::string::npos);
  CHECK(error_message([] { (void)Timescale::parse("99999999 days"); }).find("at most 1000000") != std::string::npos);
  CHECK(error_message([] { (void)Timescale(-1, TimeUnit::months); }).find("got -1") != std::string::npos);
}

TEST_CASE("due dates forwards and backwards") {
  const Calendar cal = Calendar::england_and_wales();
  SECTION("working days") {
    CHECK(Timescale::parse("70 working days").due(date(2018, 1, 30), cal) == date(2018, 5, 11));
    CHECK(Timescale::parse("15 working days").due(date(2019, 10, 4), cal) == date(2019, 10, 25));
    CHECK(error_message([] { (void)Timescale::parse("15 working days").due(date(2019, 10, 4)); }) ==
          "the timescale '15 working days' needs a calendar to count working days");
  }
  SECTION("months clamp to the month's end") {
    // The grace periods after Haringey's new arrangements started on 29 September 2019.
    CHECK(Timescale::parse("12 months").due(date(2019, 9, 29)) == date(2020, 9, 29));
    CHECK(Timescale::parse("4 months").due(date(2019, 9, 29)) == date(2020, 1, 29));
    CHECK(Timescale::parse("3 months").due(date(2019, 4, 30)) == date(2019, 7, 30));
    CHECK(Timescale::parse("6 months").due(date(2019, 8, 31)) == date(2020, 2, 29));
    CHECK(Timescale::parse("1 year").due(date(2020, 2, 29)) == date(2021, 2, 28));
  }
  SECTION("calendar days and weeks") {
    CHECK(Timescale::parse("10 calendar days").due(date(2019, 12, 28)) == date(2020, 1, 7));
    CHECK(Timescale::parse("2 weeks").due(date(2019, 12, 28)) == date(2020, 1, 11));
  }
  SECTION("at least N working days before") {
    // Publication on Monday 6 January 2020: 7 working days before is 24 December 2019
    // (3 Jan (1), 2 Jan (2), 1 Jan holiday, 31 Dec (3), 30 Dec (4), 27 Dec (5), 26 and 25 Dec holidays, 24 Dec (6)... )
    // counted by hand: Jan 3, Jan 2, Dec 31, Dec 30, Dec 27, Dec 24, Dec 23 -> 7th is 23 December.
    CHECK(Timescale::parse("7 working days").due_before(date(2020, 1, 6), cal) == date(2019, 12, 23));
    CHECK(Timescale::parse("1 month").due_before(date(2020, 3, 31), cal) == date(2020, 2, 29));
  }
  SECTION("hours") {
    const DateTime back(date(2019, 10, 4), hours(22));  // returned from a missing episode at 10pm on a Friday
    CHECK(Timescale::parse("72 hours").due(back) == DateTime(date(2019, 10, 7), hours(22)));
    CHECK(Timescale::parse("72 hours").due(date(2019, 10, 4)) == date(2019, 10, 7));
    CHECK(Timescale::parse("36 hours").due(date(2019, 10, 4)) == date(2019, 10, 6));
    CHECK(Timescale::parse("3 working days").due(back, cal) == DateTime(date(2019, 10, 9), hours(22)));
    CHECK(Timescale::parse("24 hours").due_before(DateTime(date(2019, 10, 4), hours(1))) ==
          DateTime(date(2019, 10, 3), hours(1)));
  }
}

static_assert(!std::is_convertible_v<std::string, Timescale>);
static_assert(!std::is_convertible_v<int, Timescale>);
