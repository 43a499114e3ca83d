// Erasure on a person's request (their right to erasure), where the law allows it: never while a
// legal hold is in force, never a case still being worked (close it first), and never the MARAC
// history the repeat rule needs for 12 months (kept stripped to codes and dates, as retention
// keeps it). Pure: today is passed in; the store checks the hold again as it erases.
#pragma once

#include <optional>
#include <string_view>

#include "domain/protection/retention.h"

namespace vg::protection {

enum class ErasureRefusal {
  kHeld,      // a legal hold is in force
  kOpen,      // the case is still open
  kErasedAlready,
};
std::string_view to_code(ErasureRefusal refusal);     // "held" | "open" | "erased_already"
std::string_view to_message(ErasureRefusal refusal);  // what the person asking is told

struct ErasureRequestDecision {
  std::optional<ErasureRefusal> refused;  // nullopt: it may be erased now
  // Kept (codes and dates only) through this day, for the repeat rule; nullopt: nothing kept.
  std::optional<Date> keep_marac_until;
};

// `facts` as retention reads them (held, closed_on, last MARAC referral); `erased` when the
// ledger has the case already. A hold or an open case refuses; otherwise the MARAC history is
// kept as decide_retention would keep it today.
ErasureRequestDecision decide_erasure_request(const RetentionFacts& facts, bool erased,
                                              const RetentionPeriods& periods, Date today);

}  // namespace vg::protection
