#include "domain/protection/retention.h"

namespace vg::protection {

std::string_view to_code(RetentionRule rule) {
  switch (rule) {
    case RetentionRule::kNoService:
      return "no_service";
    case RetentionRule::kUnableToContact:
      return "unable_to_contact";
    case RetentionRule::kSupported:
      return "supported";
  }
  return "supported";
}

RetentionRule retention_rule(std::string_view close_reason) {
  if (close_reason == "unable_to_contact") return RetentionRule::kUnableToContact;
  if (close_reason == "declined_support" || close_reason == "moved_out_of_area") {
    return RetentionRule::kNoService;
  }
  return RetentionRule::kSupported;
}

Date add_months(Date date, int months) {
  Date moved = date + std::chrono::months{months};
  if (!moved.ok()) moved = moved.year() / moved.month() / std::chrono::last;
  return moved;
}

RetentionDecision decide_retention(const RetentionFacts& facts, const RetentionPeriods& periods,
                                   Date today) {
  RetentionDecision decision;
  if (facts.last_marac_referral) {
    const Date until = add_months(*facts.last_marac_referral, periods.marac_history_months);
    if (std::chrono::sys_days(until) >= std::chrono::sys_days(today)) decision.keep_marac_until = until;
  }
  if (!facts.close_reason || !facts.closed_on) return decision;
  const RetentionRule rule = retention_rule(*facts.close_reason);
  decision.rule = rule;
  switch (rule) {
    case RetentionRule::kNoService:
      decision.erase_on = Date(std::chrono::sys_days(*facts.closed_on) +
                               std::chrono::weeks{periods.no_service_weeks});
      break;
    case RetentionRule::kUnableToContact:
      decision.erase_on = add_months(*facts.closed_on, periods.unable_to_contact_months);
      break;
    case RetentionRule::kSupported: {
      // The last contact is never before the close.
      const Date last = std::chrono::sys_days(facts.last_contact_on) < std::chrono::sys_days(*facts.closed_on)
                            ? *facts.closed_on
                            : facts.last_contact_on;
      decision.erase_on = add_months(last, 12 * periods.supported_years);
      break;
    }
  }
  decision.due = !facts.held && std::chrono::sys_days(*decision.erase_on) <= std::chrono::sys_days(today);
  return decision;
}

bool marac_history_due(Date kept_until, Date today) {
  return std::chrono::sys_days(kept_until) < std::chrono::sys_days(today);
}

}  // namespace vg::protection
