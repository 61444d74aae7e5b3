// JSON reading and writing for every concept (kept apart so the core headers do not need nlohmann).
#pragma once

#include "safeguarding/json/calendar.hpp"
#include "safeguarding/json/reader.hpp"
#include "safeguarding/json/partnership.hpp"
#include "safeguarding/json/rules.hpp"
