#include "app/casework/consent_recording.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

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
                     "case.consent", [&](casework::CaseRecord& c, store::UnitOfWork&) -> Result<CaseChangeMade> {
    c.consent_state = VG_TRY(casework::consent_after(c.consent_state, statement.change));
    json::object detail{{"change", casework::to_code(statement.change)},
                        {"given_by", statement.given_by},
                        {"method", statement.method},
                        {"state", c.consent_state}};
    if (statement.change == casework::ConsentChange::kGive) detail["scope"] = statement.scope;
    CaseChangeMade made;
    made.audit_detail = json::serialize(detail);
    made.events.push_back({0, {}, {}, {}, std::string(event_kind(statement.change)), made.audit_detail});
    return made;
  });
}

}  // namespace vg::app
