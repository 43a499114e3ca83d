// Every text sealed with the notes key, wherever it is kept (case notes, notes on needs, plan
// actions, case form drafts, break-glass notes, chat messages, referrals' documents, DASH and
// S-DASH answers), seen as cells a key rotation can re-seal: which key sealed each, and a
// compare-and-swap that replaces one only if it is still what was read. A text of a place the
// store seals itself that is still plain (written before migration 0047, or without the key) is a
// cell under the empty key id, its text the plain value, for the rotation to seal. Opened beside a
// store (store/open/open_sealed_texts.h) on the same database; no SQL leaks past here. Never
// opens a text: it has no key.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/casework/support_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::store {

// One sealed text where it is kept: `column` names the place ("case_notes.sealed"), `row` the row
// (its key's values, in the store's own order).
struct SealedCell {
  std::string column;
  std::vector<std::string> row;
  casework::SealedText text;
};

class SealedTextRepository {
 public:
  virtual ~SealedTextRepository() = default;
  // How many sealed texts each key id sealed, across every place; plain ones under "".
  virtual Result<std::map<std::string, std::int64_t>> count_by_key() = 0;
  // Up to `limit` texts whose key id is not `key_id` (plain ones included), in a fixed order
  // (place by place, each in its rows' order); only those after `after` when given (the last cell
  // of the batch before), so that a pass reads each place once however many batches it takes.
  virtual Result<std::vector<SealedCell>> sealed_under_other_keys(const std::string& key_id, int limit,
                                                                  const SealedCell* after = nullptr) = 0;
  // In one transaction: replaces each cell's text with its new text where the cell still holds
  // exactly what was read (a text changed or deleted meanwhile is left as it is, and not counted),
  // then appends `audit`. How many were replaced. `validation_failed` for a cell naming a place
  // that is not sealed text.
  virtual Result<int> replace(const std::vector<std::pair<SealedCell, casework::SealedText>>& cells,
                              const AuditEntry& audit) = 0;
};

}  // namespace vg::store
