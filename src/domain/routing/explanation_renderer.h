// Words for a routing decision's explanation facts: the lines a call handler reads out, rendered
// when shown from the facts, the rule set that decided and the names shown at the time. Pure: it
// never looks a name up anywhere else, so a line renders the same however the directory changes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "domain/routing/decide.h"
#include "domain/routing/explanation_facts.h"
#include "domain/routing/rule_set.h"

namespace vg::routing {

// The renderer's version, stored with every decision's facts. A change to any sentence is a new
// version, and the old one stays here so decisions stored with it still read as they did.
inline constexpr std::string_view kRendererVersion = "1";

// The directory's names as the explanation showed them: service id → name. A service with no
// name here was not in the directory at the time ("service X (not in the directory)").
class ShownNames {
 public:
  void add(std::string id, std::string name);
  const std::string* find(std::string_view id) const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return names_; }

 private:
  std::vector<std::pair<std::string, std::string>> names_;  // in the order first shown
};

// How version 1 says a code ("18_to_64" → "18 to 64") and an offence flag's bit.
std::string code_words(std::string_view code);
std::string flag_words(std::uint32_t bit);

// The service a fact is about, from the rule set ("" for lines about no service).
const std::string& fact_service(const ExplanationFact& fact, const RuleSet& rules);

// The names of every service the facts show, as `services` holds them now.
ShownNames shown_names(const ExplanationFacts& facts, const RuleSet& rules,
                       const ServiceStates& services);

// The lines, word for word as version `renderer_version` said them. "validation_failed" for a
// version this build does not know or facts that do not fit `rules` (a rule or service index out
// of range).
Result<std::vector<ExplanationLine>> render_explanation(const ExplanationFacts& facts,
                                                        const RuleSet& rules,
                                                        const ShownNames& names,
                                                        std::string_view renderer_version);

}  // namespace vg::routing
