// Onward referrals: a case referred on to a directory service, answered by the partner that runs
// it (sent → accepted | declined → completed, or withdrawn by the caseworker), with its
// accept/decline deadline, and exactly what the partner may see of the victim. Pure rules; no I/O,
// no clock: callers pass today's date. Never decides access (domain/access does).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/casework/case_records.h"
#include "domain/deadlines/bank_holidays.h"
#include "domain/intake/referral.h"
#include "domain/result.h"

namespace vg::casework {

enum class OnwardState { kSent, kAccepted, kDeclined, kCompleted, kWithdrawn };
enum class OnwardChange { kAccept, kDecline, kComplete, kWithdraw };
// Who makes a change: the gateway's caseworker sends and withdraws; the partner answers.
enum class OnwardParty { kCaseworker, kPartner };

// DOMAIN.md: "specialist accept/decline <= 3 working days after onward referral" (default).
inline constexpr int kRespondWorkingDays = 3;

struct OnwardReferral {
  std::string id;       // UUID
  std::string case_id;  // the case (= its referral's id)
  std::string service_id;
  std::string directory_organization_id;  // the service's organisation: whose inbox it is in
  std::string area;                       // the case's area
  OnwardState state = OnwardState::kSent;
  std::string reason;   // decline reason code, when declined
  std::string outcome;  // outcome code, when completed
  std::string sent_by;  // user id
  Instant sent_at{};
  std::optional<Instant> answered_at;   // accepted or declined
  std::optional<Instant> completed_at;
  std::optional<Instant> withdrawn_at;
  Date respond_by{};                     // accept or decline by the end of this London day
  std::vector<std::string> shared_fields;  // field codes (kSharedFieldCodes), always-shared included
  std::int64_t version = 1;                // bumped by every change
};

// A partner's inbox line: the referral with the case facts it may always see.
struct OnwardInboxItem {
  OnwardReferral referral;
  std::string reference;         // the case's, to quote to the gateway
  std::string offence_category;
};

// A partner's inbox, as the store pages it. Empty lists match nothing.
struct OnwardInboxQuery {
  std::string directory_organization_id;    // required
  std::vector<std::string> states;          // state codes
  std::vector<std::string> consent_states;  // the case's consent states that may share
  int page = 1;
  int per_page = 25;
};

// The state after `change` by `party`, or why not: `forbidden` when that party never makes that
// change; `conflict` (field "change") when the referral's state does not allow it now.
Result<OnwardState> onward_state_after(OnwardState state, OnwardChange change, OnwardParty party);

// The respond-by date: kRespondWorkingDays working days after the London date it was sent.
Date onward_respond_by(const deadlines::BankHolidayCalendar& calendar, Date sent_local_date,
                       int working_days = kRespondWorkingDays);

// Breached: not accepted or declined by the end of respond_by (an answer given late stays
// breached; one withdrawn before it was due never was).
bool onward_breached(const OnwardReferral& r, Date today_london);

// A partner reaches the referral (with consent in force) only while it is sent or accepted:
// declined, withdrawn and completed referrals leave its inbox.
bool partner_may_see(OnwardState state);
std::vector<std::string> partner_visible_state_codes();
// The case consent states in which anything may be shared (casework::may_share), for queries.
std::vector<std::string> sharing_consent_states();

// Codes and labels.
std::string_view to_code(OnwardState state);  // "sent"
std::optional<OnwardState> onward_state_from_code(std::string_view code);
std::string_view to_label(OnwardState state);  // "Sent"
std::string_view to_code(OnwardChange change);  // "accept"
// Why a partner declines / how support ended, as codes with labels, in the order forms show them.
struct CodeLabel {
  std::string_view code;
  std::string_view label;
};
std::vector<CodeLabel> decline_reasons();
std::vector<CodeLabel> completion_outcomes();
std::string_view decline_reason_label(std::string_view code);     // empty when unknown
std::string_view completion_outcome_label(std::string_view code);  // empty when unknown

// What may be shared. Always: the first name, the safe-contact profile (how to contact them
// safely), the offence category and the needs: a partner cannot make safe contact without them.
// The caseworker may add the others the victim agreed to; the free-text account ("account") only
// when the victim agreed to share with any support service (consent scope "all_support"),
// because it is their own words about the crime.
std::vector<CodeLabel> always_shared_fields();
std::vector<CodeLabel> optional_shared_fields();
// The fields to store with the referral: the always-shared ones and `chosen`, in the order above;
// `validation_failed` (field "shared_fields") for an unknown code, or the account without
// "all_support" consent.
Result<std::vector<std::string>> fields_to_share(const std::vector<std::string>& chosen,
                                                 std::string_view consent_scope);

// The consent scope in force: the scope of the last "consent_given" event in the case's
// timeline, else the one the referral arrived with, else "referral_to_support".
std::string consent_scope_in_force(const std::vector<CaseEvent>& events,
                                   const std::optional<intake::ConsentRecord>& on_referral);

// What the partner sees of the victim. Fields not shared stay empty. Checked again against the
// consent scope in force when read, so a narrowed consent hides the account at once.
struct SharedView {
  std::string first_name;
  std::string full_name;
  std::optional<Date> date_of_birth;
  std::string phone;  // contact details on the referral, when shared
  std::string email;
  std::string address;
  std::optional<intake::SafeContactProfile> safe_contact;
  std::string language;
  bool interpreter_needed = false;
  std::string offence_category;
  std::vector<std::string> needs;
  std::optional<Date> incident_date;
  std::string local_authority;
  std::string account;
};
SharedView shared_view(const intake::Referral& referral, const std::vector<std::string>& shared_fields,
                       std::string_view consent_scope);

}  // namespace vg::casework
