// What retention reads and writes through the store (store.h's RetentionRepository): a closed
// case's facts for the retention decision, an erasure as the ledger keeps it, and how many rows
// of each kind an erasure removed. Ids, codes, instants and counts: never personal data.
#pragma once

#include <optional>
#include <string>

#include "domain/accounts/account_records.h"

namespace vg::store {

// A closed case not yet erased, with what domain/protection/retention.h decides from.
struct RetentionCandidate {
  std::string case_id;
  std::string close_reason;               // a CloseReason code
  accounts::Instant closed_at{};
  accounts::Instant last_activity_at{};   // the case's last change
  // The latest MARAC referral the case shows: a MARAC referral task done, or a risk assessment
  // that called for one; and the latest "last MARAC referral" date given on an assessment
  // (YYYY-MM-DD; empty: none).
  std::optional<accounts::Instant> last_marac_at;
  std::string last_marac_given;
  bool held = false;                      // a legal hold is in force
};

// One case's erasure, as the ledger (retention_erasures) keeps it.
struct CaseErasure {
  std::string case_id;
  std::string rule;  // protection::RetentionRule code
  accounts::Instant erased_at{};
  std::string marac_kept_until;  // YYYY-MM-DD; empty: no MARAC history kept
  // Made again after a restore: the erasure happened, so a hold the restored copy still shows
  // in force (lifted since the backup) does not stop it.
  bool replayed = false;
};

// Rows an erasure removed (or, for the referral, emptied), for the audit entry.
struct ErasedRows {
  int referral_documents = 0;
  int notes = 0;
  int needs_assessments = 0;
  int plan_actions = 0;
  int drafts = 0;
  int events = 0;
  int tasks = 0;
  int risk_assessments = 0;
  int person_keys = 0;
  int idempotency_records = 0;
  int messages = 0;
  int break_glass_notes = 0;
  int chat_events = 0;  // the transcript of a chat that became this referral
};

}  // namespace vg::store
