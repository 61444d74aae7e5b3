// The figures of the sample statutory returns in examples/returns (synthetic: no real child), as the
// demo prints them: an SSDA903 return (a folder of CSV tables) and a CIN census, each loaded once and
// measured for a reporting year. Run from examples/cpp, as the test suite does.
#include <cstdio>
#include <iostream>
#include <safeguarding/safeguarding.hpp>
#include <string>

int main() {
  using namespace safeguarding;
  using namespace safeguarding::returns;
  const RuleCatalogue& rules = builtin_rules();
  const Calendar cal = Calendar::england_and_wales();
  const auto percent = [](double share) {
    char text[16];
    std::snprintf(text, sizeof text, "%.0f%%", 100 * share);
    return std::string(text);
  };

  ReportingYear year = ReportingYear::parse("2017-18");  // the year the fake episodes fill
  const ssda903::Ssda903 looked_after = ssda903::load("../returns/ssda903");
  std::cout << "SSDA903 (ssda903/*.csv), reporting year " << year.label() << '\n'
            << looked_after.data.summary_text() << "\n\n";
  std::cout << "  " << ssda903::review_timeliness(looked_after, year, rules, cal).figure.str() << '\n';
  const CodeCounts participation = ssda903::participation(looked_after, year);
  const auto shares = participation.shares();
  std::cout << "  participation:";
  for (std::size_t i = 0; i < shares.size(); ++i)
    std::cout << (i ? ", " : " ") << participation.codes[i] << ' ' << percent(shares[i]);
  std::cout << "\n  looked after at 31 March: " << ssda903::looked_after_at_31_march(looked_after, year)
            << "; three or more placements: " << ssda903::three_or_more_placements(looked_after, year).str() << '\n';
  const CodeCounts ceased = ssda903::reasons_ceased(looked_after, year);
  std::cout << "  episodes ceased, by reason:";
  for (std::size_t i = 0; i < ceased.codes.size(); ++i)
    std::cout << (i ? ", " : " ") << ceased.codes[i] << ' ' << ceased.counts[i];
  std::cout << "\n\n";

  year = ReportingYear::parse("2019-20");  // the census's collection year: the one year it covers
  const cin_census::CinCensus census = cin_census::load("../returns/cin_census_synthetic.xml");
  std::cout << "CIN census (cin_census_synthetic.xml), reporting year " << year.label() << '\n';
  std::cout << "  referrals: " << cin_census::referrals(census, year).size()
            << "; re-referrals within 12 months: " << cin_census::re_referrals(census, year).str()
            << "; no further action: " << cin_census::nfa_referrals(census, year).str() << '\n';
  for (const auto measure : {&cin_census::assessment_timeliness, &cin_census::initial_conference_timeliness,
                             &cin_census::review_conference_timeliness})
    std::cout << "  " << measure(census, year, rules, cal).figure.str() << '\n';
  std::cout << "  plans ending in the year that lasted two years or more: "
            << cin_census::plans_lasting_two_years_or_more(census, year).str() << '\n'
            << "  second or later plans: " << cin_census::second_or_later_plans(census, year).str() << '\n';
}
