#include "domain/assessment/policy_validation.h"

#include <string>

#include "domain/assessment/consent.h"

namespace vg::assessment {
namespace {

// The number of DASH questions: a band starting above it could never be reached.
constexpr int kDashQuestions = 24;

}  // namespace

std::vector<FieldError> validate_assessment_policy(const AssessmentPolicy& policy) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < policy.consent.rules.size(); ++i) {
    // An unknown condition never matches, so a typo in "sexual_offence" would quietly refer
    // victims without the explicit consent the Code requires.
    if (!is_consent_condition(policy.consent.rules[i].when)) {
      errors.push_back({"consent.rules[" + std::to_string(i) + "].when", "unknown",
                        "The consent condition must be one of sexual_offence, domestic_abuse, "
                        "bereaved, under_18 or any"});
    }
  }
  const RiskPolicy& risk = policy.risk;
  if (risk.medium_from < 1 || risk.medium_from > kDashQuestions) {
    errors.push_back({"risk.medium_from", "out_of_range",
                      "The medium-risk band must start between 1 and 24 yes answers"});
  }
  // A high band beyond 24 would silently switch off MARAC referral on the DASH count.
  if (risk.high_from < risk.medium_from || risk.high_from > kDashQuestions) {
    errors.push_back({"risk.high_from", "out_of_range",
                      "The high-risk band must start at or above the medium-risk band and at "
                      "most 24 yes answers"});
  }
  if (risk.escalation_callouts < 1) {
    errors.push_back({"risk.escalation_callouts", "out_of_range",
                      "Escalation must need at least 1 police call-out"});
  }
  if (risk.repeat_window_months < 0) {
    errors.push_back({"risk.repeat_window_months", "out_of_range",
                      "The repeat window must be 0 months or more"});
  }
  return errors;
}

}  // namespace vg::assessment
