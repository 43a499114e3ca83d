#include "app/intake/decision_explanation.h"

#include <boost/json.hpp>

#include "app/intake/area_pack.h"
#include "domain/routing/routing_facts.h"

namespace vg::app {
namespace {

namespace json = boost::json;
using routing::LineKind;
using routing::Reason;

constexpr std::pair<LineKind, std::string_view> kKinds[] = {
    {LineKind::kNotEligible, "not_eligible"}, {LineKind::kPassedOver, "passed_over"},
    {LineKind::kMatched, "matched"},          {LineKind::kSkipped, "skipped"},
    {LineKind::kFull, "full"},                {LineKind::kChosen, "chosen"},
    {LineKind::kQueued, "queued"},            {LineKind::kSignposted, "signposted"},
    {LineKind::kFallback, "fallback"},
};

constexpr std::pair<Reason, std::string_view> kReasons[] = {
    {Reason::kFlagMissing, "flag_missing"},
    {Reason::kFlagSet, "flag_set"},
    {Reason::kOffence, "offence_category"},
    {Reason::kAge, "age_band"},
    {Reason::kVictimType, "victim_type"},
    {Reason::kRisk, "risk_level"},
    {Reason::kEnhanced, "enhanced_reasons"},
    {Reason::kLocalAuthority, "local_authority"},
    {Reason::kNeeds, "needs"},
    {Reason::kHateStrand, "hate_strands"},
    {Reason::kMarac, "marac_required"},
    {Reason::kEligible, "eligible"},
};

bool coded(Reason r) {
  return r == Reason::kOffence || r == Reason::kAge || r == Reason::kVictimType || r == Reason::kRisk;
}

bool has_service(LineKind k) {
  return k == LineKind::kSkipped || k == LineKind::kFull || k == LineKind::kChosen ||
         k == LineKind::kQueued;
}

bool has_rule(LineKind k) { return k == LineKind::kPassedOver || k == LineKind::kMatched || has_service(k); }

Error unreadable(std::string why) {
  return Error{"validation_failed", "The stored explanation cannot be read: " + why, {}};
}

}  // namespace

json::object explanation_facts_json(const routing::ExplanationFacts& facts,
                                    const routing::RuleSet& rules, const routing::ShownNames& names,
                                    json::storage_ptr sp) {
  json::object out(sp);
  out["renderer"] = routing::kRendererVersion;
  json::object shown(sp);
  for (const auto& [id, name] : names.entries()) shown[id] = name;
  out["names"] = std::move(shown);
  json::array lines(sp);
  lines.reserve(facts.size());
  for (const auto& f : facts) {
    json::array l(sp);
    for (const auto& [kind, code] : kKinds) {
      if (kind == f.kind) l.emplace_back(code);
    }
    if (has_rule(f.kind)) l.emplace_back(rules.rules[static_cast<std::size_t>(f.rule)].id);
    if (has_service(f.kind)) l.emplace_back(routing::fact_service(f, rules));
    if (f.kind == LineKind::kPassedOver) {
      for (const auto& [reason, code] : kReasons) {
        if (reason == f.reason) l.emplace_back(code);
      }
      if (f.reason == Reason::kFlagMissing || f.reason == Reason::kFlagSet) {
        l.emplace_back(routing::flag_code(static_cast<routing::Flag>(f.value)));
      } else if (coded(f.reason)) {
        if (f.value >= 0) {
          l.emplace_back(rules.codes.name(f.value));
        } else {
          l.emplace_back(nullptr);  // a value no rule names: said as "another ..."
        }
      } else if (f.reason == Reason::kMarac || f.reason == Reason::kEligible) {
        l.emplace_back(f.value == 1);
      }
    } else if (f.kind == LineKind::kFull) {
      l.emplace_back(f.open_cases);
      l.emplace_back(f.capacity);
      l.emplace_back(f.more);
    } else if (f.kind == LineKind::kFallback) {
      l.emplace_back(f.value == 1);  // eligible: the area's fallback; else its ASB service
      l.emplace_back(f.more);        // the service was full: queued
    }
    lines.push_back(std::move(l));
  }
  out["lines"] = std::move(lines);
  return out;
}

Result<StoredExplanation> explanation_facts_from_json(const json::object& stored,
                                                      const routing::RuleSet& rules) {
  StoredExplanation out;
  const auto* renderer = stored.if_contains("renderer");
  const auto* names = stored.if_contains("names");
  const auto* lines = stored.if_contains("lines");
  if (!renderer || !renderer->is_string() || !names || !names->is_object() || !lines ||
      !lines->is_array()) {
    return std::unexpected(unreadable("renderer, names and lines are required"));
  }
  out.renderer = std::string(renderer->as_string());
  for (const auto& member : names->as_object()) {
    if (!member.value().is_string()) return std::unexpected(unreadable("a name is not text"));
    out.names.add(std::string(member.key()), std::string(member.value().as_string()));
  }
  for (const auto& value : lines->as_array()) {
    if (!value.is_array() || value.as_array().empty() || !value.as_array()[0].is_string()) {
      return std::unexpected(unreadable("a line is not [kind, ...]"));
    }
    const auto& l = value.as_array();
    std::size_t at = 1;
    auto next = [&]() -> const json::value* { return at < l.size() ? &l[at++] : nullptr; };
    routing::ExplanationFact f;
    bool known = false;
    for (const auto& [kind, code] : kKinds) {
      if (code == l[0].as_string()) f.kind = kind, known = true;
    }
    if (!known) return std::unexpected(unreadable("unknown line kind"));
    if (has_rule(f.kind)) {
      const auto* id = next();
      if (!id || !id->is_string()) return std::unexpected(unreadable("a line without its rule"));
      for (std::size_t i = 0; i < rules.rules.size(); ++i) {
        if (rules.rules[i].id == id->as_string()) f.rule = static_cast<std::int16_t>(i);
      }
      if (f.rule < 0) return std::unexpected(unreadable("rule " + std::string(id->as_string()) + " is not in the rule set"));
    }
    if (has_service(f.kind)) {
      const auto* id = next();
      if (!id || !id->is_string()) return std::unexpected(unreadable("a line without its service"));
      const auto& choices = rules.rules[static_cast<std::size_t>(f.rule)].services;
      for (std::size_t i = 0; i < choices.size() && f.choice < 0; ++i) {
        if (choices[i].service_id == id->as_string()) f.choice = static_cast<std::int16_t>(i);
      }
      if (f.choice < 0) return std::unexpected(unreadable("a service the rule does not name"));
    }
    if (f.kind == LineKind::kPassedOver) {
      const auto* reason = next();
      if (!reason || !reason->is_string()) return std::unexpected(unreadable("a rule passed over without why"));
      for (const auto& [r, code] : kReasons) {
        if (code == reason->as_string()) f.reason = r;
      }
      if (f.reason == Reason::kNone) return std::unexpected(unreadable("unknown reason"));
      const auto* v = next();
      if (f.reason == Reason::kFlagMissing || f.reason == Reason::kFlagSet) {
        if (!v || !v->is_string()) return std::unexpected(unreadable("a flag reason without its flag"));
        f.value = static_cast<std::int32_t>(routing::flag_from_code(v->as_string()));
        if (f.value == 0) return std::unexpected(unreadable("unknown flag"));
      } else if (coded(f.reason)) {
        if (!v || !(v->is_string() || v->is_null())) return std::unexpected(unreadable("a reason without its value"));
        f.value = v->is_null() ? -1 : rules.codes.find(v->as_string());
        if (v->is_string() && f.value < 0) return std::unexpected(unreadable("a code the rule set lacks"));
      } else if (f.reason == Reason::kMarac || f.reason == Reason::kEligible) {
        if (!v || !v->is_bool()) return std::unexpected(unreadable("a reason without its value"));
        f.value = v->as_bool() ? 1 : 0;
      }
    } else if (f.kind == LineKind::kFull) {
      const auto* open = next();
      const auto* capacity = next();
      const auto* more = next();
      if (!open || !open->is_int64() || !capacity || !capacity->is_int64() || !more || !more->is_bool()) {
        return std::unexpected(unreadable("a full service without its figures"));
      }
      f.open_cases = static_cast<std::int32_t>(open->as_int64());
      f.capacity = static_cast<std::int32_t>(capacity->as_int64());
      f.more = more->as_bool();
    } else if (f.kind == LineKind::kFallback) {
      const auto* eligible = next();
      const auto* queued = next();
      if (!eligible || !eligible->is_bool() || !queued || !queued->is_bool()) {
        return std::unexpected(unreadable("a fallback line without its figures"));
      }
      f.value = eligible->as_bool() ? 1 : 0;
      f.more = queued->as_bool();
    }
    out.facts.push_back(f);
  }
  return out;
}

json::array explanation_lines_json(const std::vector<routing::ExplanationLine>& lines,
                                   json::storage_ptr sp) {
  json::array out(sp);
  out.reserve(lines.size());
  for (const auto& line : lines) {
    json::object l({{"matched", line.matched}, {"text", line.text}}, sp);
    if (!line.rule_id.empty()) l["rule"] = line.rule_id;
    out.push_back(std::move(l));
  }
  return out;
}

Result<void> show_explanation(json::object& assessment, const routing::RuleSet& rules) {
  auto* stored = assessment.if_contains("explanation_facts");
  if (stored == nullptr || !stored->is_object()) return {};
  json::array shown(assessment.storage());
  const auto& o = stored->as_object();
  if (const auto* renderer = o.if_contains("renderer");
      renderer && renderer->is_string() && renderer->as_string() == kVerbatimRenderer) {
    // Kept as it was written: the lines are already the shown form.
    if (const auto* lines = o.if_contains("lines"); lines && lines->is_array()) shown = lines->as_array();
  } else {
    auto read = VG_TRY(explanation_facts_from_json(o, rules));
    auto lines = VG_TRY(routing::render_explanation(read.facts, rules, read.names, read.renderer));
    shown = explanation_lines_json(lines, assessment.storage());
  }
  json::object out(assessment.storage());
  out.reserve(assessment.size());
  for (auto& member : assessment) {
    if (member.key() == "explanation_facts") {
      out["explanation"] = std::move(shown);
    } else {
      out[member.key()] = std::move(member.value());
    }
  }
  assessment = std::move(out);
  return {};
}

Result<std::shared_ptr<const routing::RuleSet>> DecisionExplanations::rule_set(
    const std::string& area, const std::string& version) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = rule_sets_.find({area, version}); it != rule_sets_.end()) return it->second;
  }
  auto record = VG_TRY(store_.rule_sets().find_rule_set(area, version));
  if (!record) return not_found("Version " + version + " of the " + area + " routing rules");
  auto rules = std::make_shared<const routing::RuleSet>(VG_TRY(parse_routing_rules(record->document)));
  std::lock_guard lock(mutex_);
  rule_sets_[{area, version}] = rules;
  return rules;
}

Result<std::string> DecisionExplanations::shown(std::string_view stored_assessment) {
  // Most stored text needs nothing done: only a decision stored as facts is parsed.
  if (stored_assessment.find("\"explanation_facts\"") == std::string_view::npos) {
    return std::string(stored_assessment);
  }
  boost::system::error_code ec;
  auto value = json::parse(stored_assessment, ec);
  if (ec || !value.is_object()) return fail("internal", "A stored assessment is not JSON");
  auto& o = value.as_object();
  const auto* area = o.if_contains("area");
  const auto* version = o.if_contains("rule_set_version");
  if (!area || !area->is_string() || !version || !version->is_string()) {
    return fail("internal", "A stored assessment names no rule set");
  }
  auto rules = VG_TRY(rule_set(std::string(area->as_string()), std::string(version->as_string())));
  VG_CHECK(show_explanation(o, *rules));
  return json::serialize(o);
}

}  // namespace vg::app
