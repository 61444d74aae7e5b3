// The front door: contacts to children's social care, the decision on each (the level of need
// decided and the outcome: no further action, advice, early help, a referral to social care, an
// assessment, a strategy discussion and section 47 enquiry), the assessment that follows a
// referral, and later step-ups and step-downs between levels of need; and the measures a
// partnership reads by month, quarter, agency and level (docs/thresholds.md).
//
// Records come in as plain columns (spans: serial days for dates, integer ids, text columns as
// codes into their distinct values), so a C++ caller needs no Python and the Python layer passes
// its DataFrame's columns without copying them. `prepare` checks every row against the
// partnership (its agencies and the threshold document version in force on the row's date) and
// reports each problem as a data-quality finding naming the table, row and column: a row is either
// used, dated after the as-of date, or rejected (rows in = used + after as of + rejected); a bad
// value in a row that can still be used is blanked and reported. The decision's timeliness comes
// from the timeliness engine and the rule catalogue (`referral.decision`: 1 working day), never
// from counting working days here. `tabulate` counts any measure by period, agency, level and
// threshold version; `referral_rates` gives referrals per 10,000 children from population figures.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "safeguarding/partnership.hpp"
#include "safeguarding/re_referrals.hpp"
#include "safeguarding/returns/table.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/timeliness.hpp"

namespace safeguarding::inline v0::front_door {

/// A missing date or id is `nat` (support/nat.hpp).

/// The decision on a contact. A contact decided as `social_care`, `assessment` or `s47` is a
/// referral; `nfa`, `advice` and `early_help` resolve it at early help level or below.
enum class Outcome : std::uint8_t { nfa, advice, early_help, social_care, assessment, s47 };
inline constexpr std::array<std::string_view, 6> outcome_names = {"nfa",         "advice",     "early-help",
                                                                   "social-care", "assessment", "s47"};
inline constexpr bool is_referral(Outcome o) noexcept { return o >= Outcome::social_care; }

/// What a social care assessment led to.
enum class AssessmentOutcome : std::uint8_t { nfa, early_help, cin, cp, looked_after, other };
inline constexpr std::array<std::string_view, 6> assessment_outcome_names = {"nfa", "early-help",   "cin",
                                                                             "cp",  "looked-after", "other"};

/// A text column as codes into its distinct values (pandas' factorize, a categorical's codes):
/// code -1 is a missing value. No codes at all: the column was not given (every value missing).
struct Codes {
  std::span<const std::int32_t> codes;
  std::vector<std::string> values;
  [[nodiscard]] std::int32_t at(std::size_t row) const noexcept { return codes.empty() ? -1 : codes[row]; }
};

/// The contacts table: one element per contact. Ids are integers (a caller with text ids codes
/// them, with the same codes for the steps table); dates are serial days (`missing` for none).
/// Optional columns may be left empty.
struct Contacts {
  std::span<const std::int64_t> contact;
  std::span<const std::int64_t> child;
  std::span<const std::int64_t> date;  // the contact's date
  Codes agency;                        // the source: a partner, relevant agency or other referral source id
  Codes referrer_level;                // the level the referrer judged
  std::span<const std::int64_t> decision_date;
  Codes decided_level;
  Codes outcome;  // outcome_names
  std::span<const std::int64_t> assessment_date;
  Codes assessment_outcome;  // assessment_outcome_names

  [[nodiscard]] std::size_t size() const noexcept { return contact.size(); }
};

/// The steps table: moves of a child between levels of need after the front-door decision.
/// `contact` (optional) names the contact the step follows; without it, the child's latest contact
/// on or before the step's date.
struct Steps {
  std::span<const std::int64_t> child;
  std::span<const std::int64_t> date;
  std::span<const std::int64_t> contact;
  Codes from_level;
  Codes to_level;

  [[nodiscard]] std::size_t size() const noexcept { return child.size(); }
};

struct Options {
  /// Records are what was known on this serial day: later contacts and steps are not used, later
  /// decisions and assessments not yet made. Default: the latest date in the records.
  std::optional<std::int64_t> as_of;
  /// The rule of the catalogue that times the decision.
  std::string decision_rule = "referral.decision";
  /// The number by which findings call the first record of each table, in their `where` and in
  /// problems that name another contact: 0 for positions (the default), 2 for a CSV file's records
  /// counting its header as row 1. `returns::ReturnFinding::row` is always the position.
  std::int64_t first_contact_row = 0, first_step_row = 0;
};

enum class RowUse : std::uint8_t { used, after_as_of, rejected };
inline constexpr std::array<std::string_view, 3> row_use_names = {"used", "after_as_of", "rejected"};

/// Rows read, used, dated after the as-of date and rejected: read = used + after_as_of + rejected.
struct RowCounts {
  std::string table;
  std::int64_t read = 0, used = 0, after_as_of = 0, rejected = 0;
};

/// Not applicable / not yet known / not re-escalated / re-escalated (StepColumns::re_escalation).
inline constexpr std::int8_t not_applicable = -2, awaiting = -1;

/// What `prepare` made of each contact (one element per input row).
struct ContactColumns {
  std::vector<std::uint8_t> use;                            // RowUse
  std::vector<std::int64_t> date;                           // the contact's date
  std::vector<std::int32_t> agency;                         // index into Records::sources; -1 when not used
  std::vector<std::int32_t> version;                        // index into Records::versions; -1 when none is in force
  std::vector<std::int32_t> referrer_level, decided_level;  // index into Records::levels; -1 when none
  std::vector<std::int8_t> referrer_rank, decided_rank;     // place in the version's order; -1 when none
  std::vector<std::int8_t> outcome;                         // Outcome; -1 when none
  std::vector<std::int8_t> assessment_outcome;              // AssessmentOutcome; -1 when none
  std::vector<std::int64_t> decision_date, assessment_date;  // as used: `missing` when none, blanked or later than as of
  std::vector<std::uint8_t> referral;                        // decided as a referral
  std::vector<std::uint8_t> re_referral;                     // a referral within 12 months of the child's previous one
  std::vector<std::int64_t> previous_referral;               // that previous referral's row; -1
  std::vector<std::int8_t> decision_status;                  // timeliness::Status of the decision; -1 when not judged
  std::vector<float> decision_working_days;                  // from contact to decision; NaN when not decided
};

/// What `prepare` made of each step.
struct StepColumns {
  std::vector<std::uint8_t> use;
  std::vector<std::int64_t> date;
  std::vector<std::int64_t> contact_row;  // the contact the step follows; -1
  std::vector<std::int32_t> version;
  std::vector<std::int32_t> from_level, to_level;  // index into Records::levels
  std::vector<std::int8_t> direction;              // +1 a step-up, -1 a step-down, 0 when not used
  std::vector<std::uint8_t> allowed;               // the version lists the move
  std::vector<std::uint8_t> to_early_help;         // a step-down from a social care level to an early help level
  std::vector<std::int8_t> re_escalation;          // for those: 1 re-escalated within 12 months, 0 not, awaiting, not_applicable
  std::vector<std::int64_t> re_escalation_date;    // the step-up or referral that re-escalated it; `missing`
  std::vector<std::uint8_t> followed_up;           // for those: the 12 months after it had passed by the as-of date
};

/// The records checked and resolved, with every finding; the input of every measure.
struct Records {
  ContactColumns contacts;
  StepColumns steps;
  std::vector<std::string> sources;       // agency ids: the partners, the relevant agencies, the other referral sources
  std::vector<std::string> source_names;  // their names
  std::vector<std::string> levels;        // level ids of every version, in order of need (the latest version's order)
  std::vector<NeedKind> level_kinds;      // each level's kind (in the latest version that has it)
  std::vector<ThresholdVersion> versions;  // the threshold versions the records were judged against
  std::vector<returns::ReturnFinding> findings;
  RowCounts contact_counts{"contacts"}, step_counts{"steps"};
  std::int64_t as_of = nat;
  std::string decision_rule;
  std::string decision_timescale;  // the rule's timescale in force on the as-of date ("1 working day")
};

namespace detail {

inline std::string day_text(std::int64_t day) { return day == nat ? std::string("no date") : format_days(day); }

/// Column lengths and codes: a caller's mistake, an Error naming the column.
inline void check_columns(const Contacts& c, const Steps& s) {
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
        problems.add(std::string(table) + " column " + quote(column),
                     "code " + std::to_string(code) + " is not -1 or the index of one of its " +
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

/// The level ids of every version in one order: the latest version's, with a level only older
/// versions have placed after the level that precedes it there.
inline std::vector<std::string> level_order(const std::vector<ThresholdVersion>& versions, std::vector<NeedKind>& kinds) {
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

template <std::size_t N>
std::vector<std::int8_t> vocabulary_codes(const Codes& column, const std::array<std::string_view, N>& names) {
  std::vector<std::int8_t> out(column.values.size(), -1);
  for (std::size_t k = 0; k < column.values.size(); ++k)
    for (std::size_t i = 0; i < N; ++i)
      if (names[i] == column.values[k]) out[k] = static_cast<std::int8_t>(i);
  return out;
}

template <std::size_t N>
std::string vocabulary_text(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

/// Each value of a level column resolved against each version: rank per (version, code), and the
/// index in `levels` per code.
struct LevelLookup {
  std::vector<std::vector<std::int8_t>> rank;  // [version][code]
  std::vector<std::int32_t> index;             // [code]
  LevelLookup(const Codes& column, const std::vector<ThresholdVersion>& versions, const std::vector<std::string>& levels) {
    rank.assign(versions.size(), std::vector<std::int8_t>(column.values.size(), -1));
    index.assign(column.values.size(), -1);
    for (std::size_t k = 0; k < column.values.size(); ++k) {
      const auto it = std::find(levels.begin(), levels.end(), column.values[k]);
      if (it != levels.end()) index[k] = static_cast<std::int32_t>(it - levels.begin());
      for (std::size_t v = 0; v < versions.size(); ++v)
        if (auto r = versions[v].rank(column.values[k])) rank[v][k] = static_cast<std::int8_t>(*r);
    }
  }
};

class Preparer {
 public:
  Preparer(const Partnership& p, const Contacts& c, const Steps& s, const RuleCatalogue& catalogue, const Options& o)
      : p_(p), c_(c), s_(s), catalogue_(catalogue), options_(o), cal_(p.calendar.table()) {}

  Records run() {
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

 private:
  void add_source(const std::string& id, const std::string& name) {
    if (source_index_.emplace(id, static_cast<std::int32_t>(r_.sources.size())).second) {
      r_.sources.push_back(id);
      r_.source_names.push_back(name);
    }
  }

  /// How findings name the record at `position` of a table (see Options::first_contact_row).
  std::string row_number(std::string_view table, std::size_t position) const {
    const std::int64_t first = table == "contacts" ? options_.first_contact_row : options_.first_step_row;
    return std::to_string(static_cast<std::int64_t>(position) + first);
  }

  void finding(std::string_view table, std::size_t row, std::string_view column, std::string value,
               std::string problem, returns::FindingAction action) {
    returns::ReturnFinding f;
    f.table = std::string(table);
    f.row = static_cast<std::int64_t>(row);
    f.column = std::string(column);
    f.where = "row " + row_number(table, row) + ", column " + quote(column);
    f.value = std::move(value);
    f.problem = std::move(problem);
    f.action = action;
    r_.findings.push_back(std::move(f));
  }

  std::optional<std::size_t> version_on(std::int64_t day) const {
    std::optional<std::size_t> found;
    for (std::size_t v = 0; v < r_.versions.size(); ++v)
      if (!r_.versions[v].from.is_special() && to_days(r_.versions[v].from) <= day) found = v;
    return found;
  }

  std::string version_text(std::size_t v) const {
    const ThresholdVersion& version = r_.versions[v];
    return quote(version.title.empty() ? version.id : version.title) + ": " + version.level_list();
  }

  void as_of() {
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

  bool after_as_of(std::int64_t day) const { return r_.as_of != nat && day > r_.as_of; }

  void contacts() {
    const std::size_t n = c_.size();
    auto& k = r_.contacts;
    k.use.assign(n, static_cast<std::uint8_t>(RowUse::used));
    k.date.assign(c_.date.begin(), c_.date.end());
    k.agency.assign(n, -1);
    k.version.assign(n, -1);
    k.referrer_level.assign(n, -1);
    k.decided_level.assign(n, -1);
    k.referrer_rank.assign(n, -1);
    k.decided_rank.assign(n, -1);
    k.outcome.assign(n, -1);
    k.assessment_outcome.assign(n, -1);
    k.decision_date.assign(n, nat);
    k.assessment_date.assign(n, nat);
    k.referral.assign(n, 0);
    k.re_referral.assign(n, 0);
    k.previous_referral.assign(n, -1);
    k.decision_status.assign(n, -1);
    k.decision_working_days.assign(n, std::numeric_limits<float>::quiet_NaN());

    std::vector<std::int32_t> agency_of(c_.agency.values.size(), -1);
    for (std::size_t code = 0; code < agency_of.size(); ++code) {
      auto it = source_index_.find(c_.agency.values[code]);
      if (it != source_index_.end()) agency_of[code] = it->second;
    }
    const LevelLookup referrer_lookup(c_.referrer_level, r_.versions, r_.levels);
    const LevelLookup decided_lookup(c_.decided_level, r_.versions, r_.levels);
    const auto outcome_of = vocabulary_codes(c_.outcome, outcome_names);
    assessment_codes_ = vocabulary_codes(c_.assessment_outcome, assessment_outcome_names);
    std::unordered_map<std::int64_t, std::size_t> first_row;
    first_row.reserve(n);
    constexpr auto rejected = returns::FindingAction::rejected, blanked = returns::FindingAction::blanked, kept = returns::FindingAction::kept;
    const std::string table = "contacts";

    for (std::size_t i = 0; i < n; ++i) {
      bool reject = false;
      auto no = [&](std::string_view column, std::string problem) {
        finding(table, i, column, "", std::move(problem), rejected);
        reject = true;
      };
      const std::int64_t day = c_.date[i];
      if (c_.contact[i] == nat) no("contact", "the contact has no id");
      if (c_.child[i] == nat) no("child", "the contact names no child");
      if (day == nat) {
        no("date", "the contact has no date");
      } else if (!cal_.covers(day)) {
        finding(table, i, "date", format_days(day), format_days(day) + " is outside " + p_.calendar.range_text(), rejected);
        reject = true;
      } else if (after_as_of(day) && !reject) {
        k.use[i] = static_cast<std::uint8_t>(RowUse::after_as_of);
        continue;
      }
      if (c_.contact[i] != nat) {
        auto [it, fresh] = first_row.emplace(c_.contact[i], i);
        if (!fresh) no("contact", "the contact id repeats that of row " + row_number("contacts", it->second));
      }
      const std::int32_t agency_code = c_.agency.at(i);
      if (agency_code < 0) {
        no("agency", "the contact names no source agency");
      } else if (agency_of[static_cast<std::size_t>(agency_code)] < 0) {
        const std::string& name = c_.agency.values[static_cast<std::size_t>(agency_code)];
        finding(table, i, "agency", name,
                "unknown agency " + quote(name) +
                    ": not a safeguarding partner, relevant agency or other referral source of the partnership",
                rejected);
        reject = true;
      }
      std::int64_t decided_on = c_.decision_date.empty() ? nat : c_.decision_date[i];
      if (decided_on != nat && !cal_.covers(decided_on)) {
        finding(table, i, "decision_date", format_days(decided_on),
                format_days(decided_on) + " is outside " + p_.calendar.range_text(), rejected);
        reject = true;
      } else if (decided_on != nat && day != nat && decided_on < day) {
        finding(table, i, "decision_date", format_days(decided_on),
                "decided on " + format_days(decided_on) + ", before the contact on " + format_days(day), rejected);
        reject = true;
      }
      if (reject) {
        k.use[i] = static_cast<std::uint8_t>(RowUse::rejected);
        continue;
      }

      // A used contact: its agency, the version in force, levels, the decision and the assessment.
      k.agency[i] = agency_of[static_cast<std::size_t>(agency_code)];
      const auto version = version_on(day);
      if (version) k.version[i] = static_cast<std::int32_t>(*version);
      // A decision after the as-of date is not yet made: its level and outcome are not yet known either.
      const bool decided_later = after_as_of(decided_on);
      if (decided_later) decided_on = nat;
      const bool decided = decided_on != nat;
      k.decision_date[i] = decided_on;

      auto level = [&](const Codes& column, const LevelLookup& lookup, std::string_view name, std::int32_t& out_level,
                       std::int8_t& out_rank, bool needs_decision) {
        const std::int32_t code = column.at(i);
        if (code < 0) return;
        const std::string& value = column.values[static_cast<std::size_t>(code)];
        if (needs_decision && decided_later) return;
        if (needs_decision && !decided) {
          finding(table, i, name, value, "a decided level without a decision date: treated as not decided", blanked);
          return;
        }
        if (!version) {
          finding(table, i, name, value,
                  "no version of the threshold document is in force on " + format_days(day) + " (the first, " +
                      quote(r_.versions.front().id) + ", is in force from " + to_iso(r_.versions.front().from) + ")",
                  blanked);
          return;
        }
        const std::int8_t rank = lookup.rank[*version][static_cast<std::size_t>(code)];
        if (rank < 0) {
          finding(table, i, name, value,
                  quote(value) + " is not a level of the threshold document in force on " + format_days(day) + " (" +
                      version_text(*version) + ")",
                  blanked);
          return;
        }
        out_rank = rank;
        out_level = lookup.index[static_cast<std::size_t>(code)];
      };
      level(c_.referrer_level, referrer_lookup, "referrer_level", k.referrer_level[i], k.referrer_rank[i], false);
      level(c_.decided_level, decided_lookup, "decided_level", k.decided_level[i], k.decided_rank[i], true);

      if (const std::int32_t code = c_.outcome.at(i); code >= 0 && !decided_later) {
        const std::string& value = c_.outcome.values[static_cast<std::size_t>(code)];
        const std::int8_t o = outcome_of[static_cast<std::size_t>(code)];
        if (o < 0)
          finding(table, i, "outcome", value,
                  quote(value) + " is not an outcome (expected one of: " + vocabulary_text(outcome_names) + ")", blanked);
        else if (!decided)
          finding(table, i, "outcome", value, "an outcome without a decision date: treated as not decided", blanked);
        else
          k.outcome[i] = o;
      } else if (decided && code < 0) {
        finding(table, i, "outcome", "",
                "decided on " + format_days(decided_on) + " with no outcome: counted as decided, in no outcome", kept);
      }
      k.referral[i] = k.outcome[i] >= 0 && is_referral(static_cast<Outcome>(k.outcome[i])) ? 1 : 0;
      assessment(i);
    }
    count(k.use, r_.contact_counts);
  }

  /// The assessment of a used contact: only a referral is assessed by children's social care, on or
  /// after the decision; an outcome goes with its date.
  void assessment(std::size_t i) {
    auto& k = r_.contacts;
    const std::string table = "contacts";
    constexpr auto blanked = returns::FindingAction::blanked;
    const std::int64_t given = c_.assessment_date.empty() ? nat : c_.assessment_date[i];
    const std::int32_t code = c_.assessment_outcome.at(i);
    const std::string value = code < 0 ? std::string() : c_.assessment_outcome.values[static_cast<std::size_t>(code)];
    if (given == nat) {
      if (code >= 0)
        finding(table, i, "assessment_outcome", value, "an assessment outcome without an assessment date", blanked);
      return;
    }
    if (after_as_of(given)) return;  // not yet known
    const std::int64_t decided_on = k.decision_date[i];
    std::string problem;
    if (!cal_.covers(given))
      problem = format_days(given) + " is outside " + p_.calendar.range_text();
    else if (!k.referral[i])
      problem = "an assessment of a contact that was not referred to children's social care" +
                std::string(k.outcome[i] >= 0 ? " (outcome " + quote(outcome_names[static_cast<std::size_t>(k.outcome[i])]) + ")"
                                             : " (no outcome)");
    else if (given < decided_on)
      problem = "assessed on " + format_days(given) + ", before the decision on " + format_days(decided_on);
    if (!problem.empty()) {
      finding(table, i, "assessment_date", format_days(given), problem + ": the assessment is not counted", blanked);
      return;
    }
    k.assessment_date[i] = given;
    if (code < 0) {
      finding(table, i, "assessment_outcome", "",
              "assessed on " + format_days(given) + " with no outcome: counted as assessed, in no outcome",
              returns::FindingAction::kept);
      return;
    }
    const std::int8_t a = assessment_codes_[static_cast<std::size_t>(code)];
    if (a < 0)
      finding(table, i, "assessment_outcome", value,
              quote(value) + " is not an assessment outcome (expected one of: " + vocabulary_text(assessment_outcome_names) + ")",
              blanked);
    else
      k.assessment_outcome[i] = a;
  }

  static void count(const std::vector<std::uint8_t>& use, RowCounts& counts) {
    counts.read = static_cast<std::int64_t>(use.size());
    for (std::uint8_t u : use) {
      if (u == static_cast<std::uint8_t>(RowUse::used)) ++counts.used;
      else if (u == static_cast<std::uint8_t>(RowUse::after_as_of)) ++counts.after_as_of;
      else ++counts.rejected;
    }
  }

  /// Used contacts in order of (child, date, row).
  void index_children() {
    const auto& k = r_.contacts;
    by_child_.clear();
    for (std::size_t i = 0; i < k.use.size(); ++i)
      if (k.use[i] == static_cast<std::uint8_t>(RowUse::used)) by_child_.push_back(i);
    std::sort(by_child_.begin(), by_child_.end(), [&](std::size_t a, std::size_t b) {
      if (c_.child[a] != c_.child[b]) return c_.child[a] < c_.child[b];
      if (c_.date[a] != c_.date[b]) return c_.date[a] < c_.date[b];
      return a < b;
    });
  }

  /// Re-referrals as the CIN census counts them (previous_referrals, re_referrals.hpp), among the
  /// used contacts that are referrals.
  void re_referrals() {
    auto& k = r_.contacts;
    std::vector<std::size_t> rows;
    std::vector<std::int64_t> child, day;
    for (std::size_t i = 0; i < k.use.size(); ++i)
      if (k.use[i] == static_cast<std::uint8_t>(RowUse::used) && k.referral[i]) {
        rows.push_back(i);
        child.push_back(c_.child[i]);
        day.push_back(c_.date[i]);
      }
    const std::vector<std::int64_t> previous = previous_referrals(child, day);
    for (std::size_t j = 0; j < rows.size(); ++j)
      if (previous[j] >= 0) {
        k.re_referral[rows[j]] = 1;
        k.previous_referral[rows[j]] = static_cast<std::int64_t>(rows[static_cast<std::size_t>(previous[j])]);
      }
  }

  /// The decision's timeliness from the engine: a clock-start event on the contact's date and a
  /// stop event on the decision's, one case per contact.
  void decisions() {
    const Rule& rule = catalogue_.rule(options_.decision_rule);
    if (rule.start.empty() || rule.stop.empty())
      throw Error("front door: the decision rule " + quote(rule.id) + " needs a start and a stop event");
    const auto start = static_cast<std::int32_t>(*catalogue_.event_index(rule.start.front()));
    const auto stop = static_cast<std::int32_t>(*catalogue_.event_index(rule.stop.front()));
    auto& k = r_.contacts;
    std::vector<std::int64_t> case_id, time, contact_row;
    std::vector<std::int32_t> event;
    for (std::size_t i = 0; i < k.use.size(); ++i) {
      if (k.use[i] != static_cast<std::uint8_t>(RowUse::used)) continue;
      case_id.push_back(static_cast<std::int64_t>(i));
      event.push_back(start);
      time.push_back(c_.date[i]);
      contact_row.push_back(static_cast<std::int64_t>(i));
      if (k.decision_date[i] != nat) {
        case_id.push_back(static_cast<std::int64_t>(i));
        event.push_back(stop);
        time.push_back(k.decision_date[i]);
        contact_row.push_back(static_cast<std::int64_t>(i));
      }
    }
    if (r_.as_of != nat)
      if (const RuleEdition* e = rule.edition_on(from_days(r_.as_of)); e != nullptr) r_.decision_timescale = e->timescale_text();
    if (case_id.empty()) return;
    const timeliness::EventsView events{case_id, event, time, {}, {}};
    timeliness::EngineOptions options;
    options.calendar = p_.calendar;
    options.as_of = r_.as_of == nat ? std::nullopt : std::optional<std::int64_t>(r_.as_of);
    options.rules = {rule.id};
    options.threads = 1;
    const timeliness::EngineResult result = timeliness::compute(catalogue_, events, options);
    const auto rule_index = static_cast<std::int32_t>(*catalogue_.rule_index(rule.id));
    const auto& in = result.instances;
    for (std::size_t x = 0; x < in.size(); ++x) {
      if (in.rule[x] != rule_index || in.sequence[x] != 1) continue;
      const auto row = static_cast<std::size_t>(contact_row[static_cast<std::size_t>(in.start_row[x])]);
      k.decision_status[row] = static_cast<std::int8_t>(in.status[x]);
      k.decision_working_days[row] = in.duration_working_days[x];
    }
  }

  void steps() {
    const std::size_t m = s_.size();
    auto& t = r_.steps;
    t.use.assign(m, static_cast<std::uint8_t>(RowUse::used));
    t.date.assign(s_.date.begin(), s_.date.end());
    t.contact_row.assign(m, -1);
    t.version.assign(m, -1);
    t.from_level.assign(m, -1);
    t.to_level.assign(m, -1);
    t.direction.assign(m, 0);
    t.allowed.assign(m, 0);
    t.to_early_help.assign(m, 0);
    t.re_escalation.assign(m, not_applicable);
    t.re_escalation_date.assign(m, nat);
    t.followed_up.assign(m, 0);
    const LevelLookup from(s_.from_level, r_.versions, r_.levels);
    const LevelLookup to(s_.to_level, r_.versions, r_.levels);
    std::unordered_map<std::int64_t, std::size_t> contact_by_id;
    const auto& k = r_.contacts;
    for (std::size_t i : by_child_) contact_by_id.emplace(c_.contact[i], i);
    constexpr auto rejected = returns::FindingAction::rejected;
    const std::string table = "steps";

    for (std::size_t j = 0; j < m; ++j) {
      bool reject = false;
      auto no = [&](std::string_view column, std::string value, std::string problem) {
        finding(table, j, column, std::move(value), std::move(problem), rejected);
        reject = true;
      };
      const std::int64_t day = s_.date[j];
      const std::int64_t child = s_.child[j];
      if (child == nat) no("child", "", "the step names no child");
      if (day == nat) {
        no("date", "", "the step has no date");
      } else if (!cal_.covers(day)) {
        no("date", format_days(day), format_days(day) + " is outside " + p_.calendar.range_text());
      } else if (after_as_of(day) && !reject) {
        t.use[j] = static_cast<std::uint8_t>(RowUse::after_as_of);
        continue;
      }
      // The contact it follows.
      std::int64_t contact_row = -1;
      const std::int64_t named = s_.contact.empty() ? nat : s_.contact[j];
      if (named != nat) {
        auto it = contact_by_id.find(named);
        if (it == contact_by_id.end())
          no("contact", "", "no contact in use has this id (the contact was not given, was rejected or is dated after the as-of date)");
        else if (child != nat && c_.child[it->second] != child)
          no("contact", "", "the contact (row " + row_number("contacts", it->second) + ") is about another child");
        else if (day != nat && c_.date[it->second] > day)
          no("contact", "", "the contact (row " + row_number("contacts", it->second) + ", " + format_days(c_.date[it->second]) + ") is after the step");
        else
          contact_row = static_cast<std::int64_t>(it->second);
      } else if (child != nat && day != nat) {
        // The child's latest contact on or before the step's date.
        auto it = std::upper_bound(by_child_.begin(), by_child_.end(), std::pair<std::int64_t, std::int64_t>{child, day},
                                   [&](const std::pair<std::int64_t, std::int64_t>& key, std::size_t row) {
                                     return key.first != c_.child[row] ? key.first < c_.child[row] : key.second < c_.date[row];
                                   });
        if (it != by_child_.begin() && c_.child[*std::prev(it)] == child)
          contact_row = static_cast<std::int64_t>(*std::prev(it));
        else
          no("child", "", "the child has no contact on or before the step's date " + format_days(day));
      }
      // The levels, in the version in force on the step's date.
      std::optional<std::size_t> version;
      if (day != nat && cal_.covers(day)) {
        version = version_on(day);
        if (!version)
          no("date", format_days(day), "no version of the threshold document is in force on " + format_days(day));
      }
      std::int8_t ranks[2] = {-1, -1};
      const Codes* columns[2] = {&s_.from_level, &s_.to_level};
      const LevelLookup* lookups[2] = {&from, &to};
      const std::string_view names[2] = {"from_level", "to_level"};
      for (int side = 0; side < 2; ++side) {
        const std::int32_t code = columns[side]->at(j);
        if (code < 0) {
          no(names[side], "", side == 0 ? "the step has no level to step from" : "the step has no level to step to");
          continue;
        }
        if (!version) continue;
        const std::string& value = columns[side]->values[static_cast<std::size_t>(code)];
        ranks[side] = lookups[side]->rank[*version][static_cast<std::size_t>(code)];
        if (ranks[side] < 0)
          no(names[side], value, quote(value) + " is not a level of the threshold document in force on " + format_days(day) +
                                     " (" + version_text(*version) + ")");
      }
      if (!reject && ranks[0] == ranks[1])
        no("to_level", s_.to_level.values[static_cast<std::size_t>(s_.to_level.at(j))], "not a step: the levels are the same");
      if (reject) {
        t.use[j] = static_cast<std::uint8_t>(RowUse::rejected);
        continue;
      }
      const ThresholdVersion& v = r_.versions[*version];
      const LevelOfNeed& a = v.levels[static_cast<std::size_t>(ranks[0])];
      const LevelOfNeed& b = v.levels[static_cast<std::size_t>(ranks[1])];
      t.contact_row[j] = contact_row;
      t.version[j] = static_cast<std::int32_t>(*version);
      t.from_level[j] = from.index[static_cast<std::size_t>(s_.from_level.at(j))];
      t.to_level[j] = to.index[static_cast<std::size_t>(s_.to_level.at(j))];
      t.direction[j] = ranks[1] > ranks[0] ? 1 : -1;
      t.allowed[j] = v.allows(a.id, b.id) ? 1 : 0;
      if (!t.allowed[j]) {
        const auto& list = t.direction[j] > 0 ? a.step_up : a.step_down;
        std::string listed;
        for (const auto& id : list) listed += (listed.empty() ? "" : ", ") + quote(id);
        finding(table, j, "to_level", b.id,
                "the threshold document in force (" + quote(v.title.empty() ? v.id : v.title) + ") does not list a " +
                    (t.direction[j] > 0 ? "step-up" : "step-down") + " from " + quote(a.id) + " to " + quote(b.id) + " (" +
                    (listed.empty() ? "it lists none" : "it lists " + listed) + "): counted, and reported",
                returns::FindingAction::kept);
      }
      t.to_early_help[j] = t.direction[j] < 0 && a.kind == NeedKind::social_care && b.kind == NeedKind::early_help ? 1 : 0;
    }
    (void)k;
    count(t.use, r_.step_counts);
  }

  /// A step-down to early help is re-escalated when, within 12 months after it, the child is
  /// referred again or stepped up to a social care level; it is followed up when those 12 months
  /// have passed by the as-of date (until then, a step-down not yet re-escalated is awaiting).
  void re_escalations() {
    auto& t = r_.steps;
    const auto& k = r_.contacts;
    // Per child, in order of date: referral days and step-ups into social care.
    std::vector<std::pair<std::int64_t, std::int64_t>> events;  // (child, day)
    for (std::size_t i : by_child_)
      if (k.referral[i]) events.emplace_back(c_.child[i], c_.date[i]);
    for (std::size_t j = 0; j < t.use.size(); ++j)
      if (t.use[j] == static_cast<std::uint8_t>(RowUse::used) && t.direction[j] > 0 &&
          r_.level_kinds[static_cast<std::size_t>(t.to_level[j])] == NeedKind::social_care)
        events.emplace_back(s_.child[j], s_.date[j]);
    std::sort(events.begin(), events.end());
    for (std::size_t j = 0; j < t.use.size(); ++j) {
      if (!t.to_early_help[j]) continue;
      const std::int64_t child = s_.child[j], day = s_.date[j];
      const std::int64_t limit = support::add_months_to_days(day, 12);
      const bool followed = r_.as_of != nat && limit <= r_.as_of;
      t.followed_up[j] = followed ? 1 : 0;
      auto it = std::upper_bound(events.begin(), events.end(), std::pair<std::int64_t, std::int64_t>{child, day});
      if (it != events.end() && it->first == child && it->second <= limit) {
        t.re_escalation[j] = 1;
        t.re_escalation_date[j] = it->second;
      } else {
        t.re_escalation[j] = followed ? 0 : awaiting;
      }
    }
  }

  const Partnership& p_;
  const Contacts& c_;
  const Steps& s_;
  const RuleCatalogue& catalogue_;
  const Options& options_;
  const safeguarding::detail::CalendarTable& cal_;
  std::unordered_map<std::string, std::int32_t> source_index_;
  std::vector<std::size_t> by_child_;
  std::vector<std::int8_t> assessment_codes_;
  Records r_;
};

}  // namespace detail

/// Checks and resolves the records against the partnership (its agencies and referral sources, its
/// threshold document, its calendar) and times each decision with `catalogue`'s decision rule.
/// Throws Error for columns of different lengths or codes outside their values; every problem with
/// a row is a finding in the result.
inline Records prepare(const Partnership& partnership, const Contacts& contacts, const Steps& steps,
                       const RuleCatalogue& catalogue, const Options& options = {}) {
  return detail::Preparer(partnership, contacts, steps, catalogue, options).run();
}

// ---- measures ------------------------------------------------------------------------------

/// What is counted (docs/thresholds.md, "The measures"):
///  * decisions: contacts, decided, met, late, overdue, open (the decision rule's statuses), not_judged;
///  * volumes: contacts, referrals, re_referrals;
///  * conversion: contacts, referrals, assessments, plans (child in need or child protection), cin, cp;
///  * assessment_outcomes: assessments, nfa, early_help, cin, cp, looked_after, other, not_recorded;
///  * agreement: contacts, rated (both levels known), agree, over (the referrer's level above the
///    decided one), under; and the value kappa (Cohen's, over the rated contacts);
///  * reliance: contacts, decided, nfa, advice, early_help, resolved_below (the three before),
///    referred, no_outcome;
///  * steps: steps, step_ups, step_downs, not_allowed, to_early_help (step-downs from social care to
///    early help), re_escalated (within 12 months: a referral or a step-up into social care),
///    awaiting (not re-escalated, 12 months not yet passed), followed_up (12 months passed by the
///    as-of date) and re_escalated_followed_up (of those, re-escalated: the rate's numerator).
/// Contacts are placed in a period by their date; steps by theirs.
enum class Measure : std::uint8_t { decisions, volumes, conversion, assessment_outcomes, agreement, reliance, steps };
inline constexpr std::array<std::string_view, 7> measure_names = {
    "decisions", "volumes", "conversion", "assessment_outcomes", "agreement", "reliance", "steps"};

/// Which level a table is grouped by: for contacts the decided level or the referrer's; for steps
/// the level stepped from (decided) or to (referrer's is not used: to).
enum class LevelKey : std::uint8_t { none, decided, referrer };

struct Grouping {
  timeliness::SummaryPeriod period = timeliness::SummaryPeriod::all;
  bool agency = false;
  LevelKey level = LevelKey::none;
  bool version = false;
};

/// Counts per cell (a period and the grouping's keys), one element per non-empty cell, in order of
/// period then keys.
struct Table {
  std::vector<std::int64_t> period;        // the period's first day; empty with Period::all
  std::vector<std::string> key_names;      // "agency" (Records::sources), "level" (Records::levels), "version", ...
  std::vector<std::vector<std::int32_t>> keys;  // -1: none (no level known)
  std::vector<std::string> count_names;
  std::vector<std::vector<std::int64_t>> counts;
  std::vector<std::string> value_names;
  std::vector<std::vector<double>> values;

  [[nodiscard]] std::size_t size() const noexcept { return counts.empty() ? 0 : counts.front().size(); }
  /// A count column by name; an Error naming the columns there are when it is not one of them.
  [[nodiscard]] const std::vector<std::int64_t>& count(std::string_view name) const {
    for (std::size_t c = 0; c < count_names.size(); ++c)
      if (count_names[c] == name) return counts[c];
    std::string list;
    for (const auto& n : count_names) list += (list.empty() ? "" : ", ") + n;
    throw Error("no count " + quote(name) + " in the table (its counts: " + list + ")");
  }
};

namespace detail {

struct KeyColumn {
  std::string name;
  const std::vector<std::int32_t>* codes;
  std::int32_t cardinality;
};

using support::month_number;

/// Counts `columns` counters per cell over the rows with `include` set: `add(row, counts)` adds a
/// row's contribution to its cell's counters.
template <class Add>
Table tally(std::span<const std::int64_t> dates, const std::vector<std::uint8_t>& include, timeliness::SummaryPeriod period,
            const std::vector<KeyColumn>& keys, std::vector<std::string> count_names, Add add) {
  const std::size_t n = include.size();
  const std::size_t columns = count_names.size();
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
  if (period != timeliness::SummaryPeriod::all)
    for (std::size_t i = 0; i < n; ++i)
      if (include[i]) {
        const std::int64_t m = month_number(dates[i]);
        lo = std::min(lo, m);
        hi = std::max(hi, m);
      }
  const std::int64_t step = period == timeliness::SummaryPeriod::month ? 1 : period == timeliness::SummaryPeriod::quarter ? 3 : 12;
  const std::int64_t first = lo > hi ? 0 : support::floor_div(lo, step) * step;
  const std::int64_t slots = period == timeliness::SummaryPeriod::all || lo > hi ? 1 : (hi - first) / step + 1;
  std::int64_t cells = slots;
  for (const KeyColumn& k : keys) cells *= k.cardinality + 1;
  if (cells * static_cast<std::int64_t>(columns) > 100'000'000)
    throw Error("front door: too many cells (" + std::to_string(cells) + "); group more coarsely");
  std::vector<std::int64_t> counts(static_cast<std::size_t>(cells) * columns, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!include[i]) continue;
    std::int64_t cell = period == timeliness::SummaryPeriod::all ? 0 : (month_number(dates[i]) - first) / step;
    for (const KeyColumn& k : keys) {
      const std::int32_t code = (*k.codes)[i];
      cell = cell * (k.cardinality + 1) + (code < 0 ? k.cardinality : code);
    }
    add(i, counts.data() + static_cast<std::size_t>(cell) * columns);
  }
  Table out;
  for (const KeyColumn& k : keys) out.key_names.push_back(k.name);
  out.keys.assign(keys.size(), {});
  out.count_names = std::move(count_names);
  out.counts.assign(columns, {});
  for (std::int64_t cell = 0; cell < cells; ++cell) {
    const std::int64_t* c = counts.data() + static_cast<std::size_t>(cell) * columns;
    if (std::all_of(c, c + columns, [](std::int64_t v) { return v == 0; })) continue;
    std::int64_t rest = cell;
    for (std::size_t k = keys.size(); k-- > 0;) {
      const std::int64_t radix = keys[k].cardinality + 1;
      const auto code = static_cast<std::int32_t>(rest % radix);
      out.keys[k].push_back(code == keys[k].cardinality ? -1 : code);
      rest /= radix;
    }
    if (period != timeliness::SummaryPeriod::all) {
      out.period.push_back(support::first_day_of_month(first + rest * step));
    }
    for (std::size_t col = 0; col < columns; ++col) out.counts[col].push_back(c[col]);
  }
  return out;
}

}  // namespace detail

/// The count columns of a measure, in order.
inline std::vector<std::string> measure_columns(Measure m) {
  switch (m) {
    case Measure::decisions:
      return {"contacts", "decided", "met", "late", "overdue", "open", "not_judged"};
    case Measure::volumes:
      return {"contacts", "referrals", "re_referrals"};
    case Measure::conversion:
      return {"contacts", "referrals", "assessments", "plans", "cin", "cp"};
    case Measure::assessment_outcomes:
      return {"assessments", "nfa", "early_help", "cin", "cp", "looked_after", "other", "not_recorded"};
    case Measure::agreement:
      return {"contacts", "rated", "agree", "over", "under"};
    case Measure::reliance:
      return {"contacts", "decided", "nfa", "advice", "early_help", "resolved_below", "referred", "no_outcome"};
    case Measure::steps:
      return {"steps",        "step_ups", "step_downs",  "not_allowed",
              "to_early_help", "re_escalated", "awaiting", "followed_up", "re_escalated_followed_up"};
  }
  return {};
}

namespace detail {

inline bool used(std::uint8_t use) noexcept { return use == static_cast<std::uint8_t>(RowUse::used); }

/// The grouping's key columns for the contacts (or, with `steps`, for the steps).
struct Keys {
  std::vector<std::int32_t> agency, level, version;
  std::vector<KeyColumn> columns;

  Keys(const Records& r, const Grouping& g, bool steps) {
    if (steps) {
      const auto& t = r.steps;
      if (g.agency) {
        agency.resize(t.use.size(), -1);
        for (std::size_t j = 0; j < t.use.size(); ++j)
          if (t.contact_row[j] >= 0) agency[j] = r.contacts.agency[static_cast<std::size_t>(t.contact_row[j])];
      }
      if (g.level != LevelKey::none) level = g.level == LevelKey::decided ? t.from_level : t.to_level;
      if (g.version) version = t.version;
    } else {
      const auto& k = r.contacts;
      if (g.agency) agency = k.agency;
      if (g.level != LevelKey::none) level = g.level == LevelKey::decided ? k.decided_level : k.referrer_level;
      if (g.version) version = k.version;
    }
    if (g.agency) columns.push_back({"agency", &agency, static_cast<std::int32_t>(r.sources.size())});
    if (g.level != LevelKey::none)
      columns.push_back({steps ? (g.level == LevelKey::decided ? "from_level" : "to_level")
                               : (g.level == LevelKey::decided ? "level" : "referrer_level"),
                         &level, static_cast<std::int32_t>(r.levels.size())});
    if (g.version) columns.push_back({"version", &version, static_cast<std::int32_t>(r.versions.size())});
  }
};

inline std::vector<std::uint8_t> used_rows(const std::vector<std::uint8_t>& use) {
  std::vector<std::uint8_t> out(use.size());
  for (std::size_t i = 0; i < use.size(); ++i) out[i] = used(use[i]) ? 1 : 0;
  return out;
}

/// Cohen's kappa of a square table of counts (n × n, row-major): (p_o - p_e) / (1 - p_e), NaN
/// when there is nothing to rate or chance alone agrees fully.
inline double kappa(const std::vector<std::int64_t>& table, std::size_t n) {
  std::int64_t total = 0, diagonal = 0;
  std::vector<std::int64_t> rows(n, 0), cols(n, 0);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      const std::int64_t v = table[a * n + b];
      total += v;
      rows[a] += v;
      cols[b] += v;
      if (a == b) diagonal += v;
    }
  if (total == 0) return std::numeric_limits<double>::quiet_NaN();
  const double t = static_cast<double>(total);
  double expected = 0;
  for (std::size_t a = 0; a < n; ++a) expected += (static_cast<double>(rows[a]) / t) * (static_cast<double>(cols[a]) / t);
  const double observed = static_cast<double>(diagonal) / t;
  if (expected >= 1.0) return std::numeric_limits<double>::quiet_NaN();
  return (observed - expected) / (1.0 - expected);
}

}  // namespace detail

/// The referrer's level against the decided level, counted per cell of the grouping: a table keyed
/// by the grouping's keys then "referrer_level" and "decided_level", with the count "contacts".
/// Only contacts with both levels known (in the same version: the one in force on their date).
inline Table confusion(const Records& r, const Grouping& g) {
  const auto& k = r.contacts;
  detail::Keys keys(r, g, false);
  std::vector<detail::KeyColumn> columns = keys.columns;
  const auto levels = static_cast<std::int32_t>(r.levels.size());
  columns.push_back({"referrer_level", &k.referrer_level, levels});
  columns.push_back({"decided_level", &k.decided_level, levels});
  std::vector<std::uint8_t> rated(k.use.size());
  for (std::size_t i = 0; i < rated.size(); ++i)
    rated[i] = detail::used(k.use[i]) && k.referrer_rank[i] >= 0 && k.decided_rank[i] >= 0 ? 1 : 0;
  return detail::tally(k.date, rated, g.period, columns, {"contacts"}, [](std::size_t, std::int64_t* c) { ++c[0]; });
}

/// A measure counted per cell of the grouping (see Measure).
inline Table tabulate(const Records& r, Measure m, const Grouping& g) {
  const bool on_steps = m == Measure::steps;
  detail::Keys keys(r, g, on_steps);
  const auto& k = r.contacts;
  const auto& t = r.steps;
  const auto include = detail::used_rows(on_steps ? t.use : k.use);
  const std::span<const std::int64_t> dates = on_steps ? std::span<const std::int64_t>(t.date) : std::span<const std::int64_t>(k.date);
  auto run = [&](auto add) { return detail::tally(dates, include, g.period, keys.columns, measure_columns(m), add); };
  auto assessment_is = [&](std::size_t i, AssessmentOutcome a) { return k.assessment_outcome[i] == static_cast<std::int8_t>(a); };
  auto outcome_is = [&](std::size_t i, Outcome o) { return k.outcome[i] == static_cast<std::int8_t>(o); };
  switch (m) {
    case Measure::decisions:
      return run([&](std::size_t i, std::int64_t* c) {
        ++c[0];
        if (k.decision_date[i] != nat) ++c[1];
        const std::int8_t status = k.decision_status[i];
        ++c[status >= 0 && status <= 3 ? 2 + status : 6];
      });
    case Measure::volumes:
      return run([&](std::size_t i, std::int64_t* c) {
        ++c[0];
        c[1] += k.referral[i];
        c[2] += k.re_referral[i];
      });
    case Measure::conversion:
      return run([&](std::size_t i, std::int64_t* c) {
        ++c[0];
        c[1] += k.referral[i];
        if (k.assessment_date[i] == nat) return;
        ++c[2];
        const bool cin = assessment_is(i, AssessmentOutcome::cin), cp = assessment_is(i, AssessmentOutcome::cp);
        c[3] += cin || cp ? 1 : 0;
        c[4] += cin ? 1 : 0;
        c[5] += cp ? 1 : 0;
      });
    case Measure::assessment_outcomes:
      return run([&](std::size_t i, std::int64_t* c) {
        if (k.assessment_date[i] == nat) return;
        ++c[0];
        const std::int8_t a = k.assessment_outcome[i];
        ++c[a >= 0 ? 1 + a : 7];
      });
    case Measure::agreement: {
      Table out = run([&](std::size_t i, std::int64_t* c) {
        ++c[0];
        const std::int8_t a = k.referrer_rank[i], b = k.decided_rank[i];
        if (a < 0 || b < 0) return;
        ++c[1];
        ++c[a == b ? 2 : a > b ? 3 : 4];
      });
      // Kappa per cell, from the cell's confusion table.
      const Table table = confusion(r, g);
      const std::size_t n = r.levels.size(), prefix = keys.columns.size();
      std::map<std::vector<std::int64_t>, std::vector<std::int64_t>> matrices;
      for (std::size_t row = 0; row < table.size(); ++row) {
        std::vector<std::int64_t> cell;
        if (!table.period.empty()) cell.push_back(table.period[row]);
        for (std::size_t key = 0; key < prefix; ++key) cell.push_back(table.keys[key][row]);
        auto& matrix = matrices[cell];
        if (matrix.empty()) matrix.assign(n * n, 0);
        matrix[static_cast<std::size_t>(table.keys[prefix][row]) * n + static_cast<std::size_t>(table.keys[prefix + 1][row])] +=
            table.counts[0][row];
      }
      out.value_names = {"kappa"};
      out.values.assign(1, {});
      for (std::size_t row = 0; row < out.size(); ++row) {
        std::vector<std::int64_t> cell;
        if (!out.period.empty()) cell.push_back(out.period[row]);
        for (std::size_t key = 0; key < prefix; ++key) cell.push_back(out.keys[key][row]);
        auto it = matrices.find(cell);
        out.values[0].push_back(it == matrices.end() ? std::numeric_limits<double>::quiet_NaN() : detail::kappa(it->second, n));
      }
      return out;
    }
    case Measure::reliance:
      return run([&](std::size_t i, std::int64_t* c) {
        ++c[0];
        if (k.decision_date[i] == nat) return;
        ++c[1];
        if (k.outcome[i] < 0) {
          ++c[7];
          return;
        }
        const bool nfa = outcome_is(i, Outcome::nfa), advice = outcome_is(i, Outcome::advice),
                   early = outcome_is(i, Outcome::early_help);
        c[2] += nfa ? 1 : 0;
        c[3] += advice ? 1 : 0;
        c[4] += early ? 1 : 0;
        c[5] += nfa || advice || early ? 1 : 0;
        c[6] += k.referral[i];
      });
    case Measure::steps:
      return run([&](std::size_t j, std::int64_t* c) {
        ++c[0];
        ++c[t.direction[j] > 0 ? 1 : 2];
        c[3] += t.allowed[j] ? 0 : 1;
        if (!t.to_early_help[j]) return;
        ++c[4];
        const std::int8_t e = t.re_escalation[j];
        c[5] += e == 1 ? 1 : 0;
        c[6] += e == awaiting ? 1 : 0;
        if (!t.followed_up[j]) return;
        ++c[7];
        c[8] += e == 1 ? 1 : 0;
      });
  }
  throw Error("front door: unknown measure");
}

// ---- referral rates ------------------------------------------------------------------------

/// The number of children (aged 0 to 17) in the area in a year: `year` is the calendar year the
/// partnership's year ends in (with years from April, 2015 is April 2014 to March 2015: "the year
/// ended March 2015").
struct Population {
  std::int32_t year = 0;
  std::int64_t children = 0;
};

/// Referrals per 10,000 children in one year, and its change on the year before and since the
/// first year with a rate (percent; NaN when either rate is unknown).
struct ReferralRate {
  std::int32_t year = 0;
  Date first, last;
  std::int64_t referrals = 0;
  std::int64_t children = 0;  // 0 when no population figure was given
  double rate = std::numeric_limits<double>::quiet_NaN();
  double change_on_previous = std::numeric_limits<double>::quiet_NaN();
  double change_since_first = std::numeric_limits<double>::quiet_NaN();
  bool complete = true;  // false when the year had not ended by the as-of date
};

/// The year (by the calendar year it ends in) holding a serial day, for years starting in `year_start`.
inline std::int32_t year_of(std::int64_t day, unsigned year_start) {
  const auto c = support::civil_from_days(day);
  return static_cast<std::int32_t>(year_start != 1 && c.month >= year_start ? c.year + 1 : c.year);
}

/// Referrals (contacts decided as referrals, by the contact's date) per 10,000 children, for every
/// year with referrals or a population figure, in order. `year_start` is the month years start in
/// (the partnership's, usually April).
inline std::vector<ReferralRate> referral_rates(const Records& r, unsigned year_start, std::span<const Population> population) {
  if (year_start < 1 || year_start > 12) throw Error("referral rates: there is no month " + std::to_string(year_start));
  std::map<std::int32_t, std::int64_t> children;
  Problems problems;
  for (const Population& p : population) {
    const std::string where = "population of " + std::to_string(p.year);
    if (p.children <= 0) problems.add(where, "the number of children must be positive, got " + std::to_string(p.children));
    if (!children.emplace(p.year, p.children).second) problems.add(where, "given twice");
  }
  problems.throw_if_any("referral rates");
  std::map<std::int32_t, std::int64_t> referrals;
  const auto& k = r.contacts;
  for (std::size_t i = 0; i < k.use.size(); ++i)
    if (detail::used(k.use[i]) && k.referral[i]) ++referrals[year_of(k.date[i], year_start)];
  std::vector<std::int32_t> years;
  for (const auto& [y, n] : referrals) years.push_back(y);
  for (const auto& [y, n] : children) years.push_back(y);
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  std::vector<ReferralRate> out;
  double first_rate = std::numeric_limits<double>::quiet_NaN();
  for (std::int32_t y : years) {
    ReferralRate row;
    row.year = y;
    row.first = year_start == 1 ? Date(static_cast<unsigned short>(y), 1, 1)
                                : Date(static_cast<unsigned short>(y - 1), static_cast<unsigned short>(year_start), 1);
    row.last = add_days(add_months(row.first, 12), -1);
    row.referrals = referrals.count(y) ? referrals[y] : 0;
    row.children = children.count(y) ? children[y] : 0;
    row.complete = r.as_of != nat && to_days(row.last) <= r.as_of;
    if (row.children > 0) row.rate = static_cast<double>(row.referrals) * 10000.0 / static_cast<double>(row.children);
    if (!out.empty() && !std::isnan(out.back().rate) && out.back().year == y - 1 && !std::isnan(row.rate))
      row.change_on_previous = (row.rate / out.back().rate - 1.0) * 100.0;
    if (std::isnan(first_rate) && !std::isnan(row.rate)) first_rate = row.rate;
    if (!std::isnan(row.rate)) row.change_since_first = (row.rate / first_rate - 1.0) * 100.0;
    out.push_back(row);
  }
  return out;
}

}  // namespace safeguarding::inline v0::front_door
