// The front door: contacts to children's social care, the decision on each (the level of need
// decided and the outcome: no further action, advice, early help, a referral to social care, an
// assessment, a strategy discussion and section 47 enquiry), the assessment that follows a
// referral, and later step-ups and step-downs between levels of need; and the measures a
// partnership reads by month, quarter, agency and level (docs/thresholds.md).
//
//  * front_door/records.hpp: the input columns and what `prepare` made of each row;
//  * front_door/prepare.hpp: the input tables (CSV files or a caller's columns) and `prepare`;
//  * front_door/measures.hpp: `tabulate` (any measure by period, agency, level and threshold
//    version, with its percentages), the confusion of levels and `referral_rates`.
#pragma once

#include "safeguarding/front_door/measures.hpp"
#include "safeguarding/front_door/prepare.hpp"
#include "safeguarding/front_door/records.hpp"
