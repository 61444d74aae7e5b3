// The Haringey partnership's governance compliance as of 31 October 2020. The partnership is the
// one its published arrangements describe; its meeting and activity records are synthetic.
// Run from examples/cpp (the test suite does): the data file is ../haringey/partnership.json.
#include <iostream>
#include <safeguarding/safeguarding.hpp>

int main() {
  using namespace safeguarding;
  const Partnership haringey = load_partnership("../haringey/partnership.json");
  const ComplianceReport report = haringey.evaluate(parse_date("2020-10-31"));

  const ComplianceSummary& s = report.summary;
  std::cout << report.partnership << ", as of " << to_long_text(report.as_of) << '\n';
  std::cout << s.total() << " findings: " << s.count(Status::met) << " met, " << s.count(Status::breached)
            << " breached, " << s.count(Status::due_soon) << " due soon\n";
  std::cout << "meetings held " << s.meetings_held << ", quorate " << s.meetings_quorate << " of "
            << s.meetings_assessed << '\n';
  for (const Finding* f : report.with_status(Status::breached))
    if (f->kind == FindingKind::meeting_frequency || f->kind == FindingKind::quorum || f->kind == FindingKind::duty)
      std::cout << "- " << f->text << '\n';
  for (const Finding* f : report.with_status(Status::due_soon)) std::cout << "due soon: " << f->text << '\n';
}
