// When a Victims' Code clock or an onward referral's respond-by date counts as breached, and the
// words of the task that asks the case holder to act on it. Pure: today's London date comes in.
// Never flags a clock that stopped in time, nor one still due today.
#pragma once

#include <string>
#include <string_view>

#include "domain/casework/case_records.h"

namespace vg::casework {

// Breached once the whole of its due day (London) has passed without it being met: a clock due
// on Friday is breached on Saturday, whatever the calendar says about working days, because the
// working days were counted when the date was set.
bool deadline_breached(Date due, Date today);

// "Victims' Code deadline missed: first contact attempt" for a case clock's code.
std::string deadline_breach_title(std::string_view code);
// The task's reason codes: "deadline_breach:first_contact", "onward_breach".
std::string deadline_breach_reason(std::string_view code);
inline constexpr std::string_view kOnwardBreachReason = "onward_breach";

}  // namespace vg::casework
