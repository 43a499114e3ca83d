// What a routing decision's explanation says, as facts rather than text: one entry per line,
// with the rule, the service and the figures it shows. Rendered into words by explanation_renderer.
// Holds no names and builds no strings: it must stay cheap enough to record on every decision.
#pragma once

#include <cstdint>
#include <vector>

namespace vg::routing {

// What kind of line it is: each kind is one of the renderer's sentences.
enum class LineKind : std::uint8_t {
  kNotEligible,  // non-crime anti-social behaviour: not eligible for the victims' grant
  kPassedOver,   // a rule that did not apply, and why (`reason`, `value`)
  kMatched,      // a rule that applied, with its services in order
  kSkipped,      // a rule's service that is not in the directory
  kFull,         // a rule's service with no room (`open_cases` of `capacity`)
  kChosen,       // the service chosen (after every kFull line before it)
  kQueued,       // every matching service is full: queued at the first known one
  kSignposted,   // no ASB support in the area: directory information instead
  kFallback,     // no rule chose: the area's fallback (or ASB) service
};

// Why a rule was passed over: the first condition that did not hold, in the order they are tested.
enum class Reason : std::uint8_t {
  kNone,
  kFlagMissing,     // value: the flag's bit
  kFlagSet,         // value: the flag's bit
  kOffence,         // value: the victim's offence category (an interned code; -1 unknown)
  kAge,             // value: the age band
  kVictimType,      // value: the victim type
  kRisk,            // value: the risk level
  kEnhanced,        // no value: the rule's list is shown
  kLocalAuthority,  // no value
  kNeeds,           // no value
  kHateStrand,      // no value
  kMarac,           // value: 1 when a MARAC referral is required
  kEligible,        // value: 1 when it is a crime
};

struct ExplanationFact {
  LineKind kind = LineKind::kMatched;
  Reason reason = Reason::kNone;
  std::int16_t rule = -1;    // index in RuleSet::rules; -1 for lines of no rule
  std::int16_t choice = -1;  // index in that rule's services (skipped, full, chosen, queued)
  std::int32_t value = -1;   // see Reason
  std::int32_t open_cases = 0;
  std::int32_t capacity = 0;
  // kFull: another candidate follows ("trying the next service"); kFallback: the service is full
  // and the referral queued; kFallback also says, in `value`, 1 eligible (fallback) or 0 (ASB).
  bool more = false;
};

using ExplanationFacts = std::vector<ExplanationFact>;

}  // namespace vg::routing
