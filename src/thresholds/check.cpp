// The checks of a threshold document on its own (its versions, levels and the moves between them).
#include "safeguarding/thresholds.hpp"

#include <unordered_map>

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void check_thresholds(const Thresholds& t, const std::string& prefix, Problems& out) {
  if (t.review_activity.empty()) out.add(prefix + "/review_activity", "the activity type is empty");
  std::unordered_map<std::string, std::size_t> version_ids;
  for (std::size_t v = 0; v < t.versions.size(); ++v) {
    const ThresholdVersion& version = t.versions[v];
    const std::string at = prefix + "/versions/" + std::to_string(v);
    if (version.id.empty())
      out.add(at + "/id", "the id is empty");
    else if (auto [it, fresh] = version_ids.emplace(version.id, v); !fresh)
      out.add(at + "/id", "duplicate version id " + quote(version.id) + " (first at " + prefix + "/versions/" +
                              std::to_string(it->second) + "/id)");
    if (version.from.is_special()) {
      out.add(at + "/from", "missing: the date the version came into force");
    } else if (v > 0 && !t.versions[v - 1].from.is_special() && version.from <= t.versions[v - 1].from) {
      out.add(at + "/from", "versions must be in order of their dates: " + to_iso(version.from) + " is not after " +
                                to_iso(t.versions[v - 1].from) + ", the date of " + quote(t.versions[v - 1].id));
    }
    if (!version.builtin.empty()) {
      const auto* builtin = builtin_levels(version.builtin);
      if (builtin == nullptr)
        out.add(at + "/levels", quote(version.builtin) + " is not a built-in set of levels (expected " +
                                    std::string(london_continuum_key) + ")");
      else if (*builtin != version.levels)
        out.add(at + "/levels", "the levels differ from the built-in " + quote(version.builtin) +
                                    " levels they are said to be (clear `builtin` to give levels of its own)");
      continue;  // the built-in levels are known to be good
    }
    if (version.levels.empty()) out.add(at + "/levels", "a version needs at least one level of need");
    for (std::size_t i = 1; i < version.levels.size(); ++i)
      if (version.levels[i].kind < version.levels[i - 1].kind)
        out.add(at + "/levels/" + std::to_string(i) + "/kind",
                "levels go from universal through early help to social care, but " + quote(version.levels[i].id) +
                    " comes after " + quote(version.levels[i - 1].id) + ", a level of a later kind");
    std::unordered_map<std::string, std::size_t> rank;
    for (std::size_t i = 0; i < version.levels.size(); ++i) {
      const std::string& id = version.levels[i].id;
      if (id.empty())
        out.add(at + "/levels/" + std::to_string(i) + "/id", "the id is empty");
      else if (auto [it, fresh] = rank.emplace(id, i); !fresh)
        out.add(at + "/levels/" + std::to_string(i) + "/id",
                "duplicate level " + quote(id) + " (first at " + at + "/levels/" + std::to_string(it->second) + "/id)");
    }
    for (std::size_t i = 0; i < version.levels.size(); ++i) {
      const LevelOfNeed& level = version.levels[i];
      const std::string here = at + "/levels/" + std::to_string(i);
      auto moves = [&](const std::vector<std::string>& list, std::string_view field, bool up) {
        for (std::size_t k = 0; k < list.size(); ++k) {
          const std::string where = here + "/" + std::string(field) + "/" + std::to_string(k);
          const auto it = rank.find(list[k]);
          if (it == rank.end())
            out.add(where, "unknown level " + quote(list[k]) + " (the levels of this version are " +
                               version.level_list() + ")");
          else if (up && it->second <= i)
            out.add(where, quote(list[k]) + " is not above " + quote(level.id) + ": a step-up goes to a higher level");
          else if (!up && it->second >= i)
            out.add(where, quote(list[k]) + " is not below " + quote(level.id) + ": a step-down goes to a lower level");
        }
      };
      moves(level.step_up, "step_up", true);
      moves(level.step_down, "step_down", false);
    }
  }
}

}  // namespace safeguarding::inline v0::detail
