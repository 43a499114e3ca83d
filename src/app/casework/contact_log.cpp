#include "app/casework/contact_log.h"

#include <boost/json.hpp>

#include <algorithm>

#include "app/casework/case_tasks.h"
#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/referral_json.h"
#include "domain/casework/case_clock.h"

namespace vg::app {
namespace {

namespace json = boost::json;

// The contact details the referral gives, for the rule's no-profile case.
casework::ReferralContactDetails referral_details(const intake::Referral& r) {
  if (r.victim_type == intake::VictimType::kBusiness) {
    return {r.business.contact_phone, r.business.contact_email, {}};
  }
  return {r.person.phone, r.person.email, r.person.address};
}

std::string attempt_detail(const casework::ContactAttempt& a) {
  return json::serialize(json::object{{"channel", casework::to_code(a.channel)},
                                      {"outcome", casework::to_code(a.outcome)},
                                      {"said_who_we_are", a.said_who_we_are}});
}

// The attempts already in the timeline, oldest first.
std::vector<casework::ContactAttempt> attempts_in(const std::vector<casework::CaseEvent>& events) {
  std::vector<casework::ContactAttempt> out;
  for (const auto& e : events) {
    if (e.kind != "contact_attempt") continue;
    boost::system::error_code ec;
    auto v = json::parse(e.detail, ec);
    if (ec || !v.is_object()) continue;
    const auto* outcome = v.as_object().if_contains("outcome");
    auto code = outcome && outcome->is_string() ? casework::contact_outcome_from_code(outcome->as_string().c_str())
                                                : std::nullopt;
    if (!code) continue;
    out.push_back({casework::ContactChannel::kCall, {}, *code, false, e.at});
  }
  return out;
}

}  // namespace

Result<casework::CaseRecord> ContactLog::record(const access::Actor& actor, const std::string& case_id,
                                                std::int64_t expected_version,
                                                casework::ContactAttempt attempt) {
  attempt.at = clock_.now();
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version, "case.contact_attempt",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        if (c.status == casework::CaseStatus::kClosed) {
          return fail("conflict", "The case is closed", {{"outcome", "closed", "The case is closed"}});
        }
        if (!casework::outcome_fits(attempt.channel, attempt.outcome)) {
          return validation_failed({{"outcome", "not_for_channel",
                                     std::string("A ") + std::string(casework::to_label(attempt.outcome)) +
                                         " outcome is not possible for a " +
                                         std::string(casework::to_label(attempt.channel))}});
        }
        auto referrals = VG_TRY(unit.referrals().with_ids({c.id}));
        if (referrals.empty()) return not_found("The case");
        auto referral = parse_referral_json(referrals.front().document);
        if (!referral) return fail("internal", "The case's referral could not be read");
        auto unsafe = casework::unsafe_contact(referral->safe_contact, referral_details(*referral), attempt);
        if (!unsafe.empty()) {
          return validation_failed(std::move(unsafe), "This contact is not safe for this victim");
        }
        CaseChangeMade made;
        made.audit_detail = attempt_detail(attempt);
        made.events.push_back({0, {}, {}, {}, "contact_attempt", made.audit_detail});

        // Any attempt meets the first-contact service level (an attempt, not a conversation).
        VG_CHECK(unit.cases().meet_deadline(c.id, "first_contact", attempt.at));
        c.next_due = casework::next_due(VG_TRY(unit.cases().deadlines(c.id)));

        auto attempts = attempts_in(VG_TRY(unit.cases().events(c.id)));
        attempts.push_back(attempt);
        const auto& calendar = england_and_wales_bank_holidays();
        if (casework::made_contact(attempt.outcome)) {
          if (c.status == casework::CaseStatus::kUnableToContact) c.status = casework::CaseStatus::kOpen;
        } else if (c.status == casework::CaseStatus::kOpen &&
                   casework::unable_to_contact(attempts, policy_, calendar)) {
          c.status = casework::CaseStatus::kUnableToContact;
          made.events.push_back({0, {}, {}, "system:casework", "unable_to_contact",
                                 json::serialize(json::object{{"failed_attempts", policy_.failed_attempts}})});
          // Someone must now decide: close the case, or try once more. The task goes to the case's
          // caseworker (or whoever recorded the attempt on an unallocated case), unless one is open.
          const auto tasks = VG_TRY(unit.tasks().for_case(c.id));
          if (std::none_of(tasks.begin(), tasks.end(), [](const casework::CaseTask& t) {
                return t.kind == casework::TaskKind::kCloseUnableToContact && casework::is_open(t);
              })) {
            auto task = close_unable_to_contact_task(c, c.allocated_to.empty() ? actor.user_id : c.allocated_to,
                                                     attempt.at);
            VG_CHECK(unit.tasks().insert({task}));
            made.events.push_back({0, {}, {}, "system:casework", "task_created", task_event_detail(task)});
          }
        }
        return made;
      });
}

}  // namespace vg::app
