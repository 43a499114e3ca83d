#include "domain/insight/referral_facts.h"

#include <algorithm>

#include "domain/casework/case_closing.h"
#include "domain/deadlines/working_days.h"
#include "domain/insight/funding_stream.h"
#include "domain/routing/decide.h"

namespace vg::insight {
namespace {

bool has_reason(const std::vector<std::string>& reasons, std::string_view code) {
  return std::find(reasons.begin(), reasons.end(), code) != reasons.end();
}

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

std::optional<Date> day_of(const std::optional<casework::Instant>& at) {
  if (!at) return std::nullopt;
  return deadlines::london_date(*at);
}

// A clock met on or before its due date (London) is met; met after it, or still running once the
// deadline job has flagged it breached, is not; still running inside its time is unknown.
std::optional<bool> timeliness(const std::vector<casework::CaseDeadline>& clocks, std::string_view code,
                               const std::vector<casework::CaseEvent>& events) {
  for (const auto& c : clocks) {
    if (c.code != code) continue;
    if (c.met_at) return deadlines::london_date(*c.met_at) <= c.due_date;
    const std::string flagged = R"("deadline":")" + std::string(code) + '"';
    const bool breached = std::any_of(events.begin(), events.end(), [&](const casework::CaseEvent& e) {
      return e.kind == "deadline_breached" && e.detail.find(flagged) != std::string::npos;
    });
    if (breached) return false;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

ReferralFacts intake_facts(const intake::RoutedReferral& routed,
                           const std::vector<assessment::OffenceCategory>& categories) {
  const auto& r = routed.referral;
  const auto& a = routed.assessment;
  ReferralFacts f;
  f.area = r.area;
  f.local_authority = r.local_authority;
  f.received_on = deadlines::london_date(r.received_at);
  switch (r.channel) {
    case intake::Channel::kPolice: f.channel = "police"; break;
    case intake::Channel::kSelf: f.channel = "self"; break;
    case intake::Channel::kPartner: f.channel = "partner"; break;
    case intake::Channel::kPhone: f.channel = "phone"; break;
    case intake::Channel::kChat: f.channel = "chat"; break;
  }
  f.offence_category = r.offence_category;
  for (const auto& c : categories) {
    if (c.code == r.offence_category) f.offence_group = c.group;
  }
  f.victim_type = r.victim_type == intake::VictimType::kBusiness ? "business" : "person";
  f.age_band = a.age_band.empty() ? "unknown" : a.age_band;
  f.non_crime_asb = a.eligibility == assessment::Eligibility::kNonCrimeAsb;
  f.funding_stream = counted_funding_stream(routing::funding_code(routed.decision.funding), f.non_crime_asb);
  f.enhanced = a.enhanced();
  f.vulnerable = a.intimidated || std::any_of(a.enhanced_reasons.begin(), a.enhanced_reasons.end(),
                                              [](const std::string& s) { return starts_with(s, "vulnerable:"); });
  f.repeat_victim = has_reason(a.enhanced_reasons, "persistently_targeted") ||
                    has_reason(a.risk.marac_reasons, "repeat");
  f.dash_high = a.risk.level == intake::RiskLevel::kHigh;
  f.domestic_abuse = r.flags.domestic_abuse;
  f.hate_crime = r.flags.hate_crime;
  f.sexual_offence = r.flags.sexual_offence || has_reason(a.enhanced_reasons, "most_serious_crime:sexual_offence");
  f.routing_outcome = std::string(routing::outcome_code(routed.decision.outcome));
  f.service_id = routed.decision.service_id;
  for (const auto& d : routed.deadlines) {
    if (d.code == "police_referral") f.police_referral_met = f.received_on <= d.due_date;
  }
  f.routing = routing::routing_inputs(r, a);
  const bool consent_in_force = a.consent.may_share_with_partners();
  f.progress.accepted = consent_in_force;
  return f;
}

CaseProgressFacts case_progress(const CaseProgressInputs& in) {
  CaseProgressFacts p;
  if (!in.case_record) return p;
  const auto& c = *in.case_record;
  const auto progress = casework::referral_progress(c, in.events);
  p.contacted_on = day_of(progress.contacted_at);
  p.supported_on = day_of(progress.supported_at);
  p.closed_on = day_of(progress.closed_at);
  for (const auto& e : in.events) {
    if (e.kind == "needs_assessed") {
      p.assessed_on = deadlines::london_date(e.at);
      break;
    }
  }
  if (in.close_reason) p.close_reason = *in.close_reason;
  const bool consent_in_force = c.consent_state == "consented" || c.consent_state == "refer_unless_opted_out";
  p.accepted = consent_in_force && p.close_reason != casework::to_code(casework::CloseReason::kDeclinedSupport);
  p.first_contact_met = timeliness(in.deadlines, "first_contact", in.events);
  p.needs_assessment_met = timeliness(in.deadlines, "needs_assessment", in.events);
  if (in.at_assessment) {
    for (const auto& [domain, rating] : *in.at_assessment) {
      p.needs_at_assessment[domain] = std::string(casework::to_code(rating));
    }
  }
  if (in.restorative_justice_offered) {
    p.restorative_justice_met = true;
  } else if (p.closed_on) {
    p.restorative_justice_met = false;
  }
  p.outcomes = in.outcomes;
  for (const auto& o : in.onward) {
    p.onward_services.push_back(o.service_id + ":" + std::string(casework::to_code(o.state)));
  }
  return p;
}

}  // namespace vg::insight
