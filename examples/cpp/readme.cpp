// The README's C++ example, kept identical to it by tests/python/test_docs.py.
#include <iostream>
#include <safeguarding/safeguarding.hpp>

int main() {
  using namespace safeguarding;
  const Calendar cal = Calendar::england_and_wales();
  const Date letter = parse_date("2018-01-30");                         // JTAI findings letter published
  std::cout << to_long_text(cal.add_working_days(letter, 70)) << '\n';  // Friday 11 May 2018
  const Timescale grace = Timescale::parse("4 months");
  std::cout << to_long_text(grace.due(parse_date("2019-09-29"))) << '\n';  // Wednesday 29 January 2020
}
