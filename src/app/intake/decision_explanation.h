// A routing decision's explanation as stored (its facts, the renderer's version and the names it
// showed: "explanation_facts") and as shown (its lines of text: "explanation"). Never looks a
// name up in today's directory for a stored decision: names come from the decision's snapshot.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/storage_ptr.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "domain/result.h"
#include "domain/routing/decide.h"
#include "domain/routing/explanation_renderer.h"
#include "domain/routing/rule_set.h"
#include "store/store.h"

namespace vg::app {

// The renderer version of a decision kept as the text it was stored with, line for line: an old
// row whose lines could not all be read back into facts (migration 0034).
inline constexpr std::string_view kVerbatimRenderer = "text";

// {"renderer": "1", "names": {service id: name}, "lines": [[kind, rule id, ...], ...]}: only the
// names the lines show, every rule and service by its id, every code by its code.
boost::json::object explanation_facts_json(const routing::ExplanationFacts& facts,
                                           const routing::RuleSet& rules,
                                           const routing::ShownNames& names,
                                           boost::json::storage_ptr storage = {});

// The facts and names back from explanation_facts_json, against the rule set that decided.
// "validation_failed" when a line names a rule or service `rules` lacks.
struct StoredExplanation {
  std::string renderer;
  routing::ExplanationFacts facts;
  routing::ShownNames names;
};
Result<StoredExplanation> explanation_facts_from_json(const boost::json::object& stored,
                                                      const routing::RuleSet& rules);

// The "explanation" array an answer shows: [{"matched", "text", "rule"?}, ...].
boost::json::array explanation_lines_json(const std::vector<routing::ExplanationLine>& lines,
                                          boost::json::storage_ptr storage = {});

// Stored assessments (routed_referral_json of a stored referral) made ready to show: a stored
// "explanation_facts" becomes the "explanation" lines, rendered with the rule set version that
// decided (read from the store once, kept: versions never change). Anything else is as stored.
class DecisionExplanations {
 public:
  explicit DecisionExplanations(store::Store& store) : store_(store) {}

  Result<std::string> shown(std::string_view stored_assessment);
  // The rule set `version` of `area`, as loaded into the store.
  Result<std::shared_ptr<const routing::RuleSet>> rule_set(const std::string& area,
                                                           const std::string& version);

 private:
  store::Store& store_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const routing::RuleSet>> rule_sets_;
};

// The same rendering for one assessment object, with the rule set given: `assessment` keeps its
// members in order, "explanation_facts" replaced by "explanation".
Result<void> show_explanation(boost::json::object& assessment, const routing::RuleSet& rules);

}  // namespace vg::app
