// An area's MARAC meeting schedule, read from config/areas/AREA/marac.json (the weekday it meets,
// or its listed dates, and how many working days before a meeting referrals must arrive). Reads
// only the text it is given; never guesses a schedule from a file it cannot read.
#pragma once

#include <string_view>

#include "domain/casework/marac_schedule.h"
#include "domain/result.h"

namespace vg::app {

// {"meeting_weekday": "thursday", "meeting_dates": ["2026-12-10"], "referral_working_days_before":
// 3,
//  "description": "..."}; every member optional (absent: the default). Every problem at once, at
// its JSON path; an unknown member is one.
Result<casework::MaracSchedule> parse_marac_schedule(std::string_view json);

}  // namespace vg::app
