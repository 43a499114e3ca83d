// Fuzz target for the routing rule file reader (with its check of each rule's words against its
// conditions) and the decision over what it reads: no crash, every refusal names a path, and any
// accepted rule set decides something for an empty set of facts (the fallback is always there).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/routing/decide.h"
#include "domain/routing/rule_labels.h"
#include "domain/routing/rule_set.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A few place names, so the label check's place matching is fuzzed too.
  static const vg::routing::LabelVocabulary vocabulary{
      {{"E08000012", "Liverpool"}, {"E08000013", "St. Helens"}, {"E08000003", "Manchester"}},
      {"Merseyside", "Greater Manchester"}};
  auto set = vg::routing::parse_rule_set(std::string_view(reinterpret_cast<const char*>(data), size),
                                         vocabulary);
  if (!set) {
    if (set.error().fields.empty()) std::abort();
    return 0;
  }
  vg::routing::RoutingFacts facts;
  vg::routing::ServiceStates services;
  auto decision = vg::routing::decide(*set, facts, services, true);
  if (decision.outcome == vg::routing::Outcome::kRouted && decision.service_id.empty()) std::abort();
  if (decision.explanation.empty()) std::abort();
  return 0;
}
