// Subject access requests: a member of staff whose role the access table lets export a person's
// records (Action::kExportSubjectAccess) finds every case of the person their organisation holds,
// by reference or by name and date of birth (merged duplicates included), and exports all of it
// as JSON: the referral as received, its assessment, the case, its timeline (contacts), risk,
// needs, plan, onward referrals, notes (opened), the chat transcript, and who accessed the record
// and when (role and organisation; staff names withheld). Exporting places a "subject access
// request in progress" hold on each case and is audited per case, never with the content.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "app/clock.h"
#include "app/security/notes_cipher.h"
#include "domain/access/access_table.h"
#include "domain/casework/case_records.h"
#include "domain/result.h"
#include "store/retention_repository.h"
#include "store/store.h"

namespace vg::app {

// A case found for the person.
struct SubjectCase {
  casework::CaseRecord record;
  std::string merged_into;  // the reference of the case it was merged into; empty when none
  bool erased = false;      // its personal data was erased (retention or on request)
};

class SubjectAccess {
 public:
  // `retention` works on `store`'s database; `cipher` opens notes and chat messages.
  SubjectAccess(store::Store& store, store::RetentionRepository& retention, const Clock& clock,
                const NotesCipher& cipher)
      : store_(store), retention_(retention), clock_(clock), cipher_(cipher) {}

  // The person's cases the actor may export, oldest first. `validation_failed` with field errors
  // (protection::read_subject_search) for a bad search, `forbidden` for a role that may not.
  // Cases of other organisations are simply not found.
  Result<std::vector<SubjectCase>> find(const access::Actor& actor, std::string_view reference,
                                        std::string_view name, std::string_view date_of_birth);
  // Everything about the cases, as one JSON object ({"generated_at", "cases": [...]}), after
  // placing a subject access hold on each case (unless one is in force) and auditing the export
  // (`case.subject_access_exported`, the format only). `not_found` when any case is not one the
  // actor may export (nothing is placed or audited then); `validation_failed` for no case.
  Result<boost::json::object> export_cases(const access::Actor& actor, const std::vector<std::string>& case_ids,
                                           std::string_view format);

 private:
  Result<boost::json::object> case_export(const casework::CaseRecord& record);

  store::Store& store_;
  store::RetentionRepository& retention_;
  const Clock& clock_;
  const NotesCipher& cipher_;
};

}  // namespace vg::app
