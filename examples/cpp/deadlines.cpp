// Deadlines from the Haringey reports, counted on the England and Wales calendar.
#include <iostream>
#include <safeguarding/safeguarding.hpp>

int main() {
  using namespace safeguarding;
  const Calendar cal = Calendar::england_and_wales();

  // The JTAI findings letter was published on 30 January 2018; the written statement of action
  // was due 70 working days later.
  const Date letter = parse_date("2018-01-30");
  std::cout << "JTAI statement of action due " << to_long_text(cal.add_working_days(letter, 70)) << '\n';

  // The new arrangements started on 29 September 2019: serious case reviews had 12 months to
  // finish, child death overview panels 4.
  const Date start = parse_date("2019-09-29");
  for (const char* grace : {"12 months", "4 months"})
    std::cout << grace << " grace period ends " << to_long_text(Timescale::parse(grace).due(start)) << '\n';

  // A rapid review within 15 working days of becoming aware of an incident (an illustrative date).
  const Date aware = parse_date("2019-12-20");
  std::cout << "rapid review due " << to_long_text(Timescale::parse("15 working days").due(aware, cal)) << '\n';

  // A council closed on Christmas Eve counts one working day fewer.
  const Calendar council = cal.with_holidays({Holiday{parse_date("2019-12-24"), "Council closure"}});
  std::cout << "with the council's closure day: "
            << to_long_text(Timescale::parse("15 working days").due(aware, council)) << '\n';
  std::cout << "working days from 30 January to 11 May 2018: "
            << cal.working_days_between(letter, parse_date("2018-05-11")) << '\n';
}
