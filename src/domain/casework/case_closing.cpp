#include "domain/casework/case_closing.h"

#include <array>
#include <utility>

namespace vg::casework {
namespace {

constexpr std::array<std::pair<CloseReason, std::string_view>, 6> kCodes{{
    {CloseReason::kSupportCompleted, "support_completed"},
    {CloseReason::kDeclinedSupport, "declined_support"},
    {CloseReason::kUnableToContact, "unable_to_contact"},
    {CloseReason::kReferredOnAndClosed, "referred_on_and_closed"},
    {CloseReason::kMovedOutOfArea, "moved_out_of_area"},
    {CloseReason::kOther, "other"},
}};

}  // namespace

const std::vector<CloseReason>& close_reasons() {
  static const std::vector<CloseReason> kReasons{
      CloseReason::kSupportCompleted, CloseReason::kDeclinedSupport,
      CloseReason::kUnableToContact,  CloseReason::kReferredOnAndClosed,
      CloseReason::kMovedOutOfArea,   CloseReason::kOther};
  return kReasons;
}

std::string_view to_code(CloseReason reason) {
  for (const auto& [r, code] : kCodes) {
    if (r == reason) return code;
  }
  return "other";
}

std::string_view to_label(CloseReason reason) {
  switch (reason) {
    case CloseReason::kSupportCompleted:
      return "Support completed";
    case CloseReason::kDeclinedSupport:
      return "They declined support";
    case CloseReason::kUnableToContact:
      return "Unable to contact them";
    case CloseReason::kReferredOnAndClosed:
      return "Referred on to another service and closed here";
    case CloseReason::kMovedOutOfArea:
      return "They moved out of the area";
    case CloseReason::kOther:
      return "Another reason";
  }
  return "Another reason";
}

std::optional<CloseReason> close_reason_from_code(std::string_view code) {
  for (const auto& [r, c] : kCodes) {
    if (c == code) return r;
  }
  return std::nullopt;
}

Result<Closing> check_closing(CaseStatus status, const std::optional<NeedRatings>& assessed,
                              const std::vector<NeedDomain>& domains,
                              const ClosingAnswers& answers) {
  if (status == CaseStatus::kClosed) {
    return fail("conflict", "The case is already closed",
                {{"reason", "closed", "The case is already closed"}});
  }
  std::vector<FieldError> errors;
  Closing closing;
  auto reason = close_reason_from_code(answers.reason);
  if (!reason) {
    errors.push_back({"reason", "required", "Select why the case is closing"});
  } else if (*reason == CloseReason::kSupportCompleted && !assessed) {
    errors.push_back({"reason", "not_assessed",
                      "Complete the needs assessment before closing with support completed"});
  } else {
    closing.reason = *reason;
  }
  if (assessed) {
    auto ratings = read_ratings(domains, answers.ratings, "at close");
    if (ratings) {
      closing.at_close = std::move(*ratings);
      closing.outcomes = need_outcomes(*assessed, closing.at_close);
    } else {
      for (auto& e : ratings.error().fields) errors.push_back(std::move(e));
    }
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The case cannot close yet");
  return closing;
}

}  // namespace vg::casework
