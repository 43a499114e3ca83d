// What a referral's assessment tells its case when the case opens: the facts a queue filters
// and orders by, the skills its caseworker needs, and the Victims' Code clocks the gateway must
// beat. Pure: taken from the routed referral; the store adds who holds it.
#pragma once

#include <string>
#include <vector>

#include "domain/casework/case_records.h"
#include "domain/insight/referral_facts.h"
#include "domain/intake/referral_records.h"
#include "domain/intake/routed_referral.h"

namespace vg::casework {

struct CaseOpening {
  std::string local_authority;
  std::string offence_category;
  int risk_rank = 0;
  bool enhanced = false;
  std::vector<std::string> needs_skills;
  // The gateway's own clocks: first contact and the needs assessment (the police's referral
  // clock has already run out or been met by the time the gateway holds the case).
  std::vector<deadlines::Deadline> deadlines;
  // Routing's chosen service when its rule says to send the case straight there (the area
  // pack's refer_directly); empty otherwise. Sent only once consent is in force.
  std::string refer_directly_to;
  // The person's match keys (person_keys.h), which the intake indexes to flag a later referral
  // of the same person, from any channel, as a possible duplicate of this one.
  std::vector<std::string> match_keys;
  // The referral's de-identified facts for insight, stored with it (fact_id is its id).
  insight::ReferralFacts facts;
};

// `categories`: the area's offence categories (for the facts' offence group).
CaseOpening case_opening(const intake::RoutedReferral& routed,
                         const std::vector<assessment::OffenceCategory>& categories);

// The case `referral` opens, held by `team` when its area has one (nullptr: none yet).
CaseRecord opened_case(const intake::StoredReferral& referral, const CaseOpening& opening,
                       const Team* team);
std::vector<CaseDeadline> opened_clocks(const std::string& case_id, const CaseOpening& opening);

}  // namespace vg::casework
