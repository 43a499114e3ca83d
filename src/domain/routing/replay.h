// The routing what-if: a period's referrals routed again, in the order they came, through the rule
// set in force and through a draft, each with every service's open cases simulated through the
// period, and the two compared. Pure: the caller reads the referrals; no clock, no I/O, no names
// of people (the inputs are codes, the figures counts).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "domain/routing/decide.h"
#include "domain/routing/routing_facts.h"
#include "domain/routing/rule_set.h"

namespace vg::routing {

// Days since 1970-01-01 (std::chrono::sys_days), the finest the de-identified facts keep.
inline constexpr std::int32_t kNeverClosed = std::numeric_limits<std::int32_t>::max();

// One referral of the period and how long its real case stayed open: a case routing sends to a
// service holds one of its places from the referral until the day it closed. A case counts as
// open for every later referral received before the day it closed.
struct ReplayReferral {
  RoutingInputs inputs;
  std::int32_t received_day = 0;
  std::int32_t closed_day = kNeverClosed;
};

// Cases open at a service when the period starts (received before it, closed on or after its
// first day or not at all), as recorded: `count` of them close on `closed_day`.
struct OpenCases {
  std::string service_id;
  std::int32_t closed_day = kNeverClosed;
  int count = 0;
};

// A rule set and its services (names, capacity); the services' open cases are ignored: the
// replay counts them itself.
struct ReplaySide {
  const RuleSet& rules;
  const ServiceStates& services;
};

struct OutcomeCounts {
  std::int64_t routed = 0;
  std::int64_t queued = 0;  // every candidate full: waiting for a team leader
  std::int64_t signposted = 0;
  bool operator==(const OutcomeCounts&) const = default;
};

// One service under one rule set.
struct ServiceLoad {
  std::int64_t referrals = 0;  // routed or queued at it
  std::int64_t queued = 0;     // of those, queued because it (and every other candidate) was full
  int capacity = 0;            // 0: not limited, or not in the rule set's directory
  int open_at_start = 0;
  int peak_open = 0;  // the most open cases it held at once during the period
  bool operator==(const ServiceLoad&) const = default;
};

struct ServiceComparison {
  std::string service_id;
  ServiceLoad current;
  ServiceLoad draft;
};

// A referral the draft decides differently (another service, or another outcome), with both
// decisions and their explanation facts as they would have been at the time.
struct ChangedDecision {
  std::size_t referral = 0;  // index in the replayed referrals
  RoutingDecision current;
  RoutingDecision draft;
};

struct ReplayFigures {
  std::int64_t referrals = 0;
  OutcomeCounts current;
  OutcomeCounts draft;
  std::vector<ServiceComparison> services;  // every service either side knows or chose, by id
  std::int64_t changed = 0;
  std::vector<ChangedDecision> sample;  // the first `sample_limit` changed, in received order
};

// `referrals` in the order they were received (received_day never goes back). Each side routes
// them one by one with decide(), its services' open cases = `open_at_start` plus the cases it has
// itself routed or queued there and not yet closed.
ReplayFigures replay(const ReplaySide& current, const ReplaySide& draft,
                     std::span<const ReplayReferral> referrals, std::span<const OpenCases> open_at_start,
                     std::size_t sample_limit);

}  // namespace vg::routing
