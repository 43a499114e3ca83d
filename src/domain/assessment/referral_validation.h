// Field checks a referral must pass before it is assessed or stored (validate_referral, declared
// in assessment.h, is implemented in referral_validation.cpp). Pure checks; they never fix input.
#pragma once

#include "domain/assessment/assessment.h"

namespace vg::assessment {

// The Europe/London calendar date of receipt: the day validate_referral compares incident,
// report, birth and MARAC dates against (a date "today" in London is never "in the future").
Date receipt_date(intake::Instant at);

// The disability codes PersonVictim::disabilities may hold.
bool is_disability_code(std::string_view code);

// validate_referral's checks for a referral whose area has no policy here (the area is missing,
// or not one this gateway serves), so that its other errors are reported with the area's at
// once: everything but what only the area's policy can say (its offence categories, and whether
// the local authority is in the area; that it exists is still checked).
std::vector<FieldError> validate_referral_outside_area(
    const Referral& referral, const std::vector<LocalAuthorityArea>& local_authorities);

}  // namespace vg::assessment
