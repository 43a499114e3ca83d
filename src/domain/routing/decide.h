// Choosing the service for a referral: the first matching rule's services in priority order,
// skipping full ones; then later matching rules; then the area's fallback. Every decision can
// carry an explanation a call handler can read out, line by line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/routing/explanation_facts.h"
#include "domain/routing/routing_facts.h"
#include "domain/routing/rule_set.h"

namespace vg::routing {

// What routing needs to know about a directory service.
struct ServiceState {
  std::string id;
  std::string name;
  int capacity = 0;    // open cases it can hold; 0 = not limited
  int open_cases = 0;
  bool full() const { return capacity > 0 && open_cases >= capacity; }
};

// Ids to states; services a rule names but this does not hold count as unknown and are skipped.
class ServiceStates {
 public:
  void add(ServiceState state);
  const ServiceState* find(const std::string& id) const;
  // The same, to change in place (a replay simulating each service's open cases).
  ServiceState* find(const std::string& id);
  const std::vector<ServiceState>& all() const { return states_; }  // by id

 private:
  std::vector<ServiceState> states_;  // sorted by id
};

enum class Outcome {
  kRouted,           // sent to a service with room
  kQueued,           // every candidate is full: queued at the best match, flagged for a team leader
  kSignposted,       // non-crime ASB and the area has no ASB support: give directory information
};

enum class FundingStream { kVictimsGrant, kAsbSupport, kNone };

struct ExplanationLine {
  std::string rule_id;  // empty for capacity, fallback and eligibility lines
  bool matched = false;
  std::string text;
};

struct RoutingDecision {
  Outcome outcome = Outcome::kRouted;
  std::string service_id;
  std::string matched_rule;  // id of the rule that chose, "fallback" or "asb"
  // The rule's choice says to send the case straight to the service (ServiceChoice::refer_directly).
  // Only for a routed decision: a service with no room is left to a team leader.
  bool refer_directly = false;
  FundingStream funding = FundingStream::kVictimsGrant;
  std::string rule_set_version;
  std::vector<ExplanationLine> explanation;  // empty unless asked for (Explain::kText)
  // What the explanation shows, as facts (explanation_renderer.h renders them); empty unless asked
  // for (Explain::kFacts or kText).
  ExplanationFacts explanation_facts;
};

// How much of the explanation to record: none (the fastest), its facts only (what is stored; no
// string is built), or its facts and its text as well.
enum class Explain { kNone, kFacts, kText };

RoutingDecision decide(const RuleSet& rules, const RoutingFacts& facts,
                       const ServiceStates& services, Explain explain);

// `explain`: Explain::kText, else kNone.
inline RoutingDecision decide(const RuleSet& rules, const RoutingFacts& facts,
                              const ServiceStates& services, bool explain) {
  return decide(rules, facts, services, explain ? Explain::kText : Explain::kNone);
}

std::string_view outcome_code(Outcome outcome);
std::string_view funding_code(FundingStream funding);

}  // namespace vg::routing
