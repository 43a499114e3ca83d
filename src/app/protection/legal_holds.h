// Legal holds on cases: placed and lifted by whom the access table allows (Action::kHoldCase),
// each audited; while one is in force the retention job never erases the case. Answers "not
// found" for a case the actor may not hold, so nobody learns of another organisation's case.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/clock.h"
#include "domain/access/access_table.h"
#include "domain/casework/case_records.h"
#include "domain/protection/legal_hold.h"
#include "domain/result.h"
#include "store/retention_repository.h"
#include "store/store.h"

namespace vg::app {

// A case's holds as its page shows them, with the case's reference.
struct CaseHolds {
  casework::CaseRecord record;
  std::vector<protection::LegalHold> holds;  // oldest first
};

class LegalHolds {
 public:
  // `retention` works on `store`'s database.
  LegalHolds(store::Store& store, store::RetentionRepository& retention, const Clock& clock)
      : store_(store), retention_(retention), clock_(clock) {}

  // A new hold on the case for `reason_code` (protection::HoldReason); `validation_failed`
  // (field "reason") for an unknown reason, `not_found` for a case the actor may not hold.
  Result<protection::LegalHold> place(const access::Actor& actor, const std::string& case_id,
                                      std::string_view reason_code);
  // Lifts the hold; lifting one lifted already changes nothing. `not_found` as place, or when
  // the case has no such hold.
  Result<void> lift(const access::Actor& actor, const std::string& case_id, const std::string& hold_id);
  // The case's holds, oldest first.
  Result<std::vector<protection::LegalHold>> holds(const access::Actor& actor, const std::string& case_id);
  // The case and its holds; refused as `holds`.
  Result<CaseHolds> case_holds(const access::Actor& actor, const std::string& case_id);

 private:
  Result<casework::CaseRecord> check_access(const access::Actor& actor, const std::string& case_id);

  store::Store& store_;
  store::RetentionRepository& retention_;
  const Clock& clock_;
};

}  // namespace vg::app
