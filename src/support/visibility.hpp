// Private: SAFEGUARDING_INTERNAL marks a class of the compiled library's own (never part of its
// interface) as hidden, so that with position-independent code the compiler may still inline its
// member functions into each other (a default-visibility function of a shared object can be
// interposed, so -fPIC calls it through the PLT instead).
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define SAFEGUARDING_INTERNAL __attribute__((visibility("hidden")))
#else
#define SAFEGUARDING_INTERNAL
#endif
