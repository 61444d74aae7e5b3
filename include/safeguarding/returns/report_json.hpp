// The statutory returns report's JSON: each return's part of `safeguarding returns --format json`
// (the returns loaded, the reporting year and why, the row accounting, every data-quality finding
// and every measure, each measure the data cannot give named as not computable with its reason), and
// the report around the parts. Written once, here: the command (through the Python bindings) and the
// browser page (web/) write these same bytes. Nothing is computed that the measures do not give;
// these functions arrange their results. See docs/reports.md ("Not computable") and docs/web.md.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "safeguarding/calendar.hpp"
#include "safeguarding/config.hpp"
#include "safeguarding/returns/cin_census/load.hpp"
#include "safeguarding/returns/reporting_year.hpp"
#include "safeguarding/returns/ssda903/load.hpp"
#include "safeguarding/rules.hpp"

namespace safeguarding::inline v0::returns {

/// The reporting year a report gives a return, and why: the year given, else the SSDA903's latest
/// return's year (the last loaded of those with the latest year) or the census's Year.
struct ReportYear {
  ReportingYear year;
  std::string why;  // "given", "the latest return's year, from …", "the census's Year"
};
ReportYear report_year(const ssda903::Ssda903& loaded, const std::optional<ReportingYear>& given);
ReportYear report_year(const cin_census::CinCensus& census, const std::optional<ReportingYear>& given);

/// The SSDA903's part of the report, as one JSON object (no indentation): "return", "returns_loaded",
/// "year", "year_from", "rows", "finding_count", "findings", "measures" (reviews in timescale with
/// their citations, months and overdue instances; participation; looked after at 31 March; three or
/// more placements; placement counts; reasons ceased; missing episodes).
std::string ssda903_report_json(const ssda903::Ssda903& loaded, const ReportYear& year, const RuleCatalogue& catalogue,
                                const Calendar& calendar);
/// A CIN census's part of the report (`file` as the caller names it): "return", "file", "collection",
/// "census_year", "year", "year_from", the rows and findings, and its measures (assessments, initial
/// and review conferences; re-referrals, NFA referrals, plans of two years or more, second or later plans).
std::string cin_census_report_json(const cin_census::CinCensus& census, std::string_view file, const ReportYear& year,
                                   const RuleCatalogue& catalogue, const Calendar& calendar);

/// The report around its parts (each a JSON object as the functions above give it, or the caller's
/// own: an Annex A workbook's): "as_of" (`as_of`, serial day, or null for nat), "calendar", "target"
/// (null for none), "returns" (the parts, in order) and "files_not_read" (file and why). `indent` as
/// nlohmann's dump: -1 for one line.
std::string report_json(std::span<const std::string> parts, std::int64_t as_of, std::string_view calendar,
                        std::optional<double> target,
                        std::span<const std::pair<std::string, std::string>> files_not_read, int indent = -1);

}  // namespace safeguarding::inline v0::returns

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/returns/report_json.cpp"
#endif
