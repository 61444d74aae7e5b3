// Thresholds: the levels of need a partnership's threshold document sets ("Pathway to Provision" in
// Haringey, the London "Continuum of Help and Support"), in order from universal services to acute
// need, each with the services that respond and the moves (step-ups and step-downs) it allows; and
// the document's versions with their effective dates, so that a record is judged against the
// version in force on its date. The thresholds are part of a partnership's data (partnership.hpp,
// read and written with the partnership's file); the front-door records and measures are in
// front_door/.
//
// A partnership that gives no threshold document of its own is judged against the built-in London
// Continuum of Help and Support (`london_continuum()`), in force at every date.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"

namespace safeguarding::inline v0 {

/// Which part of the system responds at a level: universal services for every child, early help,
/// or children's social care (children in need, child protection, looked after).
enum class NeedKind : std::uint8_t { universal, early_help, social_care };
inline constexpr std::array<std::string_view, 3> need_kind_names = {"universal", "early-help", "social-care"};

/// One level of need. `step_up` and `step_down` name the levels a child at this level may move to
/// (higher and lower ones); a move the document does not list is reported when records show it.
/// `zone` is the document's own grouping, if it has one ("green", "amber", "red").
struct LevelOfNeed {
  std::string id;
  std::string name;
  std::string description;
  NeedKind kind = NeedKind::universal;
  std::string zone;
  std::vector<std::string> indicators;
  std::vector<std::string> services;  // the services and pathways that respond
  std::vector<std::string> step_up;
  std::vector<std::string> step_down;

  friend bool operator==(const LevelOfNeed&, const LevelOfNeed&) = default;
};

/// A version of the threshold document, in force from `from` until the next version's `from`.
/// `levels` are in order of increasing need. `builtin` names the built-in levels the version adopts
/// ("london-continuum"), which is how it is written back; empty when the levels are its own.
struct ThresholdVersion {
  std::string id;
  std::string title;
  Date from;
  std::string source;
  std::string builtin;
  std::vector<LevelOfNeed> levels;

  /// The level with this id, or nullptr.
  [[nodiscard]] const LevelOfNeed* level(std::string_view level_id) const {
    for (const auto& l : levels)
      if (l.id == level_id) return &l;
    return nullptr;
  }
  /// The level with this id; an Error naming the version's levels when there is none.
  [[nodiscard]] const LevelOfNeed& level_named(std::string_view level_id) const {
    if (const LevelOfNeed* l = level(level_id)) return *l;
    std::string ids;
    for (const auto& l : levels) ids += (ids.empty() ? "" : ", ") + l.id;
    throw Error(quote(level_id) + " is not a level of " + quote(title.empty() ? id : title) + " (its levels: " + ids +
                ")");
  }
  /// The level's place in the order (0 for the lowest), or nullopt.
  [[nodiscard]] std::optional<std::size_t> rank(std::string_view level_id) const {
    for (std::size_t i = 0; i < levels.size(); ++i)
      if (levels[i].id == level_id) return i;
    return std::nullopt;
  }
  /// Whether the document lists the move from one level to another among its step-ups or step-downs.
  [[nodiscard]] bool allows(std::string_view from_level, std::string_view to_level) const {
    const LevelOfNeed* l = level(from_level);
    if (l == nullptr) return false;
    for (const auto& list : {&l->step_up, &l->step_down})
      for (const auto& listed : *list)
        if (listed == to_level) return true;
    return false;
  }
  /// "tier-1, tier-2, tier-3 and tier-4": the level ids, for messages.
  [[nodiscard]] std::string level_list() const {
    std::string out;
    for (std::size_t i = 0; i < levels.size(); ++i)
      out += (i == 0 ? "" : i + 1 == levels.size() ? " and " : ", ") + levels[i].id;
    return out;
  }

  friend bool operator==(const ThresholdVersion&, const ThresholdVersion&) = default;
};

/// Who contacts the front door without being an agency of the partnership: members of the public,
/// family, the child, an anonymous caller, another local authority.
struct ReferralSource {
  std::string id;
  std::string name;

  friend bool operator==(const ReferralSource&, const ReferralSource&) = default;
};

/// The levels of the London Threshold Document, "Continuum of Help and Support": no additional
/// needs (universal), early help (additional needs), complex needs (children in need) and acute need
/// (child protection and care). The descriptions, indicators and services are our summary.
const std::vector<LevelOfNeed>& london_continuum_levels();

inline constexpr std::string_view london_continuum_key = "london-continuum";
inline constexpr std::string_view london_continuum_source =
    "London Safeguarding Children Partnership, London Threshold Document: Continuum of Help and Support (the four "
    "levels as London partnerships publish them; descriptions, indicators and services summarised)";

/// The built-in default: the London continuum, in force at every date.
inline const ThresholdVersion& london_continuum() {
  static const ThresholdVersion version{std::string(london_continuum_key),
                                        "London Continuum of Help and Support (built-in default)",
                                        Date(1970, 1, 1),
                                        std::string(london_continuum_source),
                                        std::string(london_continuum_key),
                                        london_continuum_levels()};
  return version;
}

/// The built-in levels by key ("london-continuum"), or nullptr.
inline const std::vector<LevelOfNeed>* builtin_levels(std::string_view key) {
  return key == london_continuum_key ? &london_continuum_levels() : nullptr;
}

/// A partnership's threshold document: its versions (in order of their effective dates), the
/// group or role that keeps it up to date, the activity type its reviews are recorded as (each
/// version's effective date counts as one, so that a duty with that activity is met or breached by
/// the versions too: compliance.hpp), and the referral sources that are not agencies.
struct Thresholds {
  std::string document;
  std::string owner;
  std::string review_activity = "threshold-review";
  std::vector<ReferralSource> other_sources;
  std::vector<ThresholdVersion> versions;

  /// The versions records are judged against: the document's own, or the built-in London continuum
  /// when it has none.
  [[nodiscard]] const std::vector<ThresholdVersion>& effective_versions() const {
    static const std::vector<ThresholdVersion> fallback{london_continuum()};
    return versions.empty() ? fallback : versions;
  }

  /// The index in `effective_versions()` of the version in force on `d` (the last one from on or
  /// before it), or nullopt before the first.
  [[nodiscard]] std::optional<std::size_t> in_force_index(Date d) const {
    const auto& list = effective_versions();
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < list.size(); ++i)
      if (!list[i].from.is_special() && list[i].from <= d) found = i;
    return found;
  }
  [[nodiscard]] const ThresholdVersion* in_force(Date d) const {
    const auto i = in_force_index(d);
    return i ? &effective_versions()[*i] : nullptr;
  }

  friend bool operator==(const Thresholds&, const Thresholds&) = default;
};

namespace detail {

/// The problems of a threshold document on its own (JSON pointers under `prefix`, "/thresholds"):
/// versions in order of their dates with unique ids, levels with unique ids, step-ups to higher and
/// step-downs to lower levels of the same version. References to the partnership (the owner,
/// source ids) are checked by Partnership::problems.
void check_thresholds(const Thresholds& t, const std::string& prefix, Problems& out);

}  // namespace detail

/// A version of the threshold document as JSON: its levels by name when it adopts built-in ones
/// ("london-continuum"), unless `expand` asks for them in full (src/json/thresholds.cpp).
std::string threshold_version_to_json(const ThresholdVersion& version, bool expand = false, int indent = 2);

}  // namespace safeguarding::inline v0

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/json/thresholds.cpp"
#include "src/thresholds/check.cpp"
#include "src/thresholds/london_continuum.cpp"
#endif
