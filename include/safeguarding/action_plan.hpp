// Action plans (an inspection's improvement plan, an audit's actions): each action has an owner, a
// target date, perhaps a completion date and a declared progress, and a RAG rating as of a date,
// computed from those by the rule below (seed 003 item 13: Red not on track, Amber concern, Green
// on track, Blue completed).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "safeguarding/calendar.hpp"
#include "safeguarding/support/calendar_table.hpp"
#include "safeguarding/support/column_checks.hpp"

namespace safeguarding::inline v0 {

enum class Rag : std::uint8_t { red, amber, green, blue };
inline constexpr std::array<std::string_view, 4> rag_names = {"Red", "Amber", "Green", "Blue"};

/// Progress as the action's owner declared it at the last update.
enum class Progress : std::uint8_t { unknown, on_track, concern, not_on_track };
inline constexpr std::array<std::string_view, 4> progress_names = {"unknown", "on_track", "concern", "not_on_track"};

/// Why an action has its rating: the first rule that applied, in this order.
enum class RagReason : std::uint8_t {
  completed,              // Blue: completed on or before the as-of date
  declared_not_on_track,  // Red: the owner says it is not on track
  past_target,            // Red: the target date has passed and it is not completed
  declared_concern,       // Amber: the owner reports a concern
  no_target,              // Amber: no target date and no progress declared (Green when declared on track)
  target_near,            // Amber: the target is within the warning window and no progress is declared
  on_track,               // Green: declared on track, or the target is further away than the window
};
inline constexpr std::array<std::string_view, 7> rag_reason_names = {
    "completed on or before the as-of date",
    "declared not on track",
    "past its target date and not completed",
    "declared a concern",
    "no target date and no progress declared",
    "target date within the warning window and no progress declared",
    "on track"};

struct RagRating {
  Rag rag;
  RagReason reason;
};

/// The RAG rule, on serial days (`nat` for no target or not completed). The first
/// that applies gives the rating:
///  1. completed on or before `as_of`                                  → Blue
///  2. declared not on track                                           → Red
///  3. a target before `as_of` and not completed by then               → Red
///  4. declared a concern                                              → Amber
///  5. no target: Green if declared on track, otherwise                → Amber
///  6. target within `warning` working days after `as_of`, no progress declared → Amber
///  7. otherwise (declared on track, or the target further away)       → Green
/// A completion after `as_of` is not yet known, so the action is rated as open.
inline RagRating rate(std::int64_t target, std::int64_t completed, Progress progress, std::int64_t as_of,
                      const support::CalendarTable& cal, std::int64_t warning) {
  if (completed != nat && completed <= as_of) return {Rag::blue, RagReason::completed};
  if (progress == Progress::not_on_track) return {Rag::red, RagReason::declared_not_on_track};
  if (target != nat && target < as_of) return {Rag::red, RagReason::past_target};
  if (progress == Progress::concern) return {Rag::amber, RagReason::declared_concern};
  if (target == nat)
    return progress == Progress::on_track ? RagRating{Rag::green, RagReason::on_track}
                                          : RagRating{Rag::amber, RagReason::no_target};
  if (progress == Progress::unknown) {
    const std::int64_t left = cal.between(as_of, target);
    if (left == support::CalendarTable::invalid || left <= warning) return {Rag::amber, RagReason::target_near};
  }
  return {Rag::green, RagReason::on_track};
}

/// One action of a plan.
struct PlanAction {
  std::string id;
  std::string title;
  std::string owner;
  std::optional<Date> target;
  std::optional<Date> completed;
  Progress progress = Progress::unknown;
  std::string notes;

  [[nodiscard]] RagRating rating(Date as_of, const Calendar& calendar, std::int64_t warning = 20) const {
    return rate(target ? to_days(*target) : nat, completed ? to_days(*completed) : nat, progress, to_days(as_of),
                calendar.table(), warning);
  }
};

/// The RAG rule over columns: out_rag[i] and out_reason[i] for each action.
inline void rate(std::span<const std::int64_t> target, std::span<const std::int64_t> completed,
                 std::span<const std::uint8_t> progress, std::int64_t as_of, const Calendar& calendar,
                 std::int64_t warning, std::span<std::uint8_t> out_rag, std::span<std::uint8_t> out_reason) {
  const std::size_t n = target.size();
  support::require_same_size(n, completed.size(), "rate");
  support::require_same_size(n, progress.size(), "rate");
  support::require_same_size(n, out_rag.size(), "rate");
  support::require_same_size(n, out_reason.size(), "rate");
  if (!calendar.table().covers(as_of))
    throw Error("as_of " + format_days(as_of) + " is outside " + calendar.range_text());
  for (std::size_t i = 0; i < n; ++i) {
    if (progress[i] >= progress_names.size())
      throw Error("row " + std::to_string(i), std::to_string(progress[i]) + " is not a progress code");
    const RagRating r =
        rate(target[i], completed[i], static_cast<Progress>(progress[i]), as_of, calendar.table(), warning);
    out_rag[i] = static_cast<std::uint8_t>(r.rag);
    out_reason[i] = static_cast<std::uint8_t>(r.reason);
  }
}

}  // namespace safeguarding::inline v0
