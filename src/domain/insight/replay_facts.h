// What the routing what-if reads of a period from insight's de-identified facts: each referral's
// routing inputs and its case's days, and the cases already open when the period starts. Codes
// and London dates only; read as a whole period, never shown one referral at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/routing/routing_facts.h"

namespace vg::insight {

struct ReplayFacts {
  std::optional<routing::RoutingInputs> routing;  // unset: not kept (ReferralFacts::routing)
  std::chrono::year_month_day received_on{};
  std::optional<std::chrono::year_month_day> closed_on;
};

// `count` cases routed or queued at `service_id` before a day, still open on it, that closed on
// `closed_on` (unset: still open).
struct OpenCaseGroup {
  std::string service_id;
  std::optional<std::chrono::year_month_day> closed_on;
  std::int64_t count = 0;
};

}  // namespace vg::insight
