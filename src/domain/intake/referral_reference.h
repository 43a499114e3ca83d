// Human referral references ("MY-2026-000123") and when two referrals are of the same crime and
// victim: the rules the intake applies when it creates a referral, whichever store holds it.
#pragma once

#include <cstdint>
#include <string>

#include "domain/intake/referral_records.h"
#include "domain/result.h"

namespace vg::intake {

// A prefix names the area and year ("MY-2026-"); without one a referral cannot be numbered.
Result<void> check_reference_prefix(const std::string& prefix);
// "MY-2026-" and 123 -> "MY-2026-000123"; numbers past 999999 simply grow a digit.
std::string reference_for(const std::string& prefix, std::int64_t number);
// Whether force, crime reference and victim are all known, so duplicates can be recognised.
bool has_crime_reference(const StoredReferral& referral);

}  // namespace vg::intake
