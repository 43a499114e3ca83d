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

}  // namespace vg::assessment
