#include "domain/casework/referral_progress.h"

#include <array>
#include <algorithm>

#include "domain/casework/contact_attempt.h"

namespace vg::casework {
namespace {

// Timeline kinds that show support was given: a needs assessment done with the victim, a
// support plan action, or a specialist service accepting them.
constexpr std::array<std::string_view, 3> kSupportKinds{"needs_assessed", "plan_action_added",
                                                        "onward_referral_accepted"};

// A contact attempt's outcome code, read from its detail without a JSON library: the domain
// stays free of I/O and parsing dependencies, and the detail is written by casework itself.
std::optional<ContactOutcome> outcome_of(const CaseEvent& e) {
  constexpr std::string_view kKey = R"("outcome":")";
  const auto at = e.detail.find(kKey);
  if (at == std::string::npos) return std::nullopt;
  const auto start = at + kKey.size();
  const auto end = e.detail.find('"', start);
  if (end == std::string::npos) return std::nullopt;
  return contact_outcome_from_code(std::string_view(e.detail).substr(start, end - start));
}

}  // namespace

ReferralProgress referral_progress(const CaseRecord& c, const std::vector<CaseEvent>& events) {
  ReferralProgress p;
  p.received_at = c.opened_at;
  for (const auto& e : events) {
    if (!p.contacted_at && e.kind == "contact_attempt") {
      if (auto outcome = outcome_of(e); outcome && made_contact(*outcome)) p.contacted_at = e.at;
    }
    if (!p.supported_at &&
        std::find(kSupportKinds.begin(), kSupportKinds.end(), e.kind) != kSupportKinds.end()) {
      p.supported_at = e.at;
    }
    if (e.kind == "case_closed") p.closed_at = e.at;
  }
  if (c.status == CaseStatus::kClosed) {
    if (!p.closed_at) p.closed_at = c.updated_at;
    p.stage = "closed";
  } else if (p.supported_at) {
    p.stage = "supported";
  } else if (p.contacted_at) {
    p.stage = "contacted";
  } else {
    p.stage = "received";
  }
  return p;
}

}  // namespace vg::casework
