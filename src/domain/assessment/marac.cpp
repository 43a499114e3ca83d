#include "domain/assessment/marac.h"

namespace vg::assessment {

bool is_marac_repeat(std::optional<Date> last_marac_referral, int window_months, Date today) {
  if (!last_marac_referral.has_value() || !last_marac_referral->ok() || window_months < 0) {
    return false;
  }
  const Date last = *last_marac_referral;
  // A referral dated after today is a data error (validation rejects it), not a repeat.
  if (today < last) return false;
  Date window_end = last + std::chrono::months{window_months};
  if (!window_end.ok()) {
    window_end = std::chrono::year_month_day_last{window_end.year(),
                                                  std::chrono::month_day_last{window_end.month()}};
  }
  return today <= window_end;
}

std::vector<std::string> marac_reasons(RiskLevel score_level, RiskLevel level,
                                       bool judgement_raised, const intake::RiskHistory& history,
                                       const RiskPolicy& policy, Date today) {
  std::vector<std::string> reasons;
  if (score_level == RiskLevel::kHigh) reasons.emplace_back("dash_high");
  if (judgement_raised && level == RiskLevel::kHigh) reasons.emplace_back("professional_judgement");
  if (history.police_callouts_last_12_months >= policy.escalation_callouts) {
    reasons.emplace_back("escalation");
  }
  if (is_marac_repeat(history.last_marac_referral, policy.repeat_window_months, today)) {
    reasons.emplace_back("repeat");
  }
  return reasons;
}

}  // namespace vg::assessment
