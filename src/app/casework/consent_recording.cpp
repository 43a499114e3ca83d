#include "app/casework/consent_recording.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

#include "app/casework/direct_referral.h"
#include "domain/casework/case_consent.h"

namespace vg::app {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 3> kGivenBy{"victim", "parent_or_guardian", "representative"};
constexpr std::array<std::string_view, 5> kMethods{"phone", "in_person", "letter", "email", "web_form"};
constexpr std::array<std::string_view, 3> kScopes{"referral_to_support", "named_services", "all_support"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::vector<FieldError> check(const ConsentStatement& s) {
  std::vector<FieldError> errors;
  if (!one_of(kGivenBy, s.given_by)) errors.push_back({"given_by", "required", "Select who told you"});
  if (!one_of(kMethods, s.method)) errors.push_back({"method", "required", "Select how they told you"});
  if (s.change == casework::ConsentChange::kGive && !one_of(kScopes, s.scope)) {
    errors.push_back({"scope", "required", "Select what they agreed to"});
  }
  return errors;
}

std::string_view event_kind(casework::ConsentChange change) {
  switch (change) {
    case casework::ConsentChange::kGive: return "consent_given";
    case casework::ConsentChange::kRefuse: return "consent_refused";
    case casework::ConsentChange::kWithdraw: return "consent_withdrawn";
  }
  return "consent_given";
}

}  // namespace

Result<casework::CaseRecord> ConsentRecording::record(const access::Actor& actor, const std::string& case_id,
                                                      std::int64_t expected_version,
                                                      const ConsentStatement& statement) {
  if (auto errors = check(statement); !errors.empty()) return validation_failed(std::move(errors));
  return change_case(store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version,
                     "case.consent", [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
    const bool shared_before = casework::may_share(c.consent_state);
    c.consent_state = VG_TRY(casework::consent_after(c.consent_state, statement.change));
    json::object detail{{"change", casework::to_code(statement.change)},
                        {"given_by", statement.given_by},
                        {"method", statement.method},
                        {"state", c.consent_state}};
    if (statement.change == casework::ConsentChange::kGive) detail["scope"] = statement.scope;
    CaseChangeMade made;
    made.audit_detail = json::serialize(detail);
    made.events.push_back({0, {}, {}, {}, std::string(event_kind(statement.change)), made.audit_detail});
    // Consent now in force lets a direct referral that waited for it go, in this transaction.
    if (!shared_before && casework::may_share(c.consent_state)) {
      const auto events = VG_TRY(unit.cases().events(c.id));
      if (const auto waiting = direct_referral_waiting(events); !waiting.empty()) {
        std::vector<accounts::AuditEntry> audit;
        // The consent event goes in first, so the referral shares under the scope just given.
        VG_CHECK(unit.cases().append_events({{0, c.id, clock_.now(), actor.user_id, made.events.front().kind,
                                              made.events.front().detail}}));
        made.events.clear();
        VG_CHECK(refer_directly(unit, store_.directory(), c, waiting, clock_.now(), made.events, audit));
        VG_CHECK(unit.append_audit(audit));
      }
    }
    return made;
  });
}

}  // namespace vg::app
