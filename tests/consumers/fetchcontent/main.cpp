#include <safeguarding/safeguarding.hpp>

#include <iostream>

std::size_t builtin_rule_count();

int main() {
  using namespace safeguarding;
  const Calendar cal = Calendar::england_and_wales();
  const bool date_ok = cal.add_working_days(parse_date("2018-01-30"), 70) == parse_date("2018-05-11");
  const bool rules_ok = builtin_rule_count() == builtin_rules_json().size() && builtin_rule_count() > 1000;
  std::cout << (date_ok && rules_ok ? "ok" : "wrong") << '\n';
  return date_ok && rules_ok ? 0 : 1;
}

std::size_t builtin_rule_count() { return safeguarding::builtin_rules_json().size(); }
