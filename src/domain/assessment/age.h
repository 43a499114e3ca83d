// A victim's age on a given day, and the age band reports and routing use. Pure date
// arithmetic: `today` is always passed in, never read from a clock.
#pragma once

#include <optional>
#include <string>

#include "domain/assessment/assessment.h"

namespace vg::assessment {

// Completed years between `birth` and `on` (birth <= on, both valid): a birthday counts from the
// day itself. Someone born on 29 February turns a year older on 1 March in common years, as
// English law counts it.
int age_on(Date birth, Date on);

// From the date of birth when it is a real date not after `today`, else the given age when it
// is not negative, else unknown. Businesses have no age.
std::optional<int> victim_age(const Referral& referral, Date today);

// "under_18" | "18_to_64" | "65_and_over" | "unknown".
std::string age_band(std::optional<int> age);

}  // namespace vg::assessment
