// The Victims' Code clocks a referral starts, by the area's service levels: the police's referral
// to the gateway (from the day the crime was reported), first contact (sooner for enhanced
// rights, the same day for high risk) and the needs assessment, all in working days.
#pragma once

#include <vector>

#include "domain/assessment/assessment.h"
#include "domain/deadlines/bank_holidays.h"
#include "domain/deadlines/working_days.h"
#include "domain/intake/referral.h"
#include "domain/routing/rule_set.h"

namespace vg::deadlines {

// police_referral (only when reported, with the date reported), first_contact, needs_assessment.
std::vector<Deadline> victims_code_deadlines(const routing::ServiceLevels& levels,
                                             const intake::Referral& referral,
                                             const assessment::Assessment& assessment,
                                             const BankHolidayCalendar& calendar);

}  // namespace vg::deadlines
