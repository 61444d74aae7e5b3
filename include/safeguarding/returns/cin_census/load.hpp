// Reading the CIN census (children in need and child protection), XML: one table per repeated
// element (cin_census/tables.hpp), every value it cannot read reported with its element path.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "safeguarding/config.hpp"
#include "safeguarding/returns/cin_census/tables.hpp"
#include "safeguarding/returns/table.hpp"
#include "safeguarding/support/nat.hpp"

namespace safeguarding::inline v0::returns::cin_census {

/// Everything read from one CIN census file, and its header's collection details.
struct CinCensus {
  Dataset data;
  std::string collection;             // Header/CollectionDetails/Collection
  std::string year;                   // Header/CollectionDetails/Year
  std::int64_t reference_date = nat;  // Header/CollectionDetails/ReferenceDate (serial day)
};

/// Reads a CIN census XML file. A file that cannot be parsed (missing, a folder, malformed or
/// truncated XML) is an Error naming the file, line and column; every other problem is a finding.
/// Dates are read as `options` say (ReadOptions: day or month first, checked per column). Records
/// given twice (the same child's referral, assessment, plan or review with the same date) are
/// merged into the first, with a finding.
CinCensus load(const std::filesystem::path& path, const ReadOptions& options = {});

}  // namespace safeguarding::inline v0::returns::cin_census

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/returns/cin_census/load.cpp"
#include "src/returns/cin_census/reader.cpp"
#endif
