// The explanation's text builder as decide() had it before decisions were stored as facts
// (commit 941c419, src/domain/routing/decide.cpp), kept word for word as the reference the renderer
// must match. Test-only: nothing in src/ may use it.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "domain/routing/decide.h"

namespace vg::routing::legacy {
namespace detail {


inline bool intersects(const CodeSet& wanted, const CodeSet& have) {
  for (int w : wanted) {
    if (std::find(have.begin(), have.end(), w) != have.end()) return true;
  }
  return false;
}

inline bool one_of(const CodeSet& wanted, int have) {
  return std::find(wanted.begin(), wanted.end(), have) != wanted.end();
}

inline std::string words(std::string_view code) {
  std::string out(code);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

// How a call handler would say each flag.
inline std::string flag_words(std::uint32_t bit) {
  if (bit == kNonCrimeAsb) return "non-crime anti-social behaviour";
  return words(flag_code(static_cast<Flag>(bit)));
}

inline std::string list(const Codes& codes, const CodeSet& set) {
  std::string out;
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (i > 0) out += i + 1 == set.size() ? " or " : ", ";
    out += words(codes.name(set[i]));
  }
  return out;
}

inline std::string fact_name(const Codes& codes, int id, std::string_view unknown) {
  return id >= 0 ? words(codes.name(id)) : std::string(unknown);
}

// Empty when the condition holds; otherwise why not, in words a call handler can say.
inline std::string why_not(const Condition& c, const RoutingFacts& f, const Codes& codes) {
  if ((f.flags & c.flags_all) != c.flags_all) {
    for (std::uint32_t bit = 1; bit != 0 && bit <= c.flags_all; bit <<= 1) {
      if ((c.flags_all & bit) && !(f.flags & bit)) {
        return "no " + flag_words(bit) + " flag";
      }
    }
  }
  if ((f.flags & c.flags_none) != 0) {
    for (std::uint32_t bit = 1; bit != 0 && bit <= c.flags_none; bit <<= 1) {
      if ((c.flags_none & bit) && (f.flags & bit)) {
        return flag_words(bit) + " flag is set";
      }
    }
  }
  if (!c.offence_categories.empty() && !one_of(c.offence_categories, f.offence_category)) {
    return "the offence is " + fact_name(codes, f.offence_category, "another category") + ", not " +
           list(codes, c.offence_categories);
  }
  if (!c.age_bands.empty() && !one_of(c.age_bands, f.age_band)) {
    return "age is " + fact_name(codes, f.age_band, "another band") + ", not " + list(codes, c.age_bands);
  }
  if (!c.victim_types.empty() && !one_of(c.victim_types, f.victim_type)) {
    return "the victim is a " + fact_name(codes, f.victim_type, "different kind of victim");
  }
  if (!c.risk_levels.empty() && !one_of(c.risk_levels, f.risk_level)) {
    return "risk is " + fact_name(codes, f.risk_level, "another level") + ", not " + list(codes, c.risk_levels);
  }
  if (!c.enhanced_reasons.empty() && !intersects(c.enhanced_reasons, f.enhanced_reasons)) {
    return "no enhanced right for " + list(codes, c.enhanced_reasons);
  }
  if (!c.local_authorities.empty() && !one_of(c.local_authorities, f.local_authority)) {
    return "it did not happen in " + list(codes, c.local_authorities);
  }
  if (!c.needs.empty() && !intersects(c.needs, f.needs)) {
    return "no need for " + list(codes, c.needs);
  }
  if (!c.hate_strands.empty() && !intersects(c.hate_strands, f.hate_strands)) {
    return "no " + list(codes, c.hate_strands) + " hate crime strand";
  }
  if (c.marac_required >= 0 && (c.marac_required == 1) != f.marac_required) {
    return f.marac_required ? "a MARAC referral is required" : "no MARAC referral is required";
  }
  if (c.eligible >= 0 && (c.eligible == 1) != f.eligible) {
    return f.eligible ? "it is a crime" : "it is anti-social behaviour that is not a crime";
  }
  return {};
}

// The same test as why_not, without building any text: the hot path.
inline bool matches(const Condition& c, const RoutingFacts& f) {
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

inline std::string name_of(const ServiceStates& services, const std::string& id) {
  const auto* s = services.find(id);
  return s != nullptr ? s->name : "service " + id + " (not in the directory)";
}

struct Candidate {
  const ServiceChoice* choice;
  const Rule* rule;
};

// "Chosen: X", and when better choices were full, which service takes the referral instead and
// why: "Chosen: RASASC helpline instead, because RASA ISVA is full", or, when the service is a
// later rule's, that rule's own words.
inline std::string chosen_line(const std::string& name, const Candidate& chosen,
                        const std::vector<const Candidate*>& full, const ServiceStates& services) {
  if (full.empty()) return "Chosen: " + name;
  std::string which;
  for (std::size_t i = 0; i < full.size(); ++i) {
    if (i > 0) which += i + 1 == full.size() ? " and " : ", ";
    which += name_of(services, full[i]->choice->service_id);
  }
  std::string out = "Chosen: " + name + " instead, because " + which +
                    (full.size() == 1 ? " is full" : " are full");
  const bool same_rule = std::all_of(full.begin(), full.end(),
                                     [&](const Candidate* c) { return c->rule == chosen.rule; });
  if (!same_rule) out += "; the next rule that applies is \"" + chosen.rule->explain + "\"";
  return out;
}

}  // namespace detail

using namespace detail;

inline RoutingDecision legacy_decide(const RuleSet& rules, const RoutingFacts& facts,
                       const ServiceStates& services, bool explain) {
  RoutingDecision d;
  d.rule_set_version = rules.version;
  d.funding = facts.eligible ? FundingStream::kVictimsGrant : FundingStream::kAsbSupport;
  auto line = [&](std::string rule_id, bool matched, std::string text) {
    if (explain) d.explanation.push_back({std::move(rule_id), matched, std::move(text)});
  };

  if (explain && !facts.eligible) {
    line("", true,
         "Anti-social behaviour that is not a crime: recorded as not eligible for the victims' "
         "grant");
  }

  // Candidates: matching rules in order, each rule's services by priority.
  Candidate candidates[32];
  std::size_t count = 0;
  for (const auto& rule : rules.rules) {
    if (!explain) {
      if (!matches(rule.when, facts)) continue;
    } else if (auto reason = why_not(rule.when, facts, rules.codes); !reason.empty()) {
      line(rule.id, false, "Passed over: " + rule.explain + " (" + reason + ")");
      continue;
    } else {
      std::string names;
      for (std::size_t i = 0; i < rule.services.size(); ++i) {
        names += (i == 0 ? "" : ", then ") + name_of(services, rule.services[i].service_id);
      }
      line(rule.id, true, rule.explain + " → " + names);
    }
    for (const auto& choice : rule.services) {
      if (count < std::size(candidates)) candidates[count++] = {&choice, &rule};
    }
  }

  const Candidate* first_known = nullptr;
  std::vector<const Candidate*> full;  // passed over for want of room, in order (explaining only)
  for (std::size_t i = 0; i < count; ++i) {
    const auto& c = candidates[i];
    const auto* state = services.find(c.choice->service_id);
    if (state == nullptr) {
      line(c.rule->id, false, "Skipped: service " + c.choice->service_id + " is not in the directory");
      continue;
    }
    if (first_known == nullptr) first_known = &c;
    if (state->full()) {
      line(c.rule->id, false,
           state->name + " is full (" + std::to_string(state->open_cases) + " of " +
               std::to_string(state->capacity) + " open cases)" +
               (i + 1 < count ? ": trying the next service" : ""));
      if (explain) full.push_back(&c);
      continue;
    }
    d.outcome = Outcome::kRouted;
    d.service_id = state->id;
    d.matched_rule = c.rule->id;
    d.refer_directly = c.choice->refer_directly;
    if (explain) line(c.rule->id, true, chosen_line(state->name, c, full, services));
    return d;
  }
  if (first_known != nullptr) {
    const auto* state = services.find(first_known->choice->service_id);
    d.outcome = Outcome::kQueued;
    d.service_id = state->id;
    d.matched_rule = first_known->rule->id;
    line(first_known->rule->id, true,
         "Every matching service is full: queued for " + state->name +
             " and flagged for a team leader");
    return d;
  }

  // No rule chose a service.
  std::string fallback = facts.eligible ? rules.fallback_service : rules.asb_service;
  if (fallback.empty()) {
    d.outcome = Outcome::kSignposted;
    d.funding = FundingStream::kNone;
    d.matched_rule = "signpost";
    line("", true,
         "This area has no support service for anti-social behaviour that is not a crime: give "
         "the victim directory information instead");
    return d;
  }
  d.matched_rule = facts.eligible ? "fallback" : "asb";
  d.service_id = fallback;
  const auto* state = services.find(fallback);
  const std::string name = name_of(services, fallback);
  d.outcome = state != nullptr && state->full() ? Outcome::kQueued : Outcome::kRouted;
  line("", true,
       std::string(facts.eligible ? "No specialist rule applies → " : "Anti-social behaviour support → ") +
           name + (d.outcome == Outcome::kQueued ? " (full: queued and flagged for a team leader)" : ""));
  return d;
}

}  // namespace vg::routing::legacy
