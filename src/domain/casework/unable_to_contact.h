// When a case becomes "unable to contact": enough failed attempts since the victim was last
// reached, spread over enough working days that they were not all one bad afternoon. Pure rule;
// the area's numbers come in, the caller brings the calendar.
#pragma once

#include <vector>

#include "domain/casework/contact_attempt.h"
#include "domain/deadlines/bank_holidays.h"

namespace vg::casework {

struct UnableToContactPolicy {
  int failed_attempts = 3;     // *default*
  int over_working_days = 2;   // between the first and the last of them, *default*
};

// `attempts` in the order they were made. True when, counting only attempts after the last one
// that made contact, at least `failed_attempts` failed and the first and last of those lie at
// least `over_working_days` working days apart (Europe/London dates).
bool unable_to_contact(const std::vector<ContactAttempt>& attempts,
                       const UnableToContactPolicy& policy,
                       const deadlines::BankHolidayCalendar& calendar);

}  // namespace vg::casework
