// The Haringey partnership's governance compliance as of 31 October 2020. The partnership is the
// one its published arrangements describe; its meeting and activity records are synthetic.
// Run from examples/cpp (the test suite does): the data file is ../haringey/partnership.json.
#include <iostream>
#include <safeguarding/safeguarding.hpp>

int main() {
  using namespace safeguarding;
  const Partnership haringey = Partnership::load("../haringey/partnership.json");
  const ComplianceReport report = haringey.evaluate(parse_date("2020-10-31"));

  const ComplianceSummary& s = report.summary;
  std::cout << report.partnership << ", as of " << to_long_text(report.as_of) << '\n';
  std::cout << s.total() << " findings: " << s.count(ComplianceStatus::met) << " met, "
            << s.count(ComplianceStatus::breached) << " breached, " << s.count(ComplianceStatus::due_soon)
            << " due soon\n";
  std::cout << "meetings held " << s.meetings_held << ", quorate " << s.meetings_quorate << " of "
            << s.meetings_assessed << '\n';
  for (const ComplianceFinding* f : report.with_status(ComplianceStatus::breached))
    if (f->kind == ComplianceFindingKind::meeting_frequency || f->kind == ComplianceFindingKind::quorum ||
        f->kind == ComplianceFindingKind::duty)
      std::cout << "- " << f->text << '\n';
  for (const ComplianceFinding* f : report.with_status(ComplianceStatus::due_soon))
    std::cout << "due soon: " << f->text << '\n';
}
