// The test threshold documents' levels: four (l1 universal, l2 early help, l3 children in need, l4
// acute), and five with an intensive early help "l2plus" between l2 and l3. Acute need (l4) steps
// down to l3 only.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace test_levels {

inline nlohmann::json level(const char* id, const char* kind, std::vector<std::string> up, std::vector<std::string> down) {
  return nlohmann::json{{"id", id}, {"name", std::string("Level ") + id}, {"kind", kind}, {"step_up", up}, {"step_down", down}};
}

inline nlohmann::json four() {
  return nlohmann::json::array({level("l1", "universal", {"l2", "l3", "l4"}, {}), level("l2", "early-help", {"l3", "l4"}, {"l1"}),
                                level("l3", "social-care", {"l4"}, {"l2", "l1"}), level("l4", "social-care", {}, {"l3"})});
}

inline nlohmann::json five() {
  return nlohmann::json::array({level("l1", "universal", {"l2", "l2plus", "l3", "l4"}, {}),
                                level("l2", "early-help", {"l2plus", "l3", "l4"}, {"l1"}),
                                level("l2plus", "early-help", {"l3", "l4"}, {"l2", "l1"}),
                                level("l3", "social-care", {"l4"}, {"l2plus", "l2"}), level("l4", "social-care", {}, {"l3"})});
}

}  // namespace test_levels
