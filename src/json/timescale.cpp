// A timescale read from a JSON document ("15 working days"): the one Cursor method that needs
// Timescale whole, kept apart from reader.cpp so that reader.hpp needs only its declaration (in
// header-only mode timescale.hpp includes this source at its end; reader.hpp is read inside
// timescale.hpp, through the calendar's sources, before Timescale is declared).
#include "safeguarding/timescale.hpp"

#include <optional>
#include <string>

#include "reader.hpp"

namespace safeguarding::inline v0::json {

SAFEGUARDING_FUNC std::optional<Timescale> Cursor::timescale(bool required) const {
  return parsed<Timescale>("a timescale such as \"15 working days\"", required,
                           [](const std::string& s) { return Timescale::parse(s); });
}

}  // namespace safeguarding::inline v0::json
