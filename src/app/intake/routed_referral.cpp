#include "app/intake/routed_referral.h"

#include <boost/json.hpp>

#include <algorithm>

#include "app/clock.h"
#include "app/intake/decision_explanation.h"
#include "domain/assessment/marac.h"
#include "domain/assessment/referral_validation.h"
#include "domain/routing/routing_facts.h"
#include "domain/text/iso_date.h"

namespace vg::app {
namespace {

namespace json = boost::json;

std::string date_text(std::chrono::year_month_day d) { return text::iso_date(d); }

std::string_view eligibility_code(assessment::Eligibility e) {
  return e == assessment::Eligibility::kEligible ? "eligible" : "non_crime_asb";
}

}  // namespace

std::string_view consent_state_code(assessment::ConsentState s) {
  switch (s) {
    case assessment::ConsentState::kReferUnlessOptedOut: return "refer_unless_opted_out";
    case assessment::ConsentState::kConsented: return "consented";
    case assessment::ConsentState::kAwaitingConsent: return "awaiting_consent";
    case assessment::ConsentState::kOptedOut: return "opted_out";
    case assessment::ConsentState::kWithdrawn: return "withdrawn";
  }
  return "";
}

Result<std::shared_ptr<const AreaPack>> pack_for(const intake::Referral& referral,
                                                 const FindAreaPack& find) {
  std::vector<FieldError> errors;
  if (!referral.area.empty()) {
    auto pack = find(referral.area);
    if (pack || pack.error().code != "validation_failed") return pack;
    errors = std::move(pack.error().fields);
  }
  // The area's error (a missing area is the rules' own "required") with the rest.
  for (auto& e : intake::as_json_paths(
           assessment::validate_referral_outside_area(referral, local_authority_areas()))) {
    const bool said = std::any_of(errors.begin(), errors.end(), [&](const FieldError& f) {
      return f.field == e.field && f.code == e.code;
    });
    if (!said) errors.push_back(std::move(e));
  }
  return validation_failed(std::move(errors), "The referral is not valid");
}

json::object routed_referral_json(const RoutedReferral& r, const AreaPack& pack,
                                  json::storage_ptr sp) {
  const auto& a = r.assessment;
  json::object o(sp);
  o["area"] = pack.rules.area;
  o["rule_set_version"] = r.decision.rule_set_version;
  o["eligibility"] = eligibility_code(a.eligibility);
  o["funding_stream"] = routing::funding_code(r.decision.funding);
  if (a.age) o["age"] = *a.age;
  o["age_band"] = a.age_band;
  json::array reasons(sp);
  for (const auto& reason : a.enhanced_reasons) reasons.emplace_back(reason);
  o["enhanced_rights"] = !a.enhanced_reasons.empty();
  o["enhanced_reasons"] = std::move(reasons);
  o["intimidated"] = a.intimidated;

  json::object consent(sp);
  consent["state"] = consent_state_code(a.consent.state);
  consent["requirement"] =
      a.consent.requirement == assessment::ConsentRequirement::kExplicit ? "explicit" : "unless_opted_out";
  consent["rule"] = a.consent.rule;
  consent["may_share_with_partners"] = a.consent.may_share_with_partners();
  o["consent"] = std::move(consent);

  json::object risk(sp);
  if (a.risk.dash_score) risk["dash_score"] = *a.risk.dash_score;
  risk["score_level"] = routing::risk_level_code(a.risk.score_level);
  risk["level"] = routing::risk_level_code(a.risk.level);
  risk["raised_by_professional_judgement"] = a.risk.judgement_raised;
  risk["marac_required"] = a.risk.marac_required;
  json::array marac(sp);
  for (const auto& m : a.risk.marac_reasons) marac.emplace_back(m);
  risk["marac_reasons"] = std::move(marac);
  // The same reasons in words, with the facts behind them, as the staff panel shows them.
  json::array marac_words(sp);
  for (std::size_t i = 0; i < a.risk.marac_reasons.size(); ++i) {
    marac_words.push_back(json::object({{"code", a.risk.marac_reasons[i]},
                                        {"text", i < a.risk.marac_reason_texts.size()
                                                     ? a.risk.marac_reason_texts[i]
                                                     : assessment::marac_reason_text(a.risk.marac_reasons[i])}},
                                       sp));
  }
  risk["marac_explanation"] = std::move(marac_words);
  if (a.risk.sdash_score) risk["sdash_score"] = *a.risk.sdash_score;
  o["risk"] = std::move(risk);

  json::array safeguarding(sp);
  for (const auto& s : a.safeguarding) {
    safeguarding.push_back(json::object({{"code", s.code}, {"reason", s.reason}}, sp));
  }
  o["safeguarding"] = std::move(safeguarding);

  json::array deadlines(sp);
  for (const auto& d : r.deadlines) {
    deadlines.push_back(json::object({{"code", d.code},
                                      {"working_days", d.working_days},
                                      {"due_date", date_text(d.due_date)},
                                      {"due_at", to_rfc3339(d.due_at)}},
                                     sp));
  }
  o["deadlines"] = std::move(deadlines);

  json::object decision(sp);
  decision["outcome"] = routing::outcome_code(r.decision.outcome);
  decision["matched_rule"] = r.decision.matched_rule;
  // Only when set: the case goes straight to the service's inbox (area pack refer_directly).
  if (r.decision.refer_directly) decision["refer_directly"] = true;
  if (!r.decision.service_id.empty()) {
    json::object service({{"id", r.decision.service_id}}, sp);
    if (const auto* s = pack.services.find(r.decision.service_id)) service["name"] = s->name;
    decision["service"] = std::move(service);
  }
  o["decision"] = std::move(decision);

  // The text when the decision was asked for it (`route --explain`, a preview); otherwise its
  // facts, as stored (decision_explanation.h renders them when shown).
  if (!r.decision.explanation.empty() || r.decision.explanation_facts.empty()) {
    o["explanation"] = explanation_lines_json(r.decision.explanation, sp);
  } else {
    o["explanation_facts"] = explanation_facts_json(
        r.decision.explanation_facts, pack.rules,
        routing::shown_names(r.decision.explanation_facts, pack.rules, pack.services), sp);
  }
  return o;
}

}  // namespace vg::app
