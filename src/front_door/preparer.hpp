// Preparing the front door's records (private): the checks and resolution of each row, one named
// step per part, sharing the partnership's look-ups.
// Its include guard follows its includes (header-only mode: docs/architecture.md).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "safeguarding/front_door/prepare.hpp"

#ifndef SAFEGUARDING_SRC_FRONT_DOOR_PREPARER_HPP
#define SAFEGUARDING_SRC_FRONT_DOOR_PREPARER_HPP

namespace safeguarding::inline v0::front_door::detail {

/// "2019-10-01", or "no date".
std::string day_text(std::int64_t day);

/// Column lengths and codes: a caller's mistake, an Error naming the column.
void check_columns(const Contacts& c, const Steps& s);

/// The level ids of every version in one order: the latest version's, with a level only older
/// versions have placed after the level that precedes it there; `kinds` gets each level's kind.
std::vector<std::string> level_order(const std::vector<ThresholdVersion>& versions, std::vector<NeedKind>& kinds);

/// Each value of a text column as a word of a vocabulary (-1 when it is none of them).
template <std::size_t N>
std::vector<std::int8_t> vocabulary_codes(const Codes& column, const std::array<std::string_view, N>& names) {
  std::vector<std::int8_t> out(column.values.size(), -1);
  for (std::size_t k = 0; k < column.values.size(); ++k)
    for (std::size_t i = 0; i < N; ++i)
      if (names[i] == column.values[k]) out[k] = static_cast<std::int8_t>(i);
  return out;
}

/// Each value of a level column resolved against each version: rank per (version, code), and the
/// index in `levels` per code.
struct LevelLookup {
  std::vector<std::vector<std::int8_t>> rank;  // [version][code]
  std::vector<std::int32_t> index;             // [code]
  LevelLookup(const Codes& column, const std::vector<ThresholdVersion>& versions,
              const std::vector<std::string>& levels);
};

inline bool used(std::uint8_t use) noexcept {
  return use == static_cast<std::uint8_t>(RecordUse::used);
}

class Preparer {
 public:
  Preparer(const Partnership& p, const Contacts& c, const Steps& s, const RuleCatalogue& catalogue,
           const FrontDoorOptions& o);
  Records run();

 private:
  void add_source(const std::string& id, const std::string& name);
  std::string row_number(std::string_view table, std::size_t position) const;
  void finding(std::string_view table, std::size_t row, std::string_view column, std::string value, std::string problem,
               returns::FindingAction action);
  std::optional<std::size_t> version_on(std::int64_t day) const;
  std::string version_text(std::size_t v) const;
  std::string outside_text(std::int64_t day) const;
  void as_of();
  bool after_as_of(std::int64_t day) const { return r_.as_of != nat && day > r_.as_of; }
  static void count(const std::vector<std::uint8_t>& use, RecordCounts& counts);

  // Contacts (contacts.cpp).
  void contacts();
  void reset_contact_columns(std::size_t n);
  RecordUse check_contact(std::size_t i, std::unordered_map<std::int64_t, std::size_t>& first_row,
                          const std::vector<std::int32_t>& agency_of);
  void contact_level(std::size_t i, const Codes& column, const LevelLookup& lookup, std::string_view name,
                     bool needs_decision, bool decided_later);
  void contact_outcome(std::size_t i, const std::vector<std::int8_t>& outcome_of, bool decided_later);
  void assessment(std::size_t i);

  // Referrals and decisions (decisions.cpp).
  void index_children();
  void re_referrals();
  void decisions();

  // Steps (steps.cpp).
  void steps();
  void reset_step_columns(std::size_t m);
  std::int64_t step_contact(std::size_t j);
  bool step_levels(std::size_t j, const LevelLookup& from, const LevelLookup& to, std::optional<std::size_t>& version,
                   std::int8_t (&ranks)[2]);
  void resolve_step(std::size_t j, std::size_t version, const std::int8_t (&ranks)[2], const LevelLookup& from,
                    const LevelLookup& to);
  void re_escalations();

  const Partnership& p_;
  const Contacts& c_;
  const Steps& s_;
  const RuleCatalogue& catalogue_;
  const FrontDoorOptions& options_;
  const support::CalendarTable& cal_;
  std::unordered_map<std::string, std::int32_t> source_index_;
  std::unordered_map<std::int64_t, std::size_t> contact_by_id_;  // used contacts
  std::vector<std::size_t> by_child_;
  std::vector<std::int8_t> assessment_codes_;
  bool reject_ = false;  // the row being checked is rejected
  Records r_;
};

}  // namespace safeguarding::inline v0::front_door::detail

#endif  // SAFEGUARDING_SRC_FRONT_DOOR_PREPARER_HPP
