// The statutory returns: SSDA903 (children looked after, CSV and XML) and the CIN census (XML),
// read into columnar tables with every data-quality problem reported, and their measures; Annex A's
// checks (see docs/returns.md). Link safeguarding::returns (find_package(safeguarding COMPONENTS
// returns)).
#pragma once

#include "safeguarding/returns/annex_a/checks.hpp"
#include "safeguarding/returns/cin_census/load.hpp"
#include "safeguarding/returns/cin_census/measures.hpp"
#include "safeguarding/returns/cin_census/tables.hpp"
#include "safeguarding/returns/counting.hpp"
#include "safeguarding/returns/events.hpp"
#include "safeguarding/returns/report_json.hpp"
#include "safeguarding/returns/reporting_year.hpp"
#include "safeguarding/returns/ssda903/load.hpp"
#include "safeguarding/returns/ssda903/measures.hpp"
#include "safeguarding/returns/ssda903/tables.hpp"
#include "safeguarding/returns/table.hpp"
#include "safeguarding/returns/timeliness_measure.hpp"
