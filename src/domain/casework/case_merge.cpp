#include "domain/casework/case_merge.h"

#include <tuple>

namespace vg::casework {
namespace {

std::unexpected<Error> refused(std::string code, std::string message) {
  FieldError field{"other", code == "conflict" ? "not_mergeable" : "invalid", message};
  return fail(std::move(code), std::move(message), {std::move(field)});
}

}  // namespace

const std::vector<NotSameReason>& not_same_reasons() {
  static const std::vector<NotSameReason> kReasons{
      NotSameReason::kDifferentDateOfBirth, NotSameReason::kConfirmedWithVictim,
      NotSameReason::kSharedContactDetails, NotSameReason::kDifferentIncident};
  return kReasons;
}

std::string_view to_code(NotSameReason reason) {
  switch (reason) {
    case NotSameReason::kDifferentDateOfBirth: return "different_date_of_birth";
    case NotSameReason::kConfirmedWithVictim: return "confirmed_with_victim";
    case NotSameReason::kSharedContactDetails: return "shared_contact_details";
    case NotSameReason::kDifferentIncident: return "different_incident";
  }
  return "different_incident";
}

std::string_view to_label(NotSameReason reason) {
  switch (reason) {
    case NotSameReason::kDifferentDateOfBirth: return "Their dates of birth differ";
    case NotSameReason::kConfirmedWithVictim: return "The victim confirmed they are different people";
    case NotSameReason::kSharedContactDetails: return "Different people who share contact details";
    case NotSameReason::kDifferentIncident: return "A different incident, not a repeat of this one";
  }
  return "";
}

std::optional<NotSameReason> not_same_reason_from_code(std::string_view code) {
  for (auto r : not_same_reasons()) {
    if (to_code(r) == code) return r;
  }
  return std::nullopt;
}

DuplicateDecision not_same_decision(const std::string& a, const std::string& b, NotSameReason reason) {
  DuplicateDecision d;
  d.case_id = a < b ? a : b;
  d.other_case_id = a < b ? b : a;
  d.reason = std::string(to_code(reason));
  return d;
}

const CaseRecord& surviving_case(const CaseRecord& a, const CaseRecord& b) {
  return std::tie(a.opened_at, a.reference, a.id) <= std::tie(b.opened_at, b.reference, b.id) ? a : b;
}

Result<void> check_merge(const CaseRecord& surviving, const CaseRecord& merged) {
  if (surviving.id == merged.id) return refused("validation_failed", "A case cannot be merged into itself");
  if (surviving.area != merged.area || surviving.holder_organisation_id != merged.holder_organisation_id) {
    return refused("validation_failed", "Only cases held by the same team in the same area can be merged");
  }
  if (merged.status == CaseStatus::kMerged || surviving.status == CaseStatus::kMerged) {
    return refused("conflict", "One of these cases has been merged already: undo that merge first");
  }
  if (merged.status == CaseStatus::kClosed || surviving.status == CaseStatus::kClosed) {
    return refused("conflict", "A closed case cannot be merged");
  }
  return {};
}

void apply_merge(CaseRecord& merged) {
  merged.status = CaseStatus::kMerged;
  merged.possible_duplicate = false;
}

Result<void> check_undo(const CaseMergeRecord& merge, const CaseRecord& merged) {
  if (merge.undone_at || merged.status != CaseStatus::kMerged || merged.id != merge.merged_case_id) {
    return fail("conflict", "This merge has been undone already",
                {{"merge", "undone", "This merge has been undone already"}});
  }
  return {};
}

void apply_undo(const CaseMergeRecord& merge, CaseRecord& merged) {
  merged.status = merge.merged_status_before;
  merged.possible_duplicate = merge.merged_flag_before;
}

}  // namespace vg::casework
