// Findings of kinds republication and sign_off (Working Together 2023): arrangements made under
// Working Together 2018 republished under Working Together 2023 by the partnership's republish_by
// date (December 2024; the day is a setting, "check"), and the published arrangements, the yearly
// reports and the threshold document's versions of the Working Together 2023 years signed off by the
// lead safeguarding partners in place, on or before their date.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void Evaluator::republication() {
  const Date published_on = wt2023_published();
  if (as_of_ < published_on) {
    add(ComplianceFindingKind::republication, ComplianceStatus::not_applicable, "wt2023.republication", "arrangements",
        "WT2023", "arrangements under Working Together 2023")
        .text = "Republication under Working Together 2023 applies from its publication on " +
                to_long_text(published_on) + ", after " + to_long_text(as_of_) + ".";
    return;
  }
  // The first day the partnership's file follows Working Together 2023 (or later), with its
  // arrangements' publication date when given.
  std::optional<Date> moved;
  std::optional<Date> published;
  if (p_.edition >= Edition::wt2023) {
    moved = p_.start;
    published = p_.arrangements.published;
  } else {
    for (const EditionChange& c : p_.edition_changes)
      if (c.edition >= Edition::wt2023 && c.from <= as_of_) {
        moved = c.from;
        published = c.arrangements.published;
        break;
      }
  }
  const Date due = p_.settings.republish_by;
  const std::optional<Date> done =
      published && *published <= as_of_ ? published : moved;  // a publication after the as-of date is not yet known
  // A partnership that started under Working Together 2023 had nothing to republish.
  const bool from_start = p_.edition >= Edition::wt2023;
  ComplianceFinding& f =
      add(ComplianceFindingKind::republication,
          done ? (*done <= due || from_start ? ComplianceStatus::met : ComplianceStatus::breached) : outstanding(due),
          "wt2023.republication", "arrangements", "WT2023", "arrangements under Working Together 2023");
  f.requirement =
      "arrangements made under Working Together 2018 republished under Working Together 2023 by " + to_long_text(due);
  f.due = due;
  if (done) {
    f.actual = *done;
    const std::string how =
        published && done == published ? "published on " + to_long_text(*done) : "in force from " + to_long_text(*done);
    if (from_start) {
      f.text = "The arrangements follow Working Together 2023 from the partnership's start (" + how + ").";
      return;
    }
    set_lateness(f, cal_, due, *done);
    if (f.status == ComplianceStatus::met)
      f.text = "The arrangements under Working Together 2023 were " + how + ", by " + to_long_text(due) + ".";
    else
      f.text = "The arrangements under Working Together 2023 were " + how + ", " + lateness_text(f) +
               " after they were due on " + to_long_text(due) + ".";
    return;
  }
  switch (f.status) {
    case ComplianceStatus::breached:
      set_lateness(f, cal_, due, as_of_);
      f.text = "The arrangements still follow " + std::string(edition_title(edition_)) +
               ": their republication under Working Together 2023 is overdue since " + to_long_text(due) + ", by " +
               lateness_text(f) + " as of " + to_long_text(as_of_) + ".";
      break;
    default:
      f.text = "The arrangements still follow " + std::string(edition_title(edition_)) +
               ": they are to be republished under Working Together 2023 by " + to_long_text(due) + ".";
      break;
  }
}

SAFEGUARDING_FUNC void Evaluator::sign_off() {
  // Whether any day from the start to the as-of date is under Working Together 2023 or later.
  bool any = p_.edition >= Edition::wt2023 && p_.start <= as_of_;
  for (const EditionChange& c : p_.edition_changes) any = any || (c.edition >= Edition::wt2023 && c.from <= as_of_);
  if (!any)
    return not_yet_in_force(ComplianceFindingKind::sign_off, "wt2023.sign-off", Edition::wt2023,
                            "Sign-off by the lead safeguarding partners is required from Working Together 2023");
  auto under_wt2023 = [&](Date d) { return d >= p_.start && d <= as_of_ && p_.edition_on(d) >= Edition::wt2023; };
  // The arrangements of each edition from Working Together 2023 on: signed off by their publication
  // (or, without a publication date, by the day they came into force).
  auto arrangements_of = [&](Edition e, Date from, const Arrangements& a) {
    if (e < Edition::wt2023 || from > as_of_) return;
    const Date date = a.published && *a.published <= as_of_ ? *a.published : from;
    sign_off_document(SignOffDocument::arrangements, std::string(edition_names[static_cast<std::size_t>(e)]),
                      "The arrangements under " + std::string(edition_title(e)), date,
                      a.published && *a.published <= as_of_ ? "published on" : "in force from", "arrangements");
  };
  arrangements_of(p_.edition, p_.start, p_.arrangements);
  for (const EditionChange& c : p_.edition_changes) arrangements_of(c.edition, c.from, c.arrangements);
  if (const Duty* report = statutory_duty(StatutoryDuty::yearly_report))
    for (const Activity* a : activities_of(report->activity))
      if (under_wt2023(a->date))
        sign_off_document(SignOffDocument::yearly_report, a->id,
                          "The yearly report " + quote(a->title.empty() ? a->id : a->title), a->date, "published on",
                          "activity");
  if (p_.thresholds)
    for (const ThresholdVersion& v : p_.thresholds->versions)
      if (!v.from.is_special() && under_wt2023(v.from))
        sign_off_document(SignOffDocument::threshold_document, v.id,
                          "The threshold document " + quote(v.title.empty() ? v.id : v.title), v.from, "in force from",
                          "threshold-version");
}

/// One document: signed off, on or before its date, by the lead of every partner in place then.
SAFEGUARDING_FUNC void Evaluator::sign_off_document(SignOffDocument document, const std::string& subject,
                                                    const std::string& name, Date date, const std::string& dated,
                                                    std::string subject_type) {
  std::vector<std::string> signed_by, missing, late;
  for (const SafeguardingPartner& partner : p_.partners) {
    if (!partner.in_place_on(date)) continue;
    const SignOff* best = nullptr;  // the earliest sign-off by this partner
    for (const SignOff& s : p_.sign_offs)
      if (s.document == document && s.subject == subject && s.partner == partner.id && s.date <= as_of_ &&
          (best == nullptr || s.date < best->date))
        best = &s;
    if (best == nullptr)
      missing.push_back(partner.name);
    else if (best->date > date)
      late.push_back(partner.name + " (on " + to_long_text(best->date) + ")");
    else
      signed_by.push_back(partner.name);
  }
  const bool ok = missing.empty() && late.empty();
  ComplianceFinding& f = add(ComplianceFindingKind::sign_off, ok ? ComplianceStatus::met : ComplianceStatus::breached,
                             "wt2023.sign-off", std::move(subject_type), subject, name);
  f.due = date;
  // "The yearly report 'x', published on …: signed off by the lead safeguarding partners of A and
  // B; not by that of C; only afterwards by that of D (on …)."
  std::vector<std::string> parts;
  if (!signed_by.empty())
    parts.push_back("signed off by the lead safeguarding partner" + std::string(signed_by.size() == 1 ? "" : "s") +
                    " of " + support::join_list(signed_by));
  if (!missing.empty())
    parts.push_back(
        std::string(signed_by.empty() ? "not signed off by the lead safeguarding partner of " : "not by that of ") +
        support::join_list(missing));
  if (!late.empty())
    parts.push_back(std::string(signed_by.empty() && missing.empty() ? "signed off only afterwards by the lead "
                                                                       "safeguarding partner of "
                                                                     : "only afterwards by that of ") +
                    support::join_list(late));
  f.text = name + ", " + dated + " " + to_long_text(date) + ": ";
  for (std::size_t i = 0; i < parts.size(); ++i) f.text += (i == 0 ? "" : "; ") + parts[i];
  if (parts.empty()) f.text += "no safeguarding partner was in place to sign it off";
  f.text += ".";
}

}  // namespace safeguarding::inline v0::detail
