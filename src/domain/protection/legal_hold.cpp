#include "domain/protection/legal_hold.h"

namespace vg::protection {

std::string_view to_code(HoldReason reason) {
  switch (reason) {
    case HoldReason::kProsecution:
      return "prosecution";
    case HoldReason::kComplaint:
      return "complaint";
    case HoldReason::kSubjectAccessRequest:
      return "subject_access_request";
  }
  return "prosecution";
}

std::string_view to_label(HoldReason reason) {
  switch (reason) {
    case HoldReason::kProsecution:
      return "A prosecution";
    case HoldReason::kComplaint:
      return "A complaint";
    case HoldReason::kSubjectAccessRequest:
      return "A subject access request in progress";
  }
  return "A prosecution";
}

std::optional<HoldReason> hold_reason_from_code(std::string_view code) {
  for (auto r : {HoldReason::kProsecution, HoldReason::kComplaint, HoldReason::kSubjectAccessRequest}) {
    if (to_code(r) == code) return r;
  }
  return std::nullopt;
}

}  // namespace vg::protection
