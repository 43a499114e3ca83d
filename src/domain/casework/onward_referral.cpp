#include "domain/casework/onward_referral.h"

#include <algorithm>
#include <array>

#include "domain/casework/case_consent.h"
#include "domain/deadlines/working_days.h"

namespace vg::casework {
namespace {

constexpr std::array kStates{
    std::pair{OnwardState::kSent, std::pair{std::string_view("sent"), std::string_view("Sent")}},
    std::pair{OnwardState::kAccepted, std::pair{std::string_view("accepted"), std::string_view("Accepted")}},
    std::pair{OnwardState::kDeclined, std::pair{std::string_view("declined"), std::string_view("Declined")}},
    std::pair{OnwardState::kCompleted, std::pair{std::string_view("completed"), std::string_view("Completed")}},
    std::pair{OnwardState::kWithdrawn, std::pair{std::string_view("withdrawn"), std::string_view("Withdrawn")}},
};

constexpr std::array<CodeLabel, 5> kDeclineReasons{{
    {"no_capacity", "No capacity to take it on now"},
    {"not_eligible", "Not eligible for this service"},
    {"better_elsewhere", "Another service is better placed"},
    {"victim_declined", "The victim did not want this service"},
    {"unable_to_contact", "Could not contact the victim"},
}};

constexpr std::array<CodeLabel, 5> kOutcomes{{
    {"support_completed", "Support completed: better able to cope and recover"},
    {"support_ended_early", "Support ended early at the victim's choice"},
    {"disengaged", "The victim stopped responding"},
    {"referred_elsewhere", "Referred to another service"},
    {"unable_to_contact", "Could not contact the victim"},
}};

constexpr std::array<CodeLabel, 4> kAlways{{
    {"first_name", "First name"},
    {"safe_contact", "How to contact them safely (safe-contact profile)"},
    {"offence_category", "Type of crime"},
    {"needs", "Needs known so far"},
}};

constexpr std::array<CodeLabel, 6> kOptional{{
    {"full_name", "Full name"},
    {"date_of_birth", "Date of birth"},
    {"contact_details", "Phone number and email on the referral"},
    {"address", "Home address"},
    {"incident", "When and where it happened"},
    {"account", "What happened, in their own words (only with consent to share with any service)"},
}};

constexpr std::array<std::string_view, 5> kConsentStates{
    "consented", "refer_unless_opted_out", "awaiting_consent", "opted_out", "withdrawn"};

std::unexpected<Error> cannot(std::string message) {
  return fail("conflict", message, {{"change", "not_now", std::move(message)}});
}

bool has(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

template <std::size_t N>
std::string_view label_in(const std::array<CodeLabel, N>& list, std::string_view code) {
  for (const auto& c : list) {
    if (c.code == code) return c.label;
  }
  return {};
}

std::string first_word(const std::string& text) {
  const auto start = text.find_first_not_of(' ');
  if (start == std::string::npos) return {};
  const auto end = text.find(' ', start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

Result<OnwardState> onward_state_after(OnwardState state, OnwardChange change, OnwardParty party) {
  const OnwardParty who = change == OnwardChange::kWithdraw ? OnwardParty::kCaseworker : OnwardParty::kPartner;
  if (party != who) {
    return fail("forbidden", who == OnwardParty::kCaseworker ? "Only the gateway withdraws a referral"
                                                             : "Only the service answers a referral");
  }
  switch (change) {
    case OnwardChange::kAccept:
    case OnwardChange::kDecline:
      if (state != OnwardState::kSent) return cannot("This referral has already been answered or withdrawn");
      return change == OnwardChange::kAccept ? OnwardState::kAccepted : OnwardState::kDeclined;
    case OnwardChange::kComplete:
      if (state != OnwardState::kAccepted) return cannot("Only an accepted referral can be completed");
      return OnwardState::kCompleted;
    case OnwardChange::kWithdraw:
      // Once support has ended or the service said no there is nothing left to withdraw.
      if (state != OnwardState::kSent && state != OnwardState::kAccepted) {
        return cannot("Only a referral that is sent or accepted can be withdrawn");
      }
      return OnwardState::kWithdrawn;
  }
  return cannot("Unknown change");
}

Date onward_respond_by(const deadlines::BankHolidayCalendar& calendar, Date sent_local_date, int working_days) {
  return deadlines::add_working_days(calendar, sent_local_date, working_days);
}

bool onward_breached(const OnwardReferral& r, Date today_london) {
  const auto due = std::chrono::sys_days(r.respond_by);
  if (r.answered_at) return std::chrono::sys_days(deadlines::london_date(*r.answered_at)) > due;
  if (r.state == OnwardState::kWithdrawn) {
    return r.withdrawn_at && std::chrono::sys_days(deadlines::london_date(*r.withdrawn_at)) > due;
  }
  return r.state == OnwardState::kSent && std::chrono::sys_days(today_london) > due;
}

bool partner_may_see(OnwardState state) { return state == OnwardState::kSent || state == OnwardState::kAccepted; }

std::vector<std::string> partner_visible_state_codes() {
  std::vector<std::string> out;
  for (const auto& [state, names] : kStates) {
    if (partner_may_see(state)) out.emplace_back(names.first);
  }
  return out;
}

std::vector<std::string> sharing_consent_states() {
  std::vector<std::string> out;
  for (auto s : kConsentStates) {
    if (may_share(s)) out.emplace_back(s);
  }
  return out;
}

std::string_view to_code(OnwardState state) {
  for (const auto& [s, names] : kStates) {
    if (s == state) return names.first;
  }
  return "sent";
}

std::optional<OnwardState> onward_state_from_code(std::string_view code) {
  for (const auto& [s, names] : kStates) {
    if (names.first == code) return s;
  }
  return std::nullopt;
}

std::string_view to_label(OnwardState state) {
  for (const auto& [s, names] : kStates) {
    if (s == state) return names.second;
  }
  return "Sent";
}

std::string_view to_code(OnwardChange change) {
  switch (change) {
    case OnwardChange::kAccept: return "accept";
    case OnwardChange::kDecline: return "decline";
    case OnwardChange::kComplete: return "complete";
    case OnwardChange::kWithdraw: return "withdraw";
  }
  return "accept";
}

std::vector<CodeLabel> decline_reasons() { return {kDeclineReasons.begin(), kDeclineReasons.end()}; }
std::vector<CodeLabel> completion_outcomes() { return {kOutcomes.begin(), kOutcomes.end()}; }
std::string_view decline_reason_label(std::string_view code) { return label_in(kDeclineReasons, code); }
std::string_view completion_outcome_label(std::string_view code) { return label_in(kOutcomes, code); }
std::vector<CodeLabel> always_shared_fields() { return {kAlways.begin(), kAlways.end()}; }
std::vector<CodeLabel> optional_shared_fields() { return {kOptional.begin(), kOptional.end()}; }

Result<std::vector<std::string>> fields_to_share(const std::vector<std::string>& chosen,
                                                 std::string_view consent_scope) {
  for (const auto& code : chosen) {
    if (label_in(kAlways, code).empty() && label_in(kOptional, code).empty()) {
      return validation_failed({{"shared_fields", "unknown", "Select only the details listed"}});
    }
  }
  if (has(chosen, "account") && consent_scope != "all_support") {
    return validation_failed({{"shared_fields", "no_consent",
                               "They did not agree to share what happened in their own words with any service"}});
  }
  std::vector<std::string> out;
  for (const auto& f : kAlways) out.emplace_back(f.code);
  for (const auto& f : kOptional) {
    if (has(chosen, f.code)) out.emplace_back(f.code);
  }
  return out;
}

std::string consent_scope_in_force(const std::vector<CaseEvent>& events,
                                   const std::optional<intake::ConsentRecord>& on_referral) {
  // The detail is a small JSON object of codes written by consent recording; the scope is read as
  // text so this stays free of a JSON library: "scope":"<code>".
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->kind != "consent_given") continue;
    constexpr std::string_view kKey = "\"scope\":\"";
    const auto at = it->detail.find(kKey);
    if (at == std::string::npos) break;
    const auto start = at + kKey.size();
    const auto end = it->detail.find('"', start);
    if (end != std::string::npos) return it->detail.substr(start, end - start);
    break;
  }
  if (on_referral && !on_referral->scope.empty()) return on_referral->scope;
  return "referral_to_support";
}

SharedView shared_view(const intake::Referral& r, const std::vector<std::string>& fields,
                       std::string_view consent_scope) {
  SharedView v;
  const bool business = r.victim_type == intake::VictimType::kBusiness;
  // Always: enough to make contact safely and know what support is asked for.
  v.first_name = business ? (r.business.contact_name.empty() ? r.business.name : first_word(r.business.contact_name))
                          : first_word(r.person.name);
  v.safe_contact = r.safe_contact;
  v.language = r.safe_contact ? r.safe_contact->language : r.person.language;
  v.interpreter_needed = r.safe_contact ? r.safe_contact->interpreter_needed : r.person.interpreter_needed;
  v.offence_category = r.offence_category;
  v.needs = r.needs;
  if (has(fields, "full_name")) v.full_name = business ? r.business.name : r.person.name;
  if (has(fields, "date_of_birth") && !business) v.date_of_birth = r.person.date_of_birth;
  if (has(fields, "contact_details")) {
    v.phone = business ? r.business.contact_phone : r.person.phone;
    v.email = business ? r.business.contact_email : r.person.email;
  }
  if (has(fields, "address") && !business) v.address = r.person.address;
  if (has(fields, "incident")) {
    v.incident_date = r.incident_date;
    v.local_authority = r.local_authority;
  }
  if (has(fields, "account") && consent_scope == "all_support") v.account = r.account;
  return v;
}

}  // namespace vg::casework
