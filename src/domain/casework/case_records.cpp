#include "domain/casework/case_records.h"

namespace vg::casework {

std::string_view to_code(CaseStatus status) {
  switch (status) {
    case CaseStatus::kOpen: return "open";
    case CaseStatus::kUnableToContact: return "unable_to_contact";
    case CaseStatus::kClosed: return "closed";
    case CaseStatus::kMerged: return "merged";
  }
  return "open";
}

std::optional<CaseStatus> case_status_from_code(std::string_view code) {
  for (auto s : {CaseStatus::kOpen, CaseStatus::kUnableToContact, CaseStatus::kClosed, CaseStatus::kMerged}) {
    if (to_code(s) == code) return s;
  }
  return std::nullopt;
}

}  // namespace vg::casework
