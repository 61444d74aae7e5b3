// The test partnership of the thresholds and front-door tests: partners la, ccg and police;
// agencies school and gp; "public" as another referral source; a threshold document with version
// "2019" (four levels: l1 universal, l2 early help, l3 children in need, l4 acute) and, from 1
// October 2019, "2019b" (five: an intensive early help "l2plus" between l2 and l3). Acute need (l4)
// steps down to l3 only.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fixture {

inline nlohmann::json level(const char* id, const char* kind, std::vector<std::string> up,
                            std::vector<std::string> down) {
  return nlohmann::json{
      {"id", id}, {"name", std::string("Level ") + id}, {"kind", kind}, {"step_up", up}, {"step_down", down}};
}

/// The partnership from `start`, its threshold document's first version in force from `first`.
inline nlohmann::json partnership(const char* start, const char* first) {
  using nlohmann::json;
  const json four =
      json::array({level("l1", "universal", {"l2", "l3", "l4"}, {}), level("l2", "early-help", {"l3", "l4"}, {"l1"}),
                   level("l3", "social-care", {"l4"}, {"l2", "l1"}), level("l4", "social-care", {}, {"l3"})});
  const json five =
      json::array({level("l1", "universal", {"l2", "l2plus", "l3", "l4"}, {}),
                   level("l2", "early-help", {"l2plus", "l3", "l4"}, {"l1"}),
                   level("l2plus", "early-help", {"l3", "l4"}, {"l2", "l1"}),
                   level("l3", "social-care", {"l4"}, {"l2plus", "l2"}), level("l4", "social-care", {}, {"l3"})});
  return json{
      {"name", "Test Partnership"},
      {"edition", "WT2018"},
      {"start", start},
      {"partners",
       {{{"id", "la"}, {"name", "Test Council"}, {"kind", "local-authority"}},
        {{"id", "ccg"}, {"name", "Test CCG"}, {"kind", "ccg"}},
        {{"id", "police"}, {"name", "Test Police"}, {"kind", "police"}}}},
      {"agencies",
       {{{"id", "school"}, {"name", "Test schools"}, {"sector", "education"}},
        {{"id", "gp"}, {"name", "Test GPs"}, {"sector", "health"}}}},
      {"thresholds",
       {{"other_sources", {{{"id", "public"}, {"name", "Members of the public"}}}},
        {"versions",
         {{{"id", "2019"}, {"title", "Thresholds (2019)"}, {"from", first}, {"levels", four}},
          {{"id", "2019b"}, {"title", "Thresholds (October 2019)"}, {"from", "2019-10-01"}, {"levels", five}}}}}}};
}

}  // namespace fixture
