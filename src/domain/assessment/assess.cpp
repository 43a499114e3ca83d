// assess(): every rapid-assessment rule over one referral (declared in assessment.h).
#include "domain/assessment/age.h"
#include "domain/assessment/assessment.h"
#include "domain/assessment/consent.h"
#include "domain/assessment/eligibility.h"
#include "domain/assessment/enhanced_rights.h"
#include "domain/assessment/offence_categories.h"
#include "domain/assessment/risk.h"
#include "domain/assessment/safeguarding.h"

namespace vg::assessment {

Assessment assess(const Referral& referral, const AssessmentPolicy& policy, Date today) {
  const OffenceCategory* category =
      find_offence_category(policy.offence_categories, referral.offence_category);
  Assessment out;
  out.eligibility = assess_eligibility(referral);
  // One age for every rule, so consent, enhanced rights and safeguarding cannot disagree about
  // whether the victim is a child.
  out.age = victim_age(referral, today);
  out.age_band = age_band(out.age);
  EnhancedRights rights = enhanced_rights(referral, category, out.age);
  out.enhanced_reasons = std::move(rights.reasons);
  out.intimidated = rights.intimidated;
  out.consent = decide_consent(referral, policy.consent, category, out.age);
  out.risk = assess_risk(referral, policy.risk, today);
  out.safeguarding = safeguarding_actions(referral, out.age);
  return out;
}

}  // namespace vg::assessment
