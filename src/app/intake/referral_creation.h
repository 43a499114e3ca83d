// Creating referrals: the intake's rules of idempotent replay, duplicate recognition and
// reference numbering, applied over a unit of work (store/unit_of_work.h), so a group of
// sixty-four referrals costs a handful of statements instead of a handful each, and the store
// only reads and writes rows. Group commit lives here too: many referrals in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/intake/intake_outcome.h"
#include "domain/accounts/account_records.h"
#include "domain/casework/case_opening.h"
#include "domain/intake/referral_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// One referral to create, with what creating it takes besides it.
struct NewReferral {
  intake::StoredReferral referral;  // `reference` is ignored: numbering assigns it
  std::string reference_prefix;     // "MY-2026-": the area and year
  std::optional<intake::IdempotencyRecord> idempotency;  // referral_id is filled in
  accounts::AuditEntry audit;                            // entity_id is filled in
  casework::CaseOpening opening = {};  // the facts its case opens with
};

// A referral of a feed batch, with the facts its case opens with.
struct OpeningReferral {
  intake::StoredReferral referral;
  casework::CaseOpening opening;
};

class ReferralCreation {
 public:
  explicit ReferralCreation(store::Store& store) : store_(store) {}

  // In one transaction, the first rule that applies:
  // 1. `idempotency` given and a record with the same (organisation_id, key) is stored: the
  //    referral it points to (kReplayed); `conflict` when its request_hash differs. Writes
  //    nothing.
  // 2. police_force_code, crime_reference and victim_key all non-empty and a referral with the
  //    same three FROM THE SAME SENDING ORGANISATION is stored: that one (kDuplicate). Writes
  //    nothing, not even the idempotency record (the caller's retry meets rule 2 again).
  //    Self-referrals (no organisation) never match here. Another sender's referral of the same
  //    three is never the answer (that would disclose it) and never stops this one being stored:
  //    rule 3 applies, and whichever of the two is not from the force (channel "police") gets
  //    `possible_duplicate_of` set to the other's id (held until a person decides, with an audit
  //    entry "referral.hold_possible_duplicate" for a stored one held now). The force's own
  //    referral is never the one held.
  // 3. Otherwise takes the next reference for the prefix (prefix + at least 6 digits,
  //    zero-padded, from 1 per prefix, never reused, no gaps), inserts the referral, the
  //    idempotency record and the audit entry (entity_id = the referral's id) (kCreated), and
  //    opens its case in the queue of its area's gateway team (unheld when the area has none
  //    yet) with its Victims' Code clocks running.
  // 4. A referral stored by rule 3 whose person an open case of the same area already knows by a
  //    match key (`opening.match_keys`: name with date of birth, phone; casework/person_keys.h)
  //    gets `possible_duplicate_of` set to the earliest such case, unless rule 2b set it, and so
  //    does a later item of the group sharing a key with an earlier one. Its keys are stored as
  //    digests (person_key_digest.h) for the referrals after it.
  // `validation_failed` for an empty prefix or an unknown source organisation; `conflict` when
  // the id is taken. Nothing of a refused referral lands.
  Result<IntakeOutcome> create(const NewReferral& item);
  // Group commit: each item exactly as `create` would, in order (a later item sees an earlier
  // one, so a repeat is its duplicate or replay), all in one transaction, so one commit makes
  // the whole group durable. One answer per item, in order. An item refused (an idempotency key
  // reused, an unknown organisation, a bad prefix) leaves no trace and the others still land.
  std::vector<Result<IntakeOutcome>> create_each(const std::vector<NewReferral>& items);
  // Bulk feeds: rules 2 and 3 per referral, in order, in one transaction, with one audit entry
  // per referral created (`audit` with entity_id set). One answer per referral, in order; any
  // failure stores none of the batch.
  Result<std::vector<IntakeOutcome>> create_batch(std::vector<OpeningReferral> referrals,
                                                  const std::string& reference_prefix,
                                                  const accounts::AuditEntry& audit);

 private:
  // The rules over `items` (prefixes checked) in one unit of work; answers[i] for items[i].
  // Fails as a whole, leaving nothing behind, when a statement fails.
  Result<void> create_together(const std::vector<const NewReferral*>& items,
                               std::vector<Result<IntakeOutcome>>& answers);

  store::Store& store_;
};

}  // namespace vg::app
