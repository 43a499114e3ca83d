// One referral taken all the way through: checked, assessed, routed by the area's rules, with its
// Victims' Code deadlines. Pure: the caller brings the rules, the services with the cases each
// holds now, and the calendar, and decides what to keep.
#pragma once

#include <vector>

#include "domain/assessment/assessment.h"
#include "domain/deadlines/bank_holidays.h"
#include "domain/deadlines/working_days.h"
#include "domain/intake/referral.h"
#include "domain/result.h"
#include "domain/routing/decide.h"
#include "domain/routing/rule_set.h"

namespace vg::intake {

struct RoutedReferral {
  Referral referral;
  assessment::Assessment assessment;
  routing::RoutingDecision decision;
  std::vector<deadlines::Deadline> deadlines;  // police_referral (when reported), first_contact, needs_assessment
};

// Field errors (validation_failed, as JSON paths) when the referral does not pass the intake
// checks. `services`: the rules' services with how many cases each holds now (capacity-aware
// routing). A referral naming no area is taken to be the rules' area.
Result<RoutedReferral> assess_and_route(const routing::RuleSet& rules,
                                        const routing::ServiceStates& services,
                                        const assessment::AssessmentPolicy& policy, Referral referral,
                                        const deadlines::BankHolidayCalendar& calendar,
                                        routing::Explain explain);
// `explain`: routing::Explain::kText, else kNone.
inline Result<RoutedReferral> assess_and_route(const routing::RuleSet& rules,
                                               const routing::ServiceStates& services,
                                               const assessment::AssessmentPolicy& policy,
                                               Referral referral,
                                               const deadlines::BankHolidayCalendar& calendar,
                                               bool explain) {
  return assess_and_route(rules, services, policy, std::move(referral), calendar,
                          explain ? routing::Explain::kText : routing::Explain::kNone);
}

// The rules name the model's fields ("person.name"); people sending JSON know them as paths in
// their body ("$.victim.name").
std::vector<FieldError> as_json_paths(std::vector<FieldError> errors);

}  // namespace vg::intake
