// Retention of a case's personal data: which rule of the schedule applies to a case (by how it
// ended), the day its personal data is due for erasure, and how long the MARAC history the repeat
// rule reads is kept after that. Pure: today is passed in, never read; holds stop nothing here
// but due-ness (the job still checks a hold inside the erasing transaction).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vg::protection {

using Date = std::chrono::year_month_day;

enum class RetentionRule {
  kNoService,        // the referral led to no service: declined, moved away
  kUnableToContact,  // the victim could not be contacted
  kSupported,        // support given (completed, referred on, or closed otherwise)
};
std::string_view to_code(RetentionRule rule);  // "no_service" | "unable_to_contact" | "supported"

// The schedule (docs/data-protection.md): DOMAIN.md's defaults, configurable.
struct RetentionPeriods {
  int no_service_weeks = 6;
  int unable_to_contact_months = 6;
  int supported_years = 6;
  // The repeat rule (assessment/marac.h) looks back 12 months for a MARAC referral.
  int marac_history_months = 12;
};

// What the decision reads about one case.
struct RetentionFacts {
  std::optional<std::string> close_reason;  // a CloseReason code; nullopt while the case is open
  std::optional<Date> closed_on;            // London date
  Date last_contact_on{};                   // the case's last activity (London date)
  std::optional<Date> last_marac_referral;  // the latest MARAC referral or its date on record
  bool held = false;                        // a legal hold is in force
};

struct RetentionDecision {
  std::optional<RetentionRule> rule;  // nullopt: an open case is kept
  std::optional<Date> erase_on;       // the first day its personal data may be erased
  bool due = false;                   // erase_on has come and no hold is in force
  // Kept (codes and dates only) through this day, for the repeat rule; nullopt: nothing to keep.
  std::optional<Date> keep_marac_until;
};

// The rule of a closed case: "unable_to_contact" → kUnableToContact; "declined_support" and
// "moved_out_of_area" → kNoService; any other reason → kSupported (erased after its last contact).
RetentionRule retention_rule(std::string_view close_reason);

// `date` plus `months` calendar months; a month-end that does not exist (31 February) becomes
// that month's last day.
Date add_months(Date date, int months);

// Erase on: closed_on + no_service_weeks; closed_on + unable_to_contact_months; last_contact_on +
// supported_years. Due on that day itself. keep_marac_until = last_marac_referral +
// marac_history_months, when that is on or after `today`.
RetentionDecision decide_retention(const RetentionFacts& facts, const RetentionPeriods& periods,
                                   Date today);

// Whether the MARAC history kept until `kept_until` may go on `today` (the day after it).
bool marac_history_due(Date kept_until, Date today);

}  // namespace vg::protection
