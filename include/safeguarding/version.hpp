// The one place the project's version is written; CMake and the Python package read it from here.
#pragma once

#define SAFEGUARDING_VERSION_MAJOR 0
#define SAFEGUARDING_VERSION_MINOR 1
#define SAFEGUARDING_VERSION_PATCH 0

#define SAFEGUARDING_STRINGIFY_IMPL(x) #x
#define SAFEGUARDING_STRINGIFY(x) SAFEGUARDING_STRINGIFY_IMPL(x)

namespace safeguarding::inline v0 {
inline constexpr int version_major = SAFEGUARDING_VERSION_MAJOR;
inline constexpr int version_minor = SAFEGUARDING_VERSION_MINOR;
inline constexpr int version_patch = SAFEGUARDING_VERSION_PATCH;
inline constexpr const char* version_string =
    SAFEGUARDING_STRINGIFY(SAFEGUARDING_VERSION_MAJOR) "." SAFEGUARDING_STRINGIFY(
        SAFEGUARDING_VERSION_MINOR) "." SAFEGUARDING_STRINGIFY(SAFEGUARDING_VERSION_PATCH);
}  // namespace safeguarding::inline v0
