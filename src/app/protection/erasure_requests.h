// Erasure on a person's request, where the law allows it (domain/protection/erasure_request.h):
// by whom the access table allows (Action::kEraseOnRequest), through the same store path as the
// retention schedule, so insight's referral facts stay and the minimal MARAC history is kept; the
// audit entry names the case and counts, never the erased data, and the ledger records it, so a
// restore of an older backup erases it again. A case the actor may not erase is "not found".
#pragma once

#include <optional>
#include <string>

#include "app/clock.h"
#include "domain/access/access_table.h"
#include "domain/casework/case_records.h"
#include "domain/protection/erasure_request.h"
#include "domain/protection/retention.h"
#include "domain/result.h"
#include "store/retention_repository.h"
#include "store/store.h"

namespace vg::app {

// Whether a case may be erased on request now, and what would be kept.
struct ErasureCheck {
  casework::CaseRecord record;
  protection::ErasureRequestDecision decision;
};

class ErasureRequests {
 public:
  static constexpr std::string_view kRule = "on_request";  // the ledger's rule for these

  // `retention` works on `store`'s database.
  ErasureRequests(store::Store& store, store::RetentionRepository& retention, const Clock& clock,
                  protection::RetentionPeriods periods)
      : store_(store), retention_(retention), clock_(clock), periods_(periods) {}

  // `not_found` for a case the actor may not erase; `forbidden` for a role that may not.
  Result<ErasureCheck> check(const access::Actor& actor, const std::string& case_id);
  // Erases the case's personal data now. `conflict` (field "case", the refusal's message) when
  // the law does not allow it now: a hold in force, an open case, erased already; nothing changes.
  Result<store::ErasedRows> erase(const access::Actor& actor, const std::string& case_id);

 private:
  store::Store& store_;
  store::RetentionRepository& retention_;
  const Clock& clock_;
  protection::RetentionPeriods periods_;
};

}  // namespace vg::app
