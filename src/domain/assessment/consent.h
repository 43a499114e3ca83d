// Consent to refer: applies the area's ConsentPolicy rule table to a referral and records which
// rule decided. Pure rule; it never invents a consent record the referral does not carry.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/assessment/assessment.h"
#include "domain/result.h"

namespace vg::assessment {

// The conditions a ConsentRule may name: "sexual_offence", "domestic_abuse", "bereaved",
// "under_18", "any".
bool is_consent_condition(std::string_view when);

// Whether `when` holds for this victim. An unknown condition never holds: a policy naming one is
// rejected by validate_assessment_policy before it is used (policy_validation.h).
bool consent_condition_holds(std::string_view when, const Referral& referral,
                             const OffenceCategory* category, std::optional<int> age);

// A consent record, not withdrawn, that counts as explicit consent: basis kExplicitConsent, or
// any record on a self-referral (self or chat channel), because a victim asking for help
// themselves is giving explicit consent. Without a record there is no consent.
bool has_explicit_consent(const Referral& referral);

// The first rule whose condition holds decides the requirement (else policy.otherwise). Then:
// opted out → kOptedOut; consent withdrawn → kWithdrawn; explicit consent → kConsented;
// otherwise kAwaitingConsent (explicit requirement) or kReferUnlessOptedOut.
ConsentDecision decide_consent(const Referral& referral, const ConsentPolicy& policy,
                               const OffenceCategory* category, std::optional<int> age);

// A consent record must say who captured it and how ("consent.captured_by", "consent.method").
std::vector<FieldError> validate_consent_record(const intake::ConsentRecord& record);

}  // namespace vg::assessment
