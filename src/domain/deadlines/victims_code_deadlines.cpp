#include "domain/deadlines/victims_code_deadlines.h"

namespace vg::deadlines {

std::vector<Deadline> victims_code_deadlines(const routing::ServiceLevels& levels,
                                             const intake::Referral& referral,
                                             const assessment::Assessment& assessment,
                                             const BankHolidayCalendar& calendar) {
  std::vector<Deadline> out;
  if (referral.reported_to_police && referral.date_reported) {
    // Counted from the day it was reported, which has no time of day: due at its end.
    const int n = levels.police_referral_working_days;
    const auto due = add_working_days(calendar, *referral.date_reported, n);
    out.push_back({"police_referral", due, end_of_london_day(due), n});
  }
  const int first_contact = assessment.risk.level == intake::RiskLevel::kHigh
                                ? levels.first_contact_high_risk_working_days
                            : assessment.enhanced() ? levels.first_contact_enhanced_working_days
                                                    : levels.first_contact_working_days;
  out.push_back(working_day_deadline(calendar, "first_contact", referral.received_at, first_contact));
  out.push_back(working_day_deadline(calendar, "needs_assessment", referral.received_at,
                                     levels.needs_assessment_working_days));
  return out;
}

}  // namespace vg::deadlines
