// The statutory returns: SSDA903 (children looked after, CSV and XML) and the CIN census (XML),
// read into columnar tables with every data-quality problem reported (see docs/returns.md).
#pragma once

#include "safeguarding/returns/cin_census.hpp"
#include "safeguarding/returns/csv.hpp"
#include "safeguarding/returns/measures.hpp"
#include "safeguarding/returns/ssda903.hpp"
#include "safeguarding/returns/table.hpp"
