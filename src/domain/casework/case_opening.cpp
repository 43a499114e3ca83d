#include "domain/casework/case_opening.h"

#include "domain/casework/allocation.h"
#include "domain/casework/case_clock.h"
#include "domain/casework/person_keys.h"

namespace vg::casework {

CaseOpening case_opening(const intake::RoutedReferral& routed,
                         const std::vector<assessment::OffenceCategory>& categories) {
  CaseOpening o;
  o.local_authority = routed.referral.local_authority;
  o.offence_category = routed.referral.offence_category;
  switch (routed.assessment.risk.level) {
    case intake::RiskLevel::kStandard: o.risk_rank = 0; break;
    case intake::RiskLevel::kMedium: o.risk_rank = 1; break;
    case intake::RiskLevel::kHigh: o.risk_rank = 2; break;
  }
  o.enhanced = routed.assessment.enhanced();
  o.needs_skills = skills_needed(routed.referral, routed.assessment);
  for (const auto& d : routed.deadlines) {
    if (d.code == "first_contact" || d.code == "needs_assessment") o.deadlines.push_back(d);
  }
  if (routed.decision.refer_directly && routed.decision.outcome == routing::Outcome::kRouted) {
    o.refer_directly_to = routed.decision.service_id;
  }
  o.match_keys = person_match_keys(routed.referral);
  o.facts = insight::intake_facts(routed, categories);
  return o;
}

CaseRecord opened_case(const intake::StoredReferral& referral, const CaseOpening& opening,
                       const Team* team) {
  CaseRecord c;
  c.id = referral.id;
  c.reference = referral.reference;
  c.area = referral.area;
  c.local_authority = opening.local_authority;
  c.channel = referral.channel;
  c.offence_category = opening.offence_category;
  c.service_id = referral.service_id;
  c.risk_rank = opening.risk_rank;
  c.enhanced = opening.enhanced;
  c.consent_state = referral.consent_state;
  c.possible_duplicate = !referral.possible_duplicate_of.empty();
  c.needs_skills = opening.needs_skills;
  c.source_organisation_id = referral.source_organisation_id;
  if (team) {
    c.team_id = team->id;
    c.holder_organisation_id = team->organisation_id;
  }
  c.next_due = next_due(opened_clocks(c.id, opening));
  c.opened_at = referral.received_at;
  c.updated_at = referral.received_at;
  return c;
}

std::vector<CaseDeadline> opened_clocks(const std::string& case_id, const CaseOpening& opening) {
  std::vector<CaseDeadline> out;
  for (const auto& d : opening.deadlines) out.push_back({case_id, d.code, d.due_date, d.working_days, {}});
  return out;
}

}  // namespace vg::casework
