// The whole library: `#include <safeguarding/safeguarding.hpp>`.
#pragma once

#include "safeguarding/action_plan.hpp"
#include "safeguarding/calendar.hpp"
#include "safeguarding/compliance.hpp"
#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/front_door.hpp"
#include "safeguarding/holiday.hpp"
#include "safeguarding/partnership.hpp"
#include "safeguarding/re_referrals.hpp"
#include "safeguarding/returns.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/timeliness.hpp"
#include "safeguarding/timescale.hpp"
#include "safeguarding/vectorised.hpp"
#include "safeguarding/version.hpp"
