// The Haringey front door's measures over a SYNTHETIC year of contacts and steps (the figures the
// demo prints in its front-door section). Run from examples/cpp (the test suite does): the data
// files are in ../haringey/.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <safeguarding/safeguarding.hpp>
#include <string>
#include <vector>

namespace {

using namespace safeguarding;
namespace fd = safeguarding::front_door;

/// 4875 as "4,875".
std::string thousands(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string fixed(double x, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, x);
  return buffer;
}

/// "2019Q2": the calendar quarter a period starts in.
std::string quarter_name(std::int64_t first_day) {
  const Date d = from_days(first_day);
  return std::to_string(d.year()) + "Q" + std::to_string((d.month() - 1) / 3 + 1);
}

void print_counts(const fd::RecordCounts& c, std::size_t findings) {
  std::cout << "  " << c.table << ": " << thousands(c.read) << " rows read = " << thousands(c.used) << " used + "
            << thousands(c.after_as_of) << " after the as-of date + " << thousands(c.rejected) << " rejected; "
            << findings << (findings == 1 ? " finding" : " findings") << '\n';
}

void print_quarters(const fd::Records& r) {
  fd::Grouping quarterly;
  quarterly.period = timeliness::SummaryPeriod::quarter;
  const fd::MeasureTable decisions = fd::tabulate(r, fd::Measure::decisions, quarterly);
  const fd::MeasureTable volumes = fd::tabulate(r, fd::Measure::volumes, quarterly);
  const fd::MeasureTable reliance = fd::tabulate(r, fd::Measure::reliance, quarterly);
  std::cout << "  Quarter  Contacts Referrals Re-referred Decided in 1 wd Early help or below\n";
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-8s %8s %9s %10s%% %14s%% %18s%%\n", quarter_name(decisions.period[i]).c_str(),
                  thousands(volumes.count("contacts")[i]).c_str(), thousands(volumes.count("referrals")[i]).c_str(),
                  fixed(volumes.value("percent_re_referrals")[i], 1).c_str(),
                  fixed(decisions.value("percent_in_timescale")[i], 1).c_str(),
                  fixed(reliance.value("percent_resolved_below")[i], 1).c_str());
    std::cout << line;
  }
}

void print_year(const fd::Records& r, unsigned year_start) {
  const fd::MeasureTable c = fd::tabulate(r, fd::Measure::conversion, {});
  const fd::MeasureTable outcomes = fd::tabulate(r, fd::Measure::assessment_outcomes, {});
  std::cout << "\n  Conversion: " << thousands(c.count("contacts")[0]) << " contacts -> "
            << thousands(c.count("referrals")[0]) << " referrals (" << fixed(c.value("percent_referred")[0], 0)
            << "%) -> " << thousands(c.count("assessments")[0]) << " assessments ("
            << fixed(c.value("percent_assessed")[0], 0) << "%)\n  -> " << thousands(c.count("plans")[0])
            << " child in need or child protection plans (" << fixed(c.value("percent_to_plan")[0], 0)
            << "%); no further action after " << fixed(outcomes.value("percent_nfa")[0], 0) << "% of assessments\n";
  const std::vector<fd::Population> population{{2020, 59'100}};  // the year ended March 2020: illustrative
  const auto rates = fd::referral_rates(r, year_start, population);
  const auto year = std::find_if(rates.begin(), rates.end(), [](const fd::ReferralRate& x) { return x.year == 2020; });
  std::cout << "  Referrals per 10,000 children: " << fixed(year->rate, 0)
            << " (population of 59,100 aged 0-17: illustrative)\n";
  const fd::MeasureTable s = fd::tabulate(r, fd::Measure::steps, {});
  std::cout << "  Step-downs from social care to early help: " << s.count("to_early_help")[0]
            << "; re-escalated within 12 months so far: " << s.count("re_escalated")[0] << "; "
            << s.count("awaiting")[0] << " still within their 12 months\n\n";
}

void print_agreement(const fd::Records& r) {
  fd::Grouping by_agency;
  by_agency.agency = true;
  const fd::MeasureTable t = fd::tabulate(r, fd::Measure::agreement, by_agency);
  std::vector<std::size_t> rows(t.size());
  std::iota(rows.begin(), rows.end(), 0);
  const auto& contacts = t.count("contacts");
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) { return contacts[a] > contacts[b]; });
  rows.resize(std::min<std::size_t>(rows.size(), 6));
  std::cout << "  Referrer's level against the decided level, the six largest sources\n";
  std::cout << "  Agency              Rated  Agree   Over  Under  Kappa\n";
  for (std::size_t row : rows) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-18s %6s %5s%% %5s%% %5s%% %6s\n",
                  r.sources[static_cast<std::size_t>(t.keys[0][row])].c_str(), thousands(t.count("rated")[row]).c_str(),
                  fixed(t.value("percent_agree")[row], 0).c_str(), fixed(t.value("percent_over")[row], 0).c_str(),
                  fixed(t.value("percent_under")[row], 0).c_str(), fixed(t.value("kappa")[row], 2).c_str());
    std::cout << line;
  }
}

}  // namespace

int main() {
  const Partnership haringey = Partnership::load("../haringey/partnership.json");
  const fd::FrontDoorInput input(fd::read_front_door_csv("../haringey/contacts.csv", "contacts"),
                                 fd::read_front_door_csv("../haringey/steps.csv", "steps"));
  const fd::Records r = fd::prepare(haringey, input, builtin_rules());
  std::cout << "The Haringey front door, April 2019 to March 2020 (SYNTHETIC contacts and steps:\n"
            << " examples/haringey/contacts.csv and steps.csv; as of " << to_long_text(from_days(r.as_of))
            << "; docs/thresholds.md)\n\n";
  for (const fd::RecordCounts* c : {&r.contact_counts, &r.step_counts})
    print_counts(*c, static_cast<std::size_t>(
                         std::count_if(r.findings.begin(), r.findings.end(),
                                       [&](const returns::ReturnFinding& f) { return f.table == c->table; })));
  std::cout << '\n';
  print_quarters(r);
  print_year(r, haringey.year_start);
  print_agreement(r);
  std::cout << '\n';
}
