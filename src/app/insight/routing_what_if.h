// The routing what-if for administrators: a draft of an area's routing rules, checked as
// `rules load` checks a file, replayed against a past period's referrals from insight's
// de-identified facts (domain/routing/replay.h), and published as a new version when wanted.
// Decides access from the table (load_routing_rules, own areas only). Reads codes and counts;
// never a referral's personal data, and the changed decisions it shows are explanations only.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "app/clock.h"
#include "app/intake/area_packs.h"
#include "domain/access/access_table.h"
#include "domain/insight/month_period.h"
#include "domain/result.h"
#include "domain/routing/replay.h"
#include "store/store.h"

namespace vg::app {

// A changed decision as shown: each side's outcome, service name and explanation in words.
struct ShownDecision {
  std::string outcome;  // routed | queued | signposted
  std::string service_name;
  std::vector<std::string> explanation;
};

struct ChangedShown {
  std::string received_month;  // "March 2026": the finest date shown
  ShownDecision current;
  ShownDecision draft;
};

struct ServiceShown {
  std::string service_id;
  std::string name;
  routing::ServiceLoad current;
  routing::ServiceLoad draft;
};

struct WhatIfReport {
  std::string area;
  insight::MonthPeriod period;
  std::string current_version;
  std::string draft_version;
  std::int64_t referrals = 0;     // replayed
  std::int64_t not_replayed = 0;  // facts without routing inputs (erased before migration 0046)
  routing::OutcomeCounts current;
  routing::OutcomeCounts draft;
  std::vector<ServiceShown> services;  // by name
  std::int64_t changed = 0;
  std::vector<ChangedShown> sample;
};

class RoutingWhatIf {
 public:
  // Changed decisions shown at most.
  static constexpr std::size_t kSample = 20;

  RoutingWhatIf(store::Store& store, const Clock& clock, AreaPacks& packs, std::string config_dir);

  // The areas whose rules the actor may change, in their organisation's order.
  std::vector<std::string> areas_of(const access::Actor& actor) const;
  // `forbidden` for a role that never loads rules; `not_found` for an area not the actor's.
  Result<std::string> area_for(const access::Actor& actor, const std::string& asked) const;
  // The month it is now (London): the latest a period may reach.
  std::chrono::year_month this_month() const;

  // The area's versions, newest (in force) first.
  Result<std::vector<store::RuleSetRecord>> versions(const access::Actor& actor, const std::string& area);

  // `validation_failed` with the draft's errors (JSON paths, as `rules load` gives them) or the
  // period's ("from", "to"); nothing is stored either way.
  Result<WhatIfReport> replay(const access::Actor& actor, const std::string& area, const std::string& draft,
                              const std::string& from, const std::string& to);

  // Stores the draft as a new version of the area's rules, in force from now, audited. A version
  // already held with other rules is refused (`conflict`); with the same rules it changes nothing
  // (false).
  Result<bool> publish(const access::Actor& actor, const std::string& area, const std::string& draft);

 private:
  Result<AreaPack> draft_pack(const std::string& area, const std::string& draft) const;

  store::Store& store_;
  const Clock& clock_;
  AreaPacks& packs_;
  std::string config_dir_;
};

}  // namespace vg::app
