// Possible duplicates decided: merging two cases of one person (which case survives, when a merge
// may happen, what undoing it restores) and "not the same person". Pure rules and values; no I/O,
// no clock. Never deletes or moves a row: each case keeps its own timeline and records.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/casework/case_records.h"
#include "domain/result.h"

namespace vg::casework {

// One merge, kept for ever: undoing it stamps undone_at/undone_by and leaves the row. What undo
// must restore of the merged case (its status and possible-duplicate flag, and the surviving
// case's flag) is held here, so an undo is exact whatever happened in between.
struct CaseMergeRecord {
  std::string id;  // UUID
  std::string surviving_case_id;
  std::string merged_case_id;
  std::string merged_by;  // user id
  Instant merged_at{};
  CaseStatus merged_status_before = CaseStatus::kOpen;
  bool merged_flag_before = false;     // the merged case's possible_duplicate
  bool surviving_flag_before = false;  // the surviving case's possible_duplicate
  std::optional<Instant> undone_at;
  std::string undone_by;
};

// Why a caseworker decided two cases are not one person: codes, so nothing typed about the victim
// is stored or audited.
enum class NotSameReason {
  kDifferentDateOfBirth,
  kConfirmedWithVictim,
  kSharedContactDetails,  // family or housemates on one phone number
  kDifferentIncident,
};
const std::vector<NotSameReason>& not_same_reasons();  // in the order the form lists them
std::string_view to_code(NotSameReason reason);        // "different_date_of_birth"
std::string_view to_label(NotSameReason reason);       // "Their dates of birth differ"
std::optional<NotSameReason> not_same_reason_from_code(std::string_view code);

// "Not the same person", for a pair of cases (stored with the lower id first, so the pair is one
// row whichever case it was decided from).
struct DuplicateDecision {
  std::string case_id;
  std::string other_case_id;
  std::string reason;  // a NotSameReason code
  std::string decided_by;
  Instant decided_at{};
};
// The pair in stored order.
DuplicateDecision not_same_decision(const std::string& a, const std::string& b, NotSameReason reason);

// Which of two cases keeps the case: the one received first (opened_at), then the lower
// reference. The other is merged into it. The victim's Victims' Code clocks, allocation and
// history carry on where they began, and the police or partner see their own referral's case
// go on (the later one reads "merged" instead of being rewritten).
const CaseRecord& surviving_case(const CaseRecord& a, const CaseRecord& b);

// May `merged` be merged into `surviving` (already chosen by surviving_case)? Refused with the
// field "other" when: they are one case; they are of different areas or held by different
// organisations (no merge ever carries a case across a boundary); the merged case is closed or
// merged already (only a live case is absorbed: a closed one keeps its outcome); the surviving
// case is merged (no chains) or closed (a live case is never hidden inside a closed one).
Result<void> check_merge(const CaseRecord& surviving, const CaseRecord& merged);

// The merged case as the merge leaves it: status merged, no longer a possible duplicate.
void apply_merge(CaseRecord& merged);

// May `merge` be undone, the merged case being `merged` now? `conflict` when it was undone
// already or the case is no longer merged.
Result<void> check_undo(const CaseMergeRecord& merge, const CaseRecord& merged);

// The merged case as undo leaves it: its status and flag as they were before the merge.
void apply_undo(const CaseMergeRecord& merge, CaseRecord& merged);

}  // namespace vg::casework
