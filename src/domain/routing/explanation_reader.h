// Reads an explanation stored as text (before decisions were stored as facts) back into its facts
// and the names it showed, by the renderer's own sentences. Takes every name from the text itself,
// never from a directory; gives up rather than guess when the text does not render back the same.
#pragma once

#include <optional>
#include <vector>

#include "domain/routing/decide.h"
#include "domain/routing/explanation_facts.h"
#include "domain/routing/explanation_renderer.h"
#include "domain/routing/rule_set.h"

namespace vg::routing {

struct ReadExplanation {
  ExplanationFacts facts;
  ShownNames names;
};

// The facts and names that render `lines` word for word (text, rule and matched alike) with
// `rules` and kRendererVersion; nothing when any line cannot be read so, or when what was read
// does not render back to exactly `lines`.
std::optional<ReadExplanation> read_explanation(const std::vector<ExplanationLine>& lines,
                                                const RuleSet& rules);

}  // namespace vg::routing
