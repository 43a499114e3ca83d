#include "domain/routing/explanation_renderer.h"

#include <algorithm>

#include "domain/routing/routing_facts.h"

namespace vg::routing {
namespace {

std::string words(std::string_view code) { return code_words(code); }

std::string list(const Codes& codes, const CodeSet& set) {
  std::string out;
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (i > 0) out += i + 1 == set.size() ? " or " : ", ";
    out += words(codes.name(set[i]));
  }
  return out;
}

std::string fact_name(const Codes& codes, int id, std::string_view unknown) {
  return id >= 0 ? words(codes.name(id)) : std::string(unknown);
}

// Version 1's reason, in words a call handler can say.
std::string why_not(const ExplanationFact& f, const Condition& c, const Codes& codes) {
  switch (f.reason) {
    case Reason::kFlagMissing: return "no " + flag_words(static_cast<std::uint32_t>(f.value)) + " flag";
    case Reason::kFlagSet: return flag_words(static_cast<std::uint32_t>(f.value)) + " flag is set";
    case Reason::kOffence:
      return "the offence is " + fact_name(codes, f.value, "another category") + ", not " +
             list(codes, c.offence_categories);
    case Reason::kAge:
      return "age is " + fact_name(codes, f.value, "another band") + ", not " + list(codes, c.age_bands);
    case Reason::kVictimType:
      return "the victim is a " + fact_name(codes, f.value, "different kind of victim");
    case Reason::kRisk:
      return "risk is " + fact_name(codes, f.value, "another level") + ", not " + list(codes, c.risk_levels);
    case Reason::kEnhanced: return "no enhanced right for " + list(codes, c.enhanced_reasons);
    case Reason::kLocalAuthority: return "it did not happen in " + list(codes, c.local_authorities);
    case Reason::kNeeds: return "no need for " + list(codes, c.needs);
    case Reason::kHateStrand: return "no " + list(codes, c.hate_strands) + " hate crime strand";
    case Reason::kMarac:
      return f.value == 1 ? "a MARAC referral is required" : "no MARAC referral is required";
    case Reason::kEligible:
      return f.value == 1 ? "it is a crime" : "it is anti-social behaviour that is not a crime";
    case Reason::kNone: break;
  }
  return {};
}

std::string name_of(const ShownNames& names, const std::string& id) {
  const auto* name = names.find(id);
  return name != nullptr ? *name : "service " + id + " (not in the directory)";
}

bool fits(const ExplanationFact& f, const RuleSet& rules) {
  const bool needs_rule = f.kind == LineKind::kPassedOver || f.kind == LineKind::kMatched ||
                          f.kind == LineKind::kSkipped || f.kind == LineKind::kFull ||
                          f.kind == LineKind::kChosen || f.kind == LineKind::kQueued;
  if (!needs_rule) return true;
  if (f.rule < 0 || static_cast<std::size_t>(f.rule) >= rules.rules.size()) return false;
  const bool needs_choice = f.kind != LineKind::kPassedOver && f.kind != LineKind::kMatched;
  const auto& services = rules.rules[static_cast<std::size_t>(f.rule)].services;
  if (needs_choice && (f.choice < 0 || static_cast<std::size_t>(f.choice) >= services.size())) {
    return false;
  }
  if (f.kind == LineKind::kPassedOver) {
    if (f.reason == Reason::kNone) return false;
  }
  return true;
}

// Version 1: the sentences decide() built as text until the explanation was stored as facts.
std::vector<ExplanationLine> render_v1(const ExplanationFacts& facts, const RuleSet& rules,
                                       const ShownNames& names) {
  std::vector<ExplanationLine> out;
  out.reserve(facts.size());
  std::vector<const ExplanationFact*> full;  // the services passed over for want of room so far
  for (const auto& f : facts) {
    const Rule* rule = f.rule >= 0 ? &rules.rules[static_cast<std::size_t>(f.rule)] : nullptr;
    const std::string rule_id = rule != nullptr ? rule->id : std::string();
    switch (f.kind) {
      case LineKind::kNotEligible:
        out.push_back({"", true,
                       "Anti-social behaviour that is not a crime: recorded as not eligible for "
                       "the victims' grant"});
        break;
      case LineKind::kPassedOver:
        out.push_back({rule_id, false,
                       "Passed over: " + rule->explain + " (" + why_not(f, rule->when, rules.codes) + ")"});
        break;
      case LineKind::kMatched: {
        std::string shown;
        for (std::size_t i = 0; i < rule->services.size(); ++i) {
          shown += (i == 0 ? "" : ", then ") + name_of(names, rule->services[i].service_id);
        }
        out.push_back({rule_id, true, rule->explain + " → " + shown});
        break;
      }
      case LineKind::kSkipped:
        out.push_back({rule_id, false,
                       "Skipped: service " + fact_service(f, rules) + " is not in the directory"});
        break;
      case LineKind::kFull:
        out.push_back({rule_id, false,
                       name_of(names, fact_service(f, rules)) + " is full (" +
                           std::to_string(f.open_cases) + " of " + std::to_string(f.capacity) +
                           " open cases)" + (f.more ? ": trying the next service" : "")});
        full.push_back(&f);
        break;
      case LineKind::kChosen: {
        // "Chosen: X", and when better choices were full, which service takes the referral
        // instead and why; when the service is a later rule's, that rule's own words.
        std::string text = "Chosen: " + name_of(names, fact_service(f, rules));
        if (!full.empty()) {
          std::string which;
          for (std::size_t i = 0; i < full.size(); ++i) {
            if (i > 0) which += i + 1 == full.size() ? " and " : ", ";
            which += name_of(names, fact_service(*full[i], rules));
          }
          text += " instead, because " + which + (full.size() == 1 ? " is full" : " are full");
          const bool same_rule = std::all_of(full.begin(), full.end(),
                                             [&](const ExplanationFact* c) { return c->rule == f.rule; });
          if (!same_rule) text += "; the next rule that applies is \"" + rule->explain + "\"";
        }
        out.push_back({rule_id, true, std::move(text)});
        break;
      }
      case LineKind::kQueued:
        out.push_back({rule_id, true,
                       "Every matching service is full: queued for " +
                           name_of(names, fact_service(f, rules)) + " and flagged for a team leader"});
        break;
      case LineKind::kSignposted:
        out.push_back({"", true,
                       "This area has no support service for anti-social behaviour that is not a "
                       "crime: give the victim directory information instead"});
        break;
      case LineKind::kFallback:
        out.push_back({"", true,
                       std::string(f.value == 1 ? "No specialist rule applies → "
                                                : "Anti-social behaviour support → ") +
                           name_of(names, fact_service(f, rules)) +
                           (f.more ? " (full: queued and flagged for a team leader)" : "")});
        break;
    }
  }
  return out;
}

}  // namespace

std::string code_words(std::string_view code) {
  std::string out(code);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string flag_words(std::uint32_t bit) {
  if (bit == kNonCrimeAsb) return "non-crime anti-social behaviour";
  return code_words(flag_code(static_cast<Flag>(bit)));
}

void ShownNames::add(std::string id, std::string name) {
  if (find(id) == nullptr) names_.emplace_back(std::move(id), std::move(name));
}

const std::string* ShownNames::find(std::string_view id) const {
  for (const auto& [key, name] : names_) {
    if (key == id) return &name;
  }
  return nullptr;
}

const std::string& fact_service(const ExplanationFact& fact, const RuleSet& rules) {
  static const std::string none;
  if (fact.kind == LineKind::kFallback) {
    return fact.value == 1 ? rules.fallback_service : rules.asb_service;
  }
  if (fact.rule < 0 || fact.choice < 0) return none;
  return rules.rules[static_cast<std::size_t>(fact.rule)]
      .services[static_cast<std::size_t>(fact.choice)]
      .service_id;
}

ShownNames shown_names(const ExplanationFacts& facts, const RuleSet& rules,
                       const ServiceStates& services) {
  ShownNames out;
  auto show = [&](const std::string& id) {
    if (const auto* s = services.find(id)) out.add(id, s->name);
  };
  for (const auto& f : facts) {
    if (f.kind == LineKind::kMatched && f.rule >= 0) {
      for (const auto& choice : rules.rules[static_cast<std::size_t>(f.rule)].services) {
        show(choice.service_id);
      }
    } else if (f.kind == LineKind::kFull || f.kind == LineKind::kChosen ||
               f.kind == LineKind::kQueued || f.kind == LineKind::kFallback) {
      show(fact_service(f, rules));
    }
  }
  return out;
}

Result<std::vector<ExplanationLine>> render_explanation(const ExplanationFacts& facts,
                                                        const RuleSet& rules,
                                                        const ShownNames& names,
                                                        std::string_view renderer_version) {
  if (renderer_version != kRendererVersion) {
    return validation_failed({{"renderer", "unknown", "is not a renderer version this build has"}},
                             "The explanation was stored by an unknown renderer");
  }
  for (const auto& f : facts) {
    if (!fits(f, rules)) {
      return validation_failed({{"lines", "mismatch", "name a rule or service the rule set lacks"}},
                               "The explanation does not fit rule set " + rules.version);
    }
  }
  return render_v1(facts, rules, names);
}

}  // namespace vg::routing
