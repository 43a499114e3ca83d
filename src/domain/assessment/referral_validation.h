// Field checks a referral must pass before it is assessed or stored (validate_referral, declared
// in assessment.h, is implemented in referral_validation.cpp). Pure checks; they never fix input.
#pragma once

#include "domain/assessment/assessment.h"

namespace vg::assessment {

// The calendar date of an instant in UTC: the day validate_referral compares incident, report,
// birth and MARAC dates against. UTC because the domain has no time-zone database (London time is
// the app's Clock's business); so between midnight and 1am in British Summer Time a date of
// "today" in London is one day after the date checked against.
Date utc_date(intake::Instant at);

// The disability codes PersonVictim::disabilities may hold.
bool is_disability_code(std::string_view code);

}  // namespace vg::assessment
