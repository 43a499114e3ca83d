// Possible duplicates on a case, and deciding them: the cases the intake linked to this one that
// the person may read (with which details match), merging two into one (the case first received
// survives), undoing a merge exactly, and "not the same person". Each decision is a version-checked
// change of BOTH cases (change_case), audited with ids and codes only. A case the person may not
// read is never listed, counted or named here, not even as "another case exists".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/casework/case_change.h"
#include "app/casework/case_support_read.h"
#include "domain/casework/case_merge.h"
#include "domain/casework/duplicate_likeness.h"

namespace vg::app {

// A case the intake linked to this one, undecided, that the person may read.
struct DuplicateCandidate {
  casework::CaseRecord record;
  std::vector<casework::MatchKey> likeness;  // the keys both referrals share
  bool survives = false;   // merging keeps this candidate (it was received first)
  bool may_merge = false;  // the person may work both cases and the rules allow a merge now
};

// A pair decided "not the same person", seen from one of its cases.
struct DecidedNotSame {
  casework::CaseRecord other;
  casework::DuplicateDecision decision;
};

// A case merged into this one, with its own timeline (shown alongside, never copied in).
struct AbsorbedCase {
  casework::CaseMergeRecord merge;
  casework::CaseRecord record;
  std::vector<casework::CaseEvent> events;
};

// Where a case stands in merges, as the person may see it.
struct MergeState {
  std::optional<casework::CaseMergeRecord> merged;  // this case's merge in force
  std::optional<casework::CaseRecord> surviving;    // its surviving case, when the person may read it
  bool may_undo = false;                            // the person may work both cases
  std::vector<AbsorbedCase> absorbed;               // readable cases merged into this one
};

struct DuplicatesView {
  CaseSupportHeader header;
  std::vector<DuplicateCandidate> candidates;
  std::vector<DecidedNotSame> not_same;
  MergeState state;
};

// The check-answers step of a merge: which case stays, which is merged, and why they look alike.
struct MergePreview {
  casework::CaseRecord surviving;
  casework::CaseRecord merged;
  std::vector<casework::MatchKey> likeness;
};

class CaseMerging {
 public:
  CaseMerging(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The case's possible duplicates and merges; audited ("case.duplicates_read"). `not_found` when
  // the person may not read the case; `forbidden` for a role that reads no case.
  Result<DuplicatesView> duplicates(const access::Actor& actor, const std::string& case_id);
  // The case's merges for its page (the page's own "case.read" audit covers it).
  Result<MergeState> state(const access::Actor& actor, const casework::CaseRecord& c);
  // What merging `case_id` and `other_id` would do; stores nothing. `not_found` unless the person
  // may work both; `validation_failed` / `conflict` (field "other") as the merge would be refused.
  Result<MergePreview> preview(const access::Actor& actor, const std::string& case_id, const std::string& other_id);
  // Merges the later of the two into the earlier (casework::surviving_case). Versions are the
  // ones the person saw: either stale is a `conflict`. Answers the surviving case.
  Result<casework::CaseRecord> merge(const access::Actor& actor, const std::string& case_id, std::int64_t version,
                                     const std::string& other_id, std::int64_t other_version);
  // Undoes the merge in force of `merged_case_id`: it is live again (its status and flag as
  // before, version bumped); the surviving case only gains a timeline event (and its version).
  // Answers the merged case.
  Result<casework::CaseRecord> undo(const access::Actor& actor, const std::string& merged_case_id,
                                    std::int64_t version, std::int64_t surviving_version);
  // Records that the two are not one person (a NotSameReason code, field "reason"), so neither
  // shows the other again and the queue's possible-duplicate filter lets them go. Answers the case.
  Result<casework::CaseRecord> not_same_person(const access::Actor& actor, const std::string& case_id,
                                               std::int64_t version, const std::string& other_id,
                                               std::int64_t other_version, const std::string& reason);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace vg::app
