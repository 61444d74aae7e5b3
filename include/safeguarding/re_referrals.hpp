// Re-referrals: the one definition used by the front door's measures and the CIN census.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "safeguarding/config.hpp"

namespace safeguarding::inline v0 {

/// For each referral (one element per referral: the child's code and the referral's serial day, in
/// any order), the position of the earlier referral that makes it a re-referral, or -1 when it is
/// none. A referral is a re-referral when the same child's latest referral on an earlier day was on
/// or after the date 12 months before it (months clamped to the month's end: a referral on 29
/// February 2020 looks back to 28 February 2019), as DfE's "Characteristics of children in need"
/// statistics count. Referrals of one child on one day share the referral before that day; a
/// referral without a date (`nat`) is never a re-referral and never makes one.
std::vector<std::int64_t> previous_referrals(std::span<const std::int64_t> child, std::span<const std::int64_t> day);

}  // namespace safeguarding::inline v0

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/re_referrals.cpp"
#endif
