#include "domain/routing/explanation_reader.h"

#include <string>
#include <string_view>

#include "domain/routing/routing_facts.h"

namespace vg::routing {
namespace {

constexpr std::string_view kNotEligible =
    "Anti-social behaviour that is not a crime: recorded as not eligible for the victims' grant";
constexpr std::string_view kSignposted =
    "This area has no support service for anti-social behaviour that is not a crime: give the "
    "victim directory information instead";
constexpr std::string_view kFallback = "No specialist rule applies → ";
constexpr std::string_view kAsb = "Anti-social behaviour support → ";
constexpr std::string_view kQueuedFallback = " (full: queued and flagged for a team leader)";
constexpr std::string_view kPassedOver = "Passed over: ";
constexpr std::string_view kSkipped = "Skipped: service ";
constexpr std::string_view kChosen = "Chosen: ";
constexpr std::string_view kQueued = "Every matching service is full: queued for ";
constexpr std::string_view kNext = ": trying the next service";

std::string not_in_directory(const std::string& id) {
  return "service " + id + " (not in the directory)";
}

// A name as a line showed it: a service that was not in the directory has no name to keep.
void keep_name(ShownNames& names, const std::string& id, std::string_view shown) {
  if (shown != not_in_directory(id)) names.add(id, std::string(shown));
}

// An interned code from its words ("18 to 64"), or -1 for the renderer's word for a value no rule
// names; nothing when neither.
std::optional<int> code_of(const Codes& codes, std::string_view shown, std::string_view unknown) {
  if (shown == unknown) return -1;
  for (int id = 0; id < codes.size(); ++id) {
    if (code_words(codes.name(id)) == shown) return id;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> flag_of(std::string_view shown) {
  for (std::uint32_t bit = 1; bit <= kNonCrimeAsb; bit <<= 1) {
    if (flag_words(bit) == shown) return bit;
  }
  return std::nullopt;
}

// The value before ", not …" in "age is 18 to 64, not under 18".
std::string_view before_not(std::string_view rest) {
  const auto at = rest.find(", not ");
  return at == std::string_view::npos ? rest : rest.substr(0, at);
}

bool read_reason(std::string_view r, const Codes& codes, ExplanationFact& f) {
  auto coded = [&](Reason reason, std::string_view value, std::string_view unknown) {
    auto id = code_of(codes, value, unknown);
    if (!id) return false;
    f.reason = reason;
    f.value = *id;
    return true;
  };
  if (r == "a MARAC referral is required" || r == "no MARAC referral is required") {
    f.reason = Reason::kMarac;
    f.value = r.starts_with("a ") ? 1 : 0;
    return true;
  }
  if (r == "it is a crime" || r == "it is anti-social behaviour that is not a crime") {
    f.reason = Reason::kEligible;
    f.value = r == "it is a crime" ? 1 : 0;
    return true;
  }
  if (r.starts_with("no enhanced right for ")) return f.reason = Reason::kEnhanced, true;
  if (r.starts_with("it did not happen in ")) return f.reason = Reason::kLocalAuthority, true;
  if (r.starts_with("no need for ")) return f.reason = Reason::kNeeds, true;
  if (r.starts_with("no ") && r.ends_with(" hate crime strand")) return f.reason = Reason::kHateStrand, true;
  if (r.starts_with("the offence is ")) {
    return coded(Reason::kOffence, before_not(r.substr(15)), "another category");
  }
  if (r.starts_with("age is ")) return coded(Reason::kAge, before_not(r.substr(7)), "another band");
  if (r.starts_with("risk is ")) return coded(Reason::kRisk, before_not(r.substr(8)), "another level");
  if (r.starts_with("the victim is a ")) {
    return coded(Reason::kVictimType, r.substr(16), "different kind of victim");
  }
  if (r.starts_with("no ") && r.ends_with(" flag")) {
    auto bit = flag_of(r.substr(3, r.size() - 3 - 5));
    if (!bit) return false;
    f.reason = Reason::kFlagMissing;
    f.value = static_cast<std::int32_t>(*bit);
    return true;
  }
  if (r.ends_with(" flag is set")) {
    auto bit = flag_of(r.substr(0, r.size() - 12));
    if (!bit) return false;
    f.reason = Reason::kFlagSet;
    f.value = static_cast<std::int32_t>(*bit);
    return true;
  }
  return false;
}

struct Candidate {
  std::int16_t rule;
  std::int16_t choice;
};

bool same(const std::vector<ExplanationLine>& a, const std::vector<ExplanationLine>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].rule_id != b[i].rule_id || a[i].matched != b[i].matched || a[i].text != b[i].text) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<ReadExplanation> read_explanation(const std::vector<ExplanationLine>& lines,
                                                const RuleSet& rules) {
  ReadExplanation out;
  // The candidates in the order decide() tries them: each matching rule's services in turn.
  std::vector<Candidate> candidates;
  std::size_t tried = 0;                    // candidates the lines so far have used up
  std::optional<Candidate> first_known;     // the first candidate that was in the directory
  auto next_candidate = [&]() -> std::optional<Candidate> {
    if (tried >= candidates.size()) return std::nullopt;
    return candidates[tried++];
  };
  auto service_of = [&](const Candidate& c) -> const std::string& {
    return rules.rules[static_cast<std::size_t>(c.rule)].services[static_cast<std::size_t>(c.choice)].service_id;
  };

  for (const auto& line : lines) {
    const std::string_view text = line.text;
    ExplanationFact f;
    if (line.rule_id.empty()) {
      if (text == kNotEligible) {
        f.kind = LineKind::kNotEligible;
      } else if (text == kSignposted) {
        f.kind = LineKind::kSignposted;
      } else if (text.starts_with(kFallback) || text.starts_with(kAsb)) {
        f.kind = LineKind::kFallback;
        f.value = text.starts_with(kFallback) ? 1 : 0;
        auto name = text.substr(f.value == 1 ? kFallback.size() : kAsb.size());
        f.more = name.ends_with(kQueuedFallback);
        if (f.more) name.remove_suffix(kQueuedFallback.size());
        keep_name(out.names, fact_service(f, rules), name);
      } else {
        return std::nullopt;
      }
      out.facts.push_back(f);
      continue;
    }
    for (std::size_t i = 0; i < rules.rules.size(); ++i) {
      if (rules.rules[i].id == line.rule_id) f.rule = static_cast<std::int16_t>(i);
    }
    if (f.rule < 0) return std::nullopt;
    const Rule& rule = rules.rules[static_cast<std::size_t>(f.rule)];
    if (!line.matched && text.starts_with(kPassedOver)) {
      f.kind = LineKind::kPassedOver;
      auto rest = text.substr(kPassedOver.size());
      if (!rest.starts_with(rule.explain) || !rest.ends_with(")")) return std::nullopt;
      rest.remove_prefix(rule.explain.size());
      if (!rest.starts_with(" (")) return std::nullopt;
      if (!read_reason(rest.substr(2, rest.size() - 3), rules.codes, f)) return std::nullopt;
    } else if (!line.matched && text.starts_with(kSkipped)) {
      auto c = next_candidate();
      if (!c) return std::nullopt;
      f.kind = LineKind::kSkipped;
      f.rule = c->rule, f.choice = c->choice;
    } else if (line.matched && text.starts_with(kChosen)) {
      auto c = next_candidate();
      if (!c) return std::nullopt;
      f.kind = LineKind::kChosen;
      f.rule = c->rule, f.choice = c->choice;
      auto name = text.substr(kChosen.size());
      name = name.substr(0, name.find(" instead, because "));
      keep_name(out.names, service_of(*c), name);
    } else if (line.matched && text.starts_with(kQueued)) {
      // Queued at the first candidate that was in the directory: every later one was full too.
      if (!first_known) return std::nullopt;
      f.kind = LineKind::kQueued;
      f.rule = first_known->rule, f.choice = first_known->choice;
    } else if (!line.matched && text.find(" is full (") != std::string_view::npos) {
      auto c = next_candidate();
      if (!c) return std::nullopt;
      f.kind = LineKind::kFull;
      f.rule = c->rule, f.choice = c->choice;
      const auto at = text.rfind(" is full (");
      keep_name(out.names, service_of(*c), text.substr(0, at));
      auto figures = text.substr(at + 10);
      f.more = figures.ends_with(kNext);
      if (f.more) figures.remove_suffix(kNext.size());
      int open = 0, capacity = 0;
      std::string tail(figures);
      if (std::sscanf(tail.c_str(), "%d of %d open cases)", &open, &capacity) != 2) return std::nullopt;
      f.open_cases = open;
      f.capacity = capacity;
    } else if (line.matched && text.starts_with(rule.explain + " → ")) {
      f.kind = LineKind::kMatched;
      auto rest = text.substr(rule.explain.size() + 5);  // " → " is five bytes in UTF-8
      for (std::size_t i = 0; i < rule.services.size(); ++i) {
        const auto cut = i + 1 < rule.services.size() ? rest.find(", then ") : std::string_view::npos;
        keep_name(out.names, rule.services[i].service_id, rest.substr(0, cut));
        rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 7);
        if (candidates.size() < 32) {
          candidates.push_back({f.rule, static_cast<std::int16_t>(i)});
        }
      }
    } else {
      return std::nullopt;
    }
    if ((f.kind == LineKind::kFull || f.kind == LineKind::kChosen) && !first_known) {
      first_known = Candidate{f.rule, f.choice};
    }
    out.facts.push_back(f);
  }
  // Only what renders back word for word is kept.
  auto rendered = render_explanation(out.facts, rules, out.names, kRendererVersion);
  if (!rendered || !same(*rendered, lines)) return std::nullopt;
  return out;
}

}  // namespace vg::routing
