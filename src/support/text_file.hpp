// Text files as UTF-8 (private to the library's readers): read_bytes, decode, read_text, in
// namespace safeguarding::support. The declarations are, for now, in the transitional public header
// safeguarding/text.hpp, which the returns' readers still include (see there).
#pragma once

#include "safeguarding/text.hpp"
