// Retention's storage (domain/protection/retention.h, app/protection): closed cases' facts,
// erasing a case's personal data in one transaction with its audit entry and ledger row, the
// MARAC history kept after it, and legal holds. Nothing here erases a case a hold is in force on,
// and the de-identified referral facts insight counts are never touched. Opened beside a store
// (store/open: retention_repository) on the same database; no SQL leaks past here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/protection/legal_hold.h"
#include "domain/result.h"
#include "store/retention_records.h"
#include "store/store.h"

namespace vg::store {

class RetentionRepository {
 public:
  virtual ~RetentionRepository() = default;
  // Closed cases not yet erased whose close was before `closed_before`, after `after_case_id` in
  // id order, at most `limit`.
  virtual Result<std::vector<RetentionCandidate>> candidates(Instant closed_before,
                                                             const std::string& after_case_id,
                                                             int limit) = 0;
  // Erases the case's personal data: the referral's document, crime reference and duplicate key;
  // its notes, needs assessments, plan actions, drafts, timeline, tasks, risk assessments, person
  // match keys, idempotency records, messages and break-glass notes. With a MARAC history to keep
  // (erasure.marac_kept_until), its MARAC referral tasks and risk assessments stay, stripped to
  // codes and dates. Appends the ledger row and `audit`. nullopt, writing nothing, when a hold is
  // in force (unless erasure.replayed) or the case was erased already (checked inside the
  // transaction).
  // `audit` makes the entry from what went (counts, never contents).
  virtual Result<std::optional<ErasedRows>> erase_case(
      const CaseErasure& erasure, const std::function<AuditEntry(const ErasedRows&)>& audit) = 0;
  // Erased cases whose kept MARAC history ran out before `today` (YYYY-MM-DD), at most `limit`.
  virtual Result<std::vector<std::string>> marac_history_due(const std::string& today, int limit) = 0;
  // Deletes the kept MARAC history and stamps the ledger, with `audit`; false when done already.
  virtual Result<bool> erase_marac_history(const std::string& case_id, Instant at,
                                           const AuditEntry& audit) = 0;
  // The ledger row of an erased case.
  virtual Result<std::optional<CaseErasure>> erasure(const std::string& case_id) = 0;
  // The ledger, in case id order after `after_case_id`, at most `limit` (a restore makes each
  // again in the restored copy).
  virtual Result<std::vector<CaseErasure>> erasures(const std::string& after_case_id, int limit) = 0;
  // One case's facts as candidates() reads them, open or closed (close_reason empty while open),
  // whether erased or not; nullopt when there is no such case.
  virtual Result<std::optional<RetentionCandidate>> case_facts(const std::string& case_id) = 0;

  // --- subject access (a person's records, and who read them) ---
  // Referrals indexed under the person match key digest (app/intake/person_key_digest.h).
  virtual Result<std::vector<std::string>> referrals_with_person_key(const std::string& digest) = 0;
  // The audit log's entries about `entity_id`, oldest first, at most `limit`.
  virtual Result<std::vector<AuditEntry>> audit_of(const std::string& entity_id, int limit) = 0;

  // `not_found` when there is no such case.
  virtual Result<void> place_hold(const protection::LegalHold& hold, const AuditEntry& audit) = 0;
  // Stamps the hold lifted; false when it was lifted already. `not_found` when the case has no
  // such hold.
  virtual Result<bool> lift_hold(const std::string& case_id, const std::string& hold_id,
                                 const std::string& by, Instant at, const AuditEntry& audit) = 0;
  // The case's holds, in force or lifted, oldest first.
  virtual Result<std::vector<protection::LegalHold>> holds(const std::string& case_id) = 0;
};

}  // namespace vg::store
