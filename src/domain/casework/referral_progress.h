// How far a referral has come, as the organisation that sent it may know it: received,
// contacted, supported, closed, with the dates. The Victims' Code has the police tell the victim
// that support was offered; this lets them, without sharing anything the victim told the
// gateway. Pure: from the case and its timeline.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/casework/case_records.h"

namespace vg::casework {

struct ReferralProgress {
  std::string stage;  // received | contacted | supported | closed (the furthest reached)
  Instant received_at{};
  std::optional<Instant> contacted_at;  // the first attempt that reached the victim
  std::optional<Instant> supported_at;  // the first sign of support given (see .cpp)
  std::optional<Instant> closed_at;
};

// `events` oldest first.
ReferralProgress referral_progress(const CaseRecord& c, const std::vector<CaseEvent>& events);

}  // namespace vg::casework
