// Build configuration shared by every header.
//
// * The ABI namespace. Everything the library declares lives in `safeguarding::inline v0`, written
//   `namespace safeguarding::inline v0 { … }` (C++20 nested inline namespaces). Code names it as
//   `safeguarding::…`; the linker sees `safeguarding::v0::…`, so two releases whose ABI differ cannot
//   be mixed silently in one program. The namespace changes whenever the ABI does.
//
// * Compiled or header-only. By default the heavy parts (the timeliness engine, compliance, the JSON
//   and returns readers, the front door) are compiled once into the `safeguarding::safeguarding`
//   library (src/*.cpp) and the headers only declare them; the calendar arithmetic and the small
//   value types stay in the headers. Defining SAFEGUARDING_HEADER_ONLY (the CMake option of the same
//   name does it for you) makes each header include its definitions instead, marked `inline`
//   through SAFEGUARDING_FUNC, so that nothing needs to be built or linked beyond the headers.
#pragma once

#if defined(SAFEGUARDING_HEADER_ONLY)
#define SAFEGUARDING_FUNC inline
#else
#define SAFEGUARDING_FUNC
#endif
