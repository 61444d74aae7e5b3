// Preparing the front door's records: the column checks, the threshold versions' levels in one
// order, and the steps of the preparation in order.
#include "safeguarding/front_door/prepare.hpp"

#include <algorithm>

#include "preparer.hpp"

namespace safeguarding::inline v0::front_door {

namespace detail {

SAFEGUARDING_FUNC std::string day_text(std::int64_t day) {
  return day == nat ? std::string("no date") : format_days(day);
}

SAFEGUARDING_FUNC void check_columns(const Contacts& c, const Steps& s) {
  Problems problems;
  auto length = [&](std::string_view table, std::string_view column, std::size_t size, std::size_t n, bool optional) {
    if (size != n && !(optional && size == 0))
      problems.add(std::string(table) + " column " + quote(column),
                   "has " + std::to_string(size) + " rows, but the table has " + std::to_string(n));
  };
  auto codes = [&](std::string_view table, std::string_view column, const Codes& x, std::size_t n) {
    length(table, column, x.codes.size(), n, true);
    const auto limit = static_cast<std::int32_t>(x.values.size());
    for (std::int32_t code : x.codes)
      if (code < -1 || code >= limit) {
        problems.add(std::string(table) + " column " + quote(column), "code " + std::to_string(code) +
                                                                          " is not -1 or the index of one of its " +
                                                                          std::to_string(x.values.size()) + " values");
        break;
      }
  };
  const std::size_t n = c.size();
  length("contacts", "child", c.child.size(), n, false);
  length("contacts", "date", c.date.size(), n, false);
  codes("contacts", "agency", c.agency, n);
  codes("contacts", "referrer_level", c.referrer_level, n);
  length("contacts", "decision_date", c.decision_date.size(), n, true);
  codes("contacts", "decided_level", c.decided_level, n);
  codes("contacts", "outcome", c.outcome, n);
  length("contacts", "assessment_date", c.assessment_date.size(), n, true);
  codes("contacts", "assessment_outcome", c.assessment_outcome, n);
  const std::size_t m = s.size();
  length("steps", "date", s.date.size(), m, false);
  length("steps", "contact", s.contact.size(), m, true);
  codes("steps", "from_level", s.from_level, m);
  codes("steps", "to_level", s.to_level, m);
  problems.throw_if_any("front door");
}

SAFEGUARDING_FUNC std::vector<std::string> level_order(const std::vector<ThresholdVersion>& versions,
                                                       std::vector<NeedKind>& kinds) {
  std::vector<std::string> out;
  kinds.clear();
  for (std::size_t v = versions.size(); v-- > 0;) {
    std::size_t pos = 0;
    for (const LevelOfNeed& level : versions[v].levels) {
      const auto it = std::find(out.begin(), out.end(), level.id);
      if (it != out.end()) {
        pos = static_cast<std::size_t>(it - out.begin()) + 1;
        continue;
      }
      out.insert(out.begin() + static_cast<std::ptrdiff_t>(pos), level.id);
      kinds.insert(kinds.begin() + static_cast<std::ptrdiff_t>(pos), level.kind);
      ++pos;
    }
  }
  return out;
}

SAFEGUARDING_FUNC LevelLookup::LevelLookup(const Codes& column, const std::vector<ThresholdVersion>& versions,
                                           const std::vector<std::string>& levels) {
  rank.assign(versions.size(), std::vector<std::int8_t>(column.values.size(), -1));
  index.assign(column.values.size(), -1);
  for (std::size_t k = 0; k < column.values.size(); ++k) {
    const auto it = std::find(levels.begin(), levels.end(), column.values[k]);
    if (it != levels.end()) index[k] = static_cast<std::int32_t>(it - levels.begin());
    for (std::size_t v = 0; v < versions.size(); ++v)
      if (auto r = versions[v].rank(column.values[k])) rank[v][k] = static_cast<std::int8_t>(*r);
  }
}

SAFEGUARDING_FUNC Preparer::Preparer(const Partnership& p, const Contacts& c, const Steps& s,
                                     const RuleCatalogue& catalogue, const FrontDoorOptions& o)
    : p_(p), c_(c), s_(s), catalogue_(catalogue), options_(o), cal_(p.calendar.table()) {}

SAFEGUARDING_FUNC Records Preparer::run() {
  check_columns(c_, s_);
  const Thresholds& thresholds = p_.threshold_document();
  r_.versions = thresholds.effective_versions();
  r_.levels = level_order(r_.versions, r_.level_kinds);
  for (const auto& x : p_.partners) add_source(x.id, x.name);
  for (const auto& x : p_.agencies) add_source(x.id, x.name);
  for (const auto& x : thresholds.other_sources) add_source(x.id, x.name);
  r_.decision_rule = options_.decision_rule;
  as_of();
  contacts();
  index_children();
  re_referrals();
  decisions();
  steps();
  re_escalations();
  return std::move(r_);
}

SAFEGUARDING_FUNC void Preparer::add_source(const std::string& id, const std::string& name) {
  if (source_index_.emplace(id, static_cast<std::int32_t>(r_.sources.size())).second) {
    r_.sources.push_back(id);
    r_.source_names.push_back(name);
  }
}

/// How findings name the record at `position` of a table (see FrontDoorOptions::first_contact_row).
SAFEGUARDING_FUNC std::string Preparer::row_number(std::string_view table, std::size_t position) const {
  const std::int64_t first = table == "contacts" ? options_.first_contact_row : options_.first_step_row;
  return std::to_string(static_cast<std::int64_t>(position) + first);
}

SAFEGUARDING_FUNC void Preparer::finding(std::string_view table, std::size_t row, std::string_view column,
                                         std::string value, std::string problem, returns::FindingAction action) {
  returns::ReturnFinding f;
  f.table = std::string(table);
  f.row = static_cast<std::int64_t>(row);
  f.column = std::string(column);
  f.where = "row " + row_number(table, row) + ", column " + quote(column);
  f.value = std::move(value);
  f.problem = std::move(problem);
  f.action = action;
  r_.findings.push_back(std::move(f));
  if (action == returns::FindingAction::rejected) reject_ = true;
}

SAFEGUARDING_FUNC std::optional<std::size_t> Preparer::version_on(std::int64_t day) const {
  std::optional<std::size_t> found;
  for (std::size_t v = 0; v < r_.versions.size(); ++v)
    if (!r_.versions[v].from.is_special() && to_days(r_.versions[v].from) <= day) found = v;
  return found;
}

SAFEGUARDING_FUNC std::string Preparer::version_text(std::size_t v) const {
  const ThresholdVersion& version = r_.versions[v];
  return quote(version.title.empty() ? version.id : version.title) + ": " + version.level_list();
}

SAFEGUARDING_FUNC std::string Preparer::outside_text(std::int64_t day) const {
  return format_days(day) + " is outside " + p_.calendar.range_text();
}

/// The as-of date: the option, or the latest date in the records that the calendar covers.
SAFEGUARDING_FUNC void Preparer::as_of() {
  if (options_.as_of) {
    r_.as_of = *options_.as_of;
    return;
  }
  std::int64_t latest = nat;
  auto see = [&](std::span<const std::int64_t> days) {
    for (std::int64_t d : days)
      if (d != nat && cal_.covers(d)) latest = std::max(latest, d);
  };
  see(c_.date);
  see(c_.decision_date);
  see(c_.assessment_date);
  see(s_.date);
  r_.as_of = latest;
}

SAFEGUARDING_FUNC void Preparer::count(const std::vector<std::uint8_t>& use, RecordCounts& counts) {
  counts.read = static_cast<std::int64_t>(use.size());
  for (std::uint8_t u : use) {
    if (u == static_cast<std::uint8_t>(RecordUse::used))
      ++counts.used;
    else if (u == static_cast<std::uint8_t>(RecordUse::after_as_of))
      ++counts.after_as_of;
    else
      ++counts.rejected;
  }
}

}  // namespace detail

SAFEGUARDING_FUNC Records prepare(const Partnership& partnership, const Contacts& contacts, const Steps& steps,
                                  const RuleCatalogue& catalogue, const FrontDoorOptions& options) {
  return detail::Preparer(partnership, contacts, steps, catalogue, options).run();
}

SAFEGUARDING_FUNC Records prepare(const Partnership& partnership, const FrontDoorInput& input,
                                  const RuleCatalogue& catalogue, FrontDoorOptions options) {
  options.first_contact_row = input.contact_table().first_row;
  options.first_step_row = input.step_table().first_row;
  const Contacts contacts = input.contacts();
  const Steps steps = input.steps();
  Records r = detail::Preparer(partnership, contacts, steps, catalogue, options).run();
  const std::vector<std::string> contact_children = input.id_text("contacts", "child");
  const std::vector<std::string> step_children = input.id_text("steps", "child");
  for (returns::ReturnFinding& f : r.findings) {
    const bool in_contacts = f.table == "contacts";
    f.file = in_contacts ? input.contact_table().file : input.step_table().file;
    f.child = (in_contacts ? contact_children : step_children)[static_cast<std::size_t>(f.row)];
  }
  return r;
}

}  // namespace safeguarding::inline v0::front_door
