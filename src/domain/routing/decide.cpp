#include "domain/routing/decide.h"

#include <algorithm>
#include <utility>

#include "domain/routing/explanation_renderer.h"

namespace vg::routing {
namespace {

bool intersects(const CodeSet& wanted, const CodeSet& have) {
  for (int w : wanted) {
    if (std::find(have.begin(), have.end(), w) != have.end()) return true;
  }
  return false;
}

bool one_of(const CodeSet& wanted, int have) {
  return std::find(wanted.begin(), wanted.end(), have) != wanted.end();
}

// The first condition that does not hold, and the fact it saw (Reason::kNone when all hold): what
// the explanation says of a rule passed over. Tested in the same order as matches().
std::pair<Reason, int> why_not(const Condition& c, const RoutingFacts& f) {
  if ((f.flags & c.flags_all) != c.flags_all) {
    for (std::uint32_t bit = 1; bit != 0 && bit <= c.flags_all; bit <<= 1) {
      if ((c.flags_all & bit) && !(f.flags & bit)) return {Reason::kFlagMissing, static_cast<int>(bit)};
    }
  }
  if ((f.flags & c.flags_none) != 0) {
    for (std::uint32_t bit = 1; bit != 0 && bit <= c.flags_none; bit <<= 1) {
      if ((c.flags_none & bit) && (f.flags & bit)) return {Reason::kFlagSet, static_cast<int>(bit)};
    }
  }
  if (!c.offence_categories.empty() && !one_of(c.offence_categories, f.offence_category)) {
    return {Reason::kOffence, f.offence_category};
  }
  if (!c.age_bands.empty() && !one_of(c.age_bands, f.age_band)) return {Reason::kAge, f.age_band};
  if (!c.victim_types.empty() && !one_of(c.victim_types, f.victim_type)) {
    return {Reason::kVictimType, f.victim_type};
  }
  if (!c.risk_levels.empty() && !one_of(c.risk_levels, f.risk_level)) return {Reason::kRisk, f.risk_level};
  if (!c.enhanced_reasons.empty() && !intersects(c.enhanced_reasons, f.enhanced_reasons)) {
    return {Reason::kEnhanced, -1};
  }
  if (!c.local_authorities.empty() && !one_of(c.local_authorities, f.local_authority)) {
    return {Reason::kLocalAuthority, -1};
  }
  if (!c.needs.empty() && !intersects(c.needs, f.needs)) return {Reason::kNeeds, -1};
  if (!c.hate_strands.empty() && !intersects(c.hate_strands, f.hate_strands)) {
    return {Reason::kHateStrand, -1};
  }
  if (c.marac_required >= 0 && (c.marac_required == 1) != f.marac_required) {
    return {Reason::kMarac, f.marac_required ? 1 : 0};
  }
  if (c.eligible >= 0 && (c.eligible == 1) != f.eligible) return {Reason::kEligible, f.eligible ? 1 : 0};
  return {Reason::kNone, -1};
}

// The same test as why_not, without building any text: the hot path.
bool matches(const Condition& c, const RoutingFacts& f) {
  if ((f.flags & c.flags_all) != c.flags_all || (f.flags & c.flags_none) != 0) return false;
  if (!c.offence_categories.empty() && !one_of(c.offence_categories, f.offence_category)) return false;
  if (!c.age_bands.empty() && !one_of(c.age_bands, f.age_band)) return false;
  if (!c.victim_types.empty() && !one_of(c.victim_types, f.victim_type)) return false;
  if (!c.risk_levels.empty() && !one_of(c.risk_levels, f.risk_level)) return false;
  if (!c.enhanced_reasons.empty() && !intersects(c.enhanced_reasons, f.enhanced_reasons)) return false;
  if (!c.local_authorities.empty() && !one_of(c.local_authorities, f.local_authority)) return false;
  if (!c.needs.empty() && !intersects(c.needs, f.needs)) return false;
  if (!c.hate_strands.empty() && !intersects(c.hate_strands, f.hate_strands)) return false;
  if (c.marac_required >= 0 && (c.marac_required == 1) != f.marac_required) return false;
  if (c.eligible >= 0 && (c.eligible == 1) != f.eligible) return false;
  return true;
}

struct Candidate {
  const ServiceChoice* choice;
  const Rule* rule;
  std::int16_t rule_index;
  std::int16_t choice_index;
};

}  // namespace

void ServiceStates::add(ServiceState state) {
  auto at = std::lower_bound(states_.begin(), states_.end(), state.id,
                             [](const ServiceState& s, const std::string& id) { return s.id < id; });
  if (at != states_.end() && at->id == state.id) {
    *at = std::move(state);
  } else {
    states_.insert(at, std::move(state));
  }
}

const ServiceState* ServiceStates::find(const std::string& id) const {
  auto at = std::lower_bound(states_.begin(), states_.end(), id,
                             [](const ServiceState& s, const std::string& key) { return s.id < key; });
  return at != states_.end() && at->id == id ? &*at : nullptr;
}

ServiceState* ServiceStates::find(const std::string& id) {
  return const_cast<ServiceState*>(std::as_const(*this).find(id));
}

RoutingDecision decide(const RuleSet& rules, const RoutingFacts& facts,
                       const ServiceStates& services, Explain explain_mode) {
  const bool explain = explain_mode != Explain::kNone;
  RoutingDecision d;
  d.rule_set_version = rules.version;
  d.funding = facts.eligible ? FundingStream::kVictimsGrant : FundingStream::kAsbSupport;
  auto line = [&](ExplanationFact fact) {
    if (explain) d.explanation_facts.push_back(fact);
  };
  // The text as well, when asked for: rendered from the facts, as every later reading is.
  auto render = [&] {
    if (explain_mode == Explain::kText) {
      auto lines = render_explanation(d.explanation_facts, rules,
                                      shown_names(d.explanation_facts, rules, services),
                                      kRendererVersion);
      if (lines) d.explanation = std::move(*lines);
    }
  };

  if (explain && !facts.eligible) line({.kind = LineKind::kNotEligible});

  // Candidates: matching rules in order, each rule's services by priority.
  Candidate candidates[32];
  std::size_t count = 0;
  for (std::size_t r = 0; r < rules.rules.size(); ++r) {
    const auto& rule = rules.rules[r];
    const auto rule_index = static_cast<std::int16_t>(r);
    if (!explain) {
      if (!matches(rule.when, facts)) continue;
    } else if (auto [reason, value] = why_not(rule.when, facts); reason != Reason::kNone) {
      line({.kind = LineKind::kPassedOver, .reason = reason, .rule = rule_index, .value = value});
      continue;
    } else {
      line({.kind = LineKind::kMatched, .rule = rule_index});
    }
    for (std::size_t i = 0; i < rule.services.size(); ++i) {
      if (count < std::size(candidates)) {
        candidates[count++] = {&rule.services[i], &rule, rule_index, static_cast<std::int16_t>(i)};
      }
    }
  }

  const Candidate* first_known = nullptr;
  for (std::size_t i = 0; i < count; ++i) {
    const auto& c = candidates[i];
    const auto* state = services.find(c.choice->service_id);
    if (state == nullptr) {
      line({.kind = LineKind::kSkipped, .rule = c.rule_index, .choice = c.choice_index});
      continue;
    }
    if (first_known == nullptr) first_known = &c;
    if (state->full()) {
      line({.kind = LineKind::kFull,
            .rule = c.rule_index,
            .choice = c.choice_index,
            .open_cases = state->open_cases,
            .capacity = state->capacity,
            .more = i + 1 < count});
      continue;
    }
    d.outcome = Outcome::kRouted;
    d.service_id = state->id;
    d.matched_rule = c.rule->id;
    d.refer_directly = c.choice->refer_directly;
    line({.kind = LineKind::kChosen, .rule = c.rule_index, .choice = c.choice_index});
    render();
    return d;
  }
  if (first_known != nullptr) {
    d.outcome = Outcome::kQueued;
    d.service_id = first_known->choice->service_id;
    d.matched_rule = first_known->rule->id;
    line({.kind = LineKind::kQueued, .rule = first_known->rule_index, .choice = first_known->choice_index});
    render();
    return d;
  }

  // No rule chose a service.
  const std::string& fallback = facts.eligible ? rules.fallback_service : rules.asb_service;
  if (fallback.empty()) {
    d.outcome = Outcome::kSignposted;
    d.funding = FundingStream::kNone;
    d.matched_rule = "signpost";
    line({.kind = LineKind::kSignposted});
    render();
    return d;
  }
  d.matched_rule = facts.eligible ? "fallback" : "asb";
  d.service_id = fallback;
  const auto* state = services.find(fallback);
  d.outcome = state != nullptr && state->full() ? Outcome::kQueued : Outcome::kRouted;
  line({.kind = LineKind::kFallback,
        .value = facts.eligible ? 1 : 0,
        .more = d.outcome == Outcome::kQueued});
  render();
  return d;
}

std::string_view outcome_code(Outcome outcome) {
  switch (outcome) {
    case Outcome::kRouted: return "routed";
    case Outcome::kQueued: return "queued";
    case Outcome::kSignposted: return "signposted";
  }
  return "";
}

std::string_view funding_code(FundingStream funding) {
  switch (funding) {
    case FundingStream::kVictimsGrant: return "victims_grant";
    case FundingStream::kAsbSupport: return "asb_support";
    case FundingStream::kNone: return "none";
  }
  return "";
}

}  // namespace vg::routing
