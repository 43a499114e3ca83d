#include "domain/protection/erasure_request.h"

namespace vg::protection {

std::string_view to_code(ErasureRefusal refusal) {
  switch (refusal) {
    case ErasureRefusal::kHeld:
      return "held";
    case ErasureRefusal::kOpen:
      return "open";
    case ErasureRefusal::kErasedAlready:
      return "erased_already";
  }
  return "held";
}

std::string_view to_message(ErasureRefusal refusal) {
  switch (refusal) {
    case ErasureRefusal::kHeld:
      return "A legal hold is in force on this case: lift it before erasing";
    case ErasureRefusal::kOpen:
      return "The case is still open: close it before erasing";
    case ErasureRefusal::kErasedAlready:
      return "This case's personal data has been erased already";
  }
  return "This case cannot be erased";
}

ErasureRequestDecision decide_erasure_request(const RetentionFacts& facts, bool erased,
                                              const RetentionPeriods& periods, Date today) {
  ErasureRequestDecision decision;
  if (erased) {
    decision.refused = ErasureRefusal::kErasedAlready;
  } else if (facts.held) {
    decision.refused = ErasureRefusal::kHeld;
  } else if (!facts.close_reason || !facts.closed_on) {
    decision.refused = ErasureRefusal::kOpen;
  }
  // The MARAC history is kept exactly as the schedule would keep it today.
  decision.keep_marac_until = decide_retention(facts, periods, today).keep_marac_until;
  return decision;
}

}  // namespace vg::protection
