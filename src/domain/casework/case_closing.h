// Closing a case: why it closed (a fixed list of reasons, so outcomes can be counted) and what a
// close must bring with it: every need rated again when the needs were assessed, so each need's
// outcome is measured at close. Pure rules; no I/O. Never holds anything the victim said.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/casework/case_records.h"
#include "domain/casework/needs.h"
#include "domain/result.h"

namespace vg::casework {

enum class CloseReason {
  kSupportCompleted,
  kDeclinedSupport,
  kUnableToContact,
  kReferredOnAndClosed,
  kMovedOutOfArea,
  kOther,
};

const std::vector<CloseReason>& close_reasons();  // in the order the form lists them
std::string_view to_code(CloseReason reason);     // "support_completed" | "declined_support" | ...
std::string_view to_label(CloseReason reason);    // "Support completed" | ...
std::optional<CloseReason> close_reason_from_code(std::string_view code);

// What the caseworker answers on the close form.
struct ClosingAnswers {
  std::string reason;                          // a CloseReason code
  std::map<std::string, std::string> ratings;  // domain code -> rating code, at close
};

// What a valid close is: the reason, and the ratings at close (empty when the needs were never
// assessed, so no outcome can be measured).
struct Closing {
  CloseReason reason = CloseReason::kOther;
  NeedRatings at_close;
  std::map<std::string, NeedOutcome> outcomes;
};

// Checks a close of a case in `status` whose needs were rated `assessed` (nullopt: never
// assessed) against the list `domains`. Refused, with every reason at once:
// - `conflict` (field "reason") when the case is already closed;
// - a missing or unknown reason (field "reason");
// - after an assessment, any need not rated again (rating_field(code)): outcomes are measured;
// - "support completed" without a needs assessment: there is nothing to measure it by.
Result<Closing> check_closing(CaseStatus status, const std::optional<NeedRatings>& assessed,
                              const std::vector<NeedDomain>& domains,
                              const ClosingAnswers& answers);

}  // namespace vg::casework
