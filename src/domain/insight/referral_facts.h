// The de-identified facts of one referral that insight counts: where and when, how it came, what
// kind of crime, who (as bands and flags), how it was routed, and how far the case came. Kept
// when retention later erases the referral's personal data, so figures never change. Pure values
// and the rules that take them from a referral and its case; no names, no free text, no dates
// finer than a day, and nothing here is ever shown one row at a time.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/assessment/assessment.h"
#include "domain/casework/case_records.h"
#include "domain/casework/needs.h"
#include "domain/casework/onward_referral.h"
#include "domain/casework/referral_progress.h"
#include "domain/intake/routed_referral.h"
#include "domain/routing/routing_facts.h"

namespace vg::insight {

using Date = std::chrono::year_month_day;

// How far the case came: recomputed whole from the case whenever the case changes.
struct CaseProgressFacts {
  // The victim accepted the referral: consent to it is in force (given, or referred unless they
  // objected) and the case was not closed because they declined support.
  bool accepted = false;
  std::optional<Date> contacted_on;  // the first attempt that reached them (London date)
  std::optional<Date> assessed_on;   // the first needs assessment
  std::optional<Date> supported_on;  // the first sign of support (referral_progress.h)
  std::optional<Date> closed_on;
  std::string close_reason;  // a CloseReason code; empty while open
  // Victims' Code timeliness: met on or before its due date (true), met late or breached while
  // running (false), still running inside its time (unset).
  std::optional<bool> first_contact_met;
  std::optional<bool> needs_assessment_met;
  // Told about restorative justice (Victims' Code right 7): the case records the offer (true),
  // closed without one (false), still open without one (unset).
  std::optional<bool> restorative_justice_met;
  std::map<std::string, std::string> needs_at_assessment;  // need domain code -> rating code
  std::map<std::string, std::string> outcomes;             // need domain code -> outcome code
  // The service path after routing: each specialist service the case was referred on to, with
  // how it ended ("service_id:state"), oldest first.
  std::vector<std::string> onward_services;
  bool operator==(const CaseProgressFacts&) const = default;
};

struct ReferralFacts {
  // The referral's id, to find the row when its case changes. Never leaves the store through
  // insight (which answers only counts), and leads nowhere once retention erases the referral.
  std::string fact_id;
  std::string area;
  std::string local_authority;  // GSS code
  Date received_on{};           // London date of receipt
  std::string channel;          // police | self | partner | phone | chat
  std::string offence_category;
  std::string offence_group;    // the Home Office group, as the category had it at intake
  std::string victim_type;      // person | business
  std::string age_band;         // under_18 | 18_to_64 | 65_and_over | unknown
  std::string funding_stream;   // counted_funding_stream (funding_stream.h)
  bool non_crime_asb = false;   // never counted against the victims' grant
  bool enhanced = false;        // Victims' Code enhanced rights
  bool vulnerable = false;      // enhanced as vulnerable or intimidated
  bool repeat_victim = false;   // persistently targeted, or a repeat MARAC referral
  bool dash_high = false;       // high risk (after professional judgement)
  bool domestic_abuse = false;
  bool hate_crime = false;
  bool sexual_offence = false;
  std::string routing_outcome;  // routed | queued | signposted
  std::string service_id;       // routing's chosen service; may be empty
  // Referred to support within the area's police referral level (2 working days by default) of
  // the day the crime was reported: received on or before the police_referral clock's due date;
  // unset when intake recorded no date reported (not from the police, or not reported).
  std::optional<bool> police_referral_met;
  // What routing matched on, as codes (routing::routing_inputs), so the routing what-if replays
  // the referral against a draft after retention has erased it. Unset on a row written before
  // migration 0046 whose referral was already erased: the what-if counts those apart.
  std::optional<routing::RoutingInputs> routing;
  CaseProgressFacts progress;
  bool operator==(const ReferralFacts&) const = default;
};

// The facts a referral has when it is received (fact_id is left for the caller: the referral's
// id once it has one). `categories`: the area's offence categories, for the group.
ReferralFacts intake_facts(const intake::RoutedReferral& routed,
                           const std::vector<assessment::OffenceCategory>& categories);

// What the progress facts are computed from: the case and what hangs from it.
struct CaseProgressInputs {
  const casework::CaseRecord* case_record = nullptr;
  std::vector<casework::CaseEvent> events;  // oldest first
  std::vector<casework::CaseDeadline> deadlines;
  std::optional<casework::NeedRatings> at_assessment;
  std::optional<std::string> close_reason;
  std::map<std::string, std::string> outcomes;
  std::vector<casework::OnwardReferral> onward;  // oldest first
  bool restorative_justice_offered = false;     // the case has a restorative justice record
};

CaseProgressFacts case_progress(const CaseProgressInputs& inputs);

}  // namespace vg::insight
