// Calendars in JSON, on parsed documents (private): for readers that meet a calendar inside another
// document (a partnership's inline calendar).
#pragma once

#include <string_view>

#include "reader.hpp"
#include "safeguarding/calendar.hpp"

namespace safeguarding::inline v0::json {

/// The project's calendar format (docs/calendar.md) from a parsed document.
Calendar calendar_from_document(const Document& document, std::string_view source);
/// A calendar in the project's format, listing every holiday.
Document calendar_document(const Calendar& calendar);

}  // namespace safeguarding::inline v0::json
