#include "domain/intake/routed_referral.h"

#include <string_view>

#include "domain/assessment/referral_validation.h"
#include "domain/deadlines/victims_code_deadlines.h"
#include "domain/routing/routing_facts.h"

namespace vg::intake {

std::vector<FieldError> as_json_paths(std::vector<FieldError> errors) {
  for (auto& e : errors) {
    std::string field = e.field;
    for (const char* part : {"person.", "business."}) {
      if (field.starts_with(part)) field = "victim." + field.substr(std::string_view(part).size());
    }
    e.field = field.starts_with("$") ? field : "$." + field;
  }
  return errors;
}

Result<RoutedReferral> assess_and_route(const routing::RuleSet& rules,
                                        const routing::ServiceStates& services,
                                        const assessment::AssessmentPolicy& policy, Referral referral,
                                        const deadlines::BankHolidayCalendar& calendar,
                                        routing::Explain explain) {
  if (referral.area.empty()) referral.area = rules.area;
  auto errors = assessment::validate_referral(referral, policy);
  if (referral.area != rules.area) {
    errors.push_back({"area", "mismatch", "must be " + rules.area + " for this area pack"});
  }
  if (!errors.empty()) return validation_failed(as_json_paths(std::move(errors)), "The referral is not valid");

  RoutedReferral out;
  out.assessment = assessment::assess(referral, policy, deadlines::london_date(referral.received_at));
  out.decision = routing::decide(rules, routing::routing_facts(referral, out.assessment, rules), services, explain);
  out.deadlines = deadlines::victims_code_deadlines(rules.service_levels, referral, out.assessment, calendar);
  out.referral = std::move(referral);
  return out;
}

}  // namespace vg::intake
