// The case timeliness engine (docs/timeliness.md), by layer:
//  * timeliness/events.hpp   the input (Events, EventsView) and the names of statuses, findings, row uses;
//  * timeliness/engine.hpp   compute(): EngineOptions, EngineResult, Instances, describe();
//  * timeliness/summary.hpp  summarise(): counts by rule, period and group, with percentiles;
//  * timeliness/bands.hpp    bands(): outcome bands against their targets.
#pragma once

#include "safeguarding/timeliness/bands.hpp"
#include "safeguarding/timeliness/engine.hpp"
#include "safeguarding/timeliness/events.hpp"
#include "safeguarding/timeliness/summary.hpp"
