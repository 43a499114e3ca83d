#include "domain/assessment/consent.h"

#include <algorithm>
#include <array>

#include "domain/assessment/offence_categories.h"

namespace vg::assessment {
namespace {

constexpr std::array<std::string_view, 5> kConditions = {"sexual_offence", "domestic_abuse",
                                                         "bereaved", "under_18", "any"};

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

}  // namespace

bool is_consent_condition(std::string_view when) {
  return std::find(kConditions.begin(), kConditions.end(), when) != kConditions.end();
}

bool consent_condition_holds(std::string_view when, const Referral& referral,
                             const OffenceCategory* category, std::optional<int> age) {
  if (when == "sexual_offence") return is_sexual_offence(referral.flags, category);
  if (when == "domestic_abuse") return referral.flags.domestic_abuse;
  if (when == "bereaved") {
    return referral.victim_type == intake::VictimType::kPerson && referral.person.bereaved_relative;
  }
  if (when == "under_18") return age.has_value() && *age < 18;
  if (when == "any") return true;
  return false;
}

bool has_explicit_consent(const Referral& referral) {
  if (!referral.consent.has_value() || referral.consent->withdrawn_at.has_value()) return false;
  if (referral.consent->basis == intake::ConsentBasis::kExplicitConsent) return true;
  // The web form and chat record what the victim agreed to; the victim's own request for help is
  // the explicit consent, whatever basis the form wrote down.
  return referral.channel == intake::Channel::kSelf || referral.channel == intake::Channel::kChat;
}

ConsentDecision decide_consent(const Referral& referral, const ConsentPolicy& policy,
                               const OffenceCategory* category, std::optional<int> age) {
  ConsentDecision decision;
  decision.requirement = policy.otherwise;
  decision.rule = "otherwise";
  for (const auto& rule : policy.rules) {
    if (consent_condition_holds(rule.when, referral, category, age)) {
      decision.requirement = rule.requirement;
      decision.rule = rule.when;
      break;
    }
  }
  // The victim's "no" beats every rule, and a withdrawal beats the consent it withdraws.
  if (referral.opted_out) {
    decision.state = ConsentState::kOptedOut;
  } else if (referral.consent.has_value() && referral.consent->withdrawn_at.has_value()) {
    decision.state = ConsentState::kWithdrawn;
  } else if (has_explicit_consent(referral)) {
    decision.state = ConsentState::kConsented;
  } else if (decision.requirement == ConsentRequirement::kExplicit) {
    decision.state = ConsentState::kAwaitingConsent;
  } else {
    decision.state = ConsentState::kReferUnlessOptedOut;
  }
  return decision;
}

std::vector<FieldError> validate_consent_record(const intake::ConsentRecord& record) {
  std::vector<FieldError> errors;
  if (is_blank(record.captured_by)) {
    errors.push_back(
        {"consent.captured_by", "required", "Enter who recorded the victim's consent"});
  }
  if (is_blank(record.method)) {
    errors.push_back({"consent.method", "required",
                      "Enter how the victim's consent was given, for example by phone"});
  }
  return errors;
}

}  // namespace vg::assessment
