// One case as a caseworker opens it: the case, the referral behind it (the victim's details),
// its clocks and its timeline. Every opening is audited ("who looked at this case"). A case the
// person may not read is answered exactly as one that does not exist.
#pragma once

#include <string>
#include <vector>

#include "app/audit/read_audit_writer.h"
#include "app/clock.h"
#include "domain/access/access_table.h"
#include "domain/casework/case_records.h"
#include "domain/intake/referral_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

struct CaseView {
  casework::CaseRecord record;
  intake::StoredReferral referral;
  std::vector<casework::CaseDeadline> deadlines;
  std::vector<casework::CaseEvent> events;
  // What the person may do to this case, from the access table (pages show only those forms).
  bool may_work = false;
  bool may_allocate = false;
};

class CaseFile {
 public:
  // `reads`: where opening a case is recorded for the audit log (written within a second);
  // none: each opening is appended to the audit log before the case is answered.
  CaseFile(store::Store& store, const Clock& clock, ReadAuditWriter* reads = nullptr)
      : store_(store), clock_(clock), reads_(reads) {}

  // `forbidden` for a role that may read no case; `not_found` otherwise when not allowed.
  Result<CaseView> open(const access::Actor& actor, const std::string& case_id);

  // The timeline events of the changes made after `seen_version`, oldest first: what a person
  // whose change was refused as stale (`conflict`) is shown, so they can decide and submit
  // again. Kinds and codes only (the events hold no free text). Not audited on its own: the
  // refusal page that shows them opens the case, which is. `not_found` as open.
  Result<std::vector<casework::CaseEvent>> changes_since(const access::Actor& actor, const std::string& case_id,
                                                         std::int64_t seen_version);

 private:
  store::Store& store_;
  const Clock& clock_;
  ReadAuditWriter* reads_;
};

}  // namespace vg::app
