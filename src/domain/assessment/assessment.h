// Rapid assessment of a referral: eligibility, Victims' Code enhanced rights, consent, risk
// (DASH, S-DASH, MARAC), safeguarding. Pure rules over a Referral and the area's policy; each rule
// lives in its own file under domain/assessment/ and is unit-tested by name.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/intake/referral.h"
#include "domain/result.h"

namespace vg::assessment {

using intake::Date;
using intake::Referral;
using intake::RiskLevel;

// --- Offence categories (Home Office recorded-crime categories, config/offence-categories.json)
struct OffenceCategory {
  std::string code;  // e.g. "rape", "burglary_residential"
  std::string name;  // "Rape"
  std::string group;  // Home Office group, e.g. "Sexual offences"
  // Set when every offence of the category is a "most serious crime" under the Victims' Code
  // (e.g. "attempted_murder", "arson_endangering_life"): the enhanced-reason suffix.
  std::string most_serious;
  bool sexual_offence = false;  // sets the sexual-offence flag (and so "intimidated")
};

// --- Policy: what an area configures (defaults are the Victims' Code and SafeLives values)
enum class ConsentRequirement { kExplicit, kUnlessOptedOut };

struct ConsentRule {
  std::string when;  // "sexual_offence" | "domestic_abuse" | "bereaved" | "under_18" | "any"
  ConsentRequirement requirement = ConsentRequirement::kExplicit;
};

struct ConsentPolicy {
  // Checked in order; the first rule whose condition holds decides. Default: explicit consent
  // for sexual offences, domestic abuse and bereaved relatives; others referred unless opted out.
  std::vector<ConsentRule> rules = {{"sexual_offence", ConsentRequirement::kExplicit},
                                    {"domestic_abuse", ConsentRequirement::kExplicit},
                                    {"bereaved", ConsentRequirement::kExplicit}};
  ConsentRequirement otherwise = ConsentRequirement::kUnlessOptedOut;
};

struct RiskPolicy {
  int medium_from = 10;  // DASH yes-count bands: standard 0..9, medium 10..13, high 14+
  int high_from = 14;
  int escalation_callouts = 3;      // police call-outs in 12 months that require MARAC
  int repeat_window_months = 12;    // new incident within this of the last MARAC referral
};

// A local authority district a referral may name as where it happened, and the area (pack id,
// e.g. "merseyside") it is in.
struct LocalAuthorityArea {
  std::string code;  // GSS, e.g. "E08000012"
  std::string area;
};

// Deliberately no safeguarding setting: safeguarding children is a statutory duty no area may
// switch off, so the rule takes no policy (see safeguarding.h).
struct AssessmentPolicy {
  ConsentPolicy consent;
  RiskPolicy risk;
  std::vector<OffenceCategory> offence_categories;
  // Every district the product knows, with its area: reference data shipped in the binary
  // (data/geo/local-authorities.csv), not something an area configures. A referral's
  // local_authority must be one of them and in the referral's area.
  std::vector<LocalAuthorityArea> local_authorities;
};

// --- Results
enum class Eligibility {
  kEligible,        // any crime, any date, reported or not: the victims' grant may pay
  kNonCrimeAsb,     // anti-social behaviour that is not a crime: never charged to the grant
};

enum class ConsentState {
  kReferUnlessOptedOut,  // no explicit consent needed and the victim has not opted out
  kConsented,            // explicit consent recorded and not withdrawn
  kAwaitingConsent,      // explicit consent needed and not yet recorded: share nothing
  kOptedOut,             // the victim said no
  kWithdrawn,            // consent was given, then withdrawn
};

struct ConsentDecision {
  ConsentState state = ConsentState::kAwaitingConsent;
  ConsentRequirement requirement = ConsentRequirement::kExplicit;
  std::string rule;  // the rule's condition that decided, or "otherwise"
  bool may_share_with_partners() const {
    return state == ConsentState::kConsented || state == ConsentState::kReferUnlessOptedOut;
  }
};

struct RiskResult {
  std::optional<int> dash_score;  // number of "yes"; unset without a DASH
  RiskLevel score_level = RiskLevel::kStandard;  // from the bands alone
  RiskLevel level = RiskLevel::kStandard;        // after professional judgement (never lower)
  bool judgement_raised = false;
  bool marac_required = false;
  std::vector<std::string> marac_reasons;  // "dash_high", "professional_judgement", "escalation", "repeat"
  std::vector<std::string> marac_reason_texts;  // each of marac_reasons in words (marac.h)
  std::optional<int> sdash_score;
};

struct SafeguardingAction {
  std::string code;    // "child_victim" | "child_in_household_at_risk"
  std::string reason;  // plain English for the case record
};

struct Assessment {
  Eligibility eligibility = Eligibility::kEligible;
  std::optional<int> age;   // at the referral's receipt, from date of birth or given age
  std::string age_band;     // "under_18" | "18_to_64" | "65_and_over" | "unknown"
  std::vector<std::string> enhanced_reasons;  // stable codes, see enhanced_rights.h
  bool intimidated = false;
  ConsentDecision consent;
  RiskResult risk;
  std::vector<SafeguardingAction> safeguarding;
  bool enhanced() const { return !enhanced_reasons.empty(); }
};

// Field-level checks a referral must pass before it is assessed or stored (required fields,
// dates not after receipt, a crime reference when reported, DASH judgement needs a reason, a
// safe-contact profile that names the contact detail for every safe channel, a local authority
// in the referral's area, postcodes of a real shape, no control characters in any text, ...).
// Every error at once. Field names are dotted paths into the referral: "person.date_of_birth",
// "safe_contact.safe_phone", "needs[1]".
std::vector<FieldError> validate_referral(const Referral& referral, const AssessmentPolicy& policy);

// Everything above, for a referral that passed validate_referral. `today` is the London date
// of receipt (the domain never reads the clock).
Assessment assess(const Referral& referral, const AssessmentPolicy& policy, Date today);

}  // namespace vg::assessment
