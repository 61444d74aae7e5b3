// The front door's records: contacts to children's social care, the decision on each (the level
// of need decided and the outcome), the assessment that follows a referral, and later steps between
// levels of need; and what `prepare` (front_door/prepare.hpp) made of each row (docs/thresholds.md).
//
// Records come in as plain columns (spans: serial days for dates, integer ids, text columns as
// codes into their distinct values), so a C++ caller needs no Python and the Python layer passes
// its DataFrame's columns without copying them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/returns/table.hpp"
#include "safeguarding/support/nat.hpp"
#include "safeguarding/thresholds.hpp"

namespace safeguarding::inline v0::front_door {

/// A missing date or id is `nat` (support/nat.hpp).

/// The decision on a contact. A contact decided as `social_care`, `assessment` or `s47` is a
/// referral; `nfa`, `advice` and `early_help` resolve it at early help level or below.
enum class Outcome : std::uint8_t { nfa, advice, early_help, social_care, assessment, s47 };
inline constexpr std::array<std::string_view, 6> outcome_names = {"nfa",         "advice",     "early-help",
                                                                  "social-care", "assessment", "s47"};
inline constexpr bool is_referral(Outcome o) noexcept {
  return o >= Outcome::social_care;
}

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

struct FrontDoorOptions {
  /// Records are what was known on this serial day: later contacts and steps are not used, later
  /// decisions and assessments not yet made. Default: the latest date in the records.
  std::optional<std::int64_t> as_of;
  /// The rule of the catalogue that times the decision.
  std::string decision_rule = "referral.decision";
  /// The number by which findings call the first record of each table, in their `where` and in
  /// problems that name another contact: 0 for positions (the default), 2 for a CSV file's records
  /// counting its header as row 1. A finding's `row` is always the position.
  std::int64_t first_contact_row = 0, first_step_row = 0;
};

enum class RecordUse : std::uint8_t { used, after_as_of, rejected };
inline constexpr std::array<std::string_view, 3> record_use_names = {"used", "after_as_of", "rejected"};

/// Rows read, used, dated after the as-of date and rejected: read = used + after_as_of + rejected.
struct RecordCounts {
  std::string table;
  std::int64_t read = 0, used = 0, after_as_of = 0, rejected = 0;
};

/// StepColumns::re_escalation: not a step-down to early help / the 12 months not yet passed; else
/// 1 re-escalated, 0 not.
inline constexpr std::int8_t re_escalation_not_applicable = -2, re_escalation_awaiting = -1;

/// What `prepare` made of each contact (one element per input row).
struct ContactColumns {
  std::vector<std::uint8_t> use;                            // RecordUse
  std::vector<std::int64_t> date;                           // the contact's date
  std::vector<std::int32_t> agency;                         // index into Records::sources; -1 when not used
  std::vector<std::int32_t> version;                        // index into Records::versions; -1 when none is in force
  std::vector<std::int32_t> referrer_level, decided_level;  // index into Records::levels; -1 when none
  std::vector<std::int8_t> referrer_rank, decided_rank;     // place in the version's order; -1 when none
  std::vector<std::int8_t> outcome;                         // Outcome; -1 when none
  std::vector<std::int8_t> assessment_outcome;              // AssessmentOutcome; -1 when none
  std::vector<std::int64_t> decision_date,
      assessment_date;                          // as used: `missing` when none, blanked or later than as of
  std::vector<std::uint8_t> referral;           // decided as a referral
  std::vector<std::uint8_t> re_referral;        // a referral within 12 months of the child's previous one
  std::vector<std::int64_t> previous_referral;  // that previous referral's row; -1
  std::vector<std::int8_t> decision_status;     // timeliness::InstanceStatus of the decision; -1 when not judged
  std::vector<float> decision_working_days;     // from contact to decision; NaN when not decided
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
  std::vector<std::int8_t> re_escalation;  // for those: 1 re-escalated within 12 months, 0 not, or re_escalation_*
  std::vector<std::int64_t> re_escalation_date;  // the step-up or referral that re-escalated it; `missing`
  std::vector<std::uint8_t> followed_up;         // for those: the 12 months after it had passed by the as-of date
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
  RecordCounts contact_counts{"contacts"}, step_counts{"steps"};
  std::int64_t as_of = nat;
  std::string decision_rule;
  std::string decision_timescale;  // the rule's timescale in force on the as-of date ("1 working day")
};

}  // namespace safeguarding::inline v0::front_door
