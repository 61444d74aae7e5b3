// The tests build and inspect documents with nlohmann/json; the library takes and gives JSON text.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string_view>

#include "safeguarding/partnership.hpp"

namespace test_json {

/// A partnership from a document built in the test.
inline safeguarding::Partnership partnership_from_document(const nlohmann::json& j, std::string_view source = {},
                                                           const std::filesystem::path& base_dir = {}) {
  return safeguarding::partnership_from_json(j.dump(), source, base_dir);
}

/// The partnership's canonical JSON as a document.
inline nlohmann::json partnership_document(const safeguarding::Partnership& p) {
  return nlohmann::json::parse(safeguarding::partnership_to_json(p));
}

}  // namespace test_json
