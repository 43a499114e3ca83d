#include "domain/casework/unable_to_contact.h"

#include "domain/deadlines/working_days.h"

namespace vg::casework {

bool unable_to_contact(const std::vector<ContactAttempt>& attempts,
                       const UnableToContactPolicy& policy,
                       const deadlines::BankHolidayCalendar& calendar) {
  std::vector<const ContactAttempt*> failed;
  for (const auto& a : attempts) {
    if (made_contact(a.outcome)) {
      failed.clear();
    } else {
      failed.push_back(&a);
    }
  }
  if (failed.empty() || static_cast<int>(failed.size()) < policy.failed_attempts) return false;
  const auto first = deadlines::london_date(failed.front()->at);
  const auto last = deadlines::london_date(failed.back()->at);
  return deadlines::working_days_between(calendar, first, last) >= policy.over_working_days;
}

}  // namespace vg::casework
