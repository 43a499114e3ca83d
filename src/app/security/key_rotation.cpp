#include "app/security/key_rotation.h"

#include <boost/json.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "app/audit/audit_entry.h"

namespace vg::app {

KeyRotation::KeyRotation(store::SealedTextRepository& texts, const NotesCipher& cipher, const Clock& clock,
                         int batch)
    : texts_(texts), cipher_(cipher), clock_(clock), batch_(batch > 0 ? batch : 500) {}

Result<KeyRotationReport> KeyRotation::run() {
  KeyRotationReport report;
  report.before = VG_TRY(texts_.count_by_key());
  std::string missing;
  std::int64_t to_reseal = 0;
  for (const auto& [key_id, n] : report.before) {
    // A plain text (the empty key id: a referral's document written before sealing) needs no key.
    if (!key_id.empty() && !cipher_.holds(key_id)) missing.append(missing.empty() ? "" : ", ").append(key_id);
    if (key_id != cipher_.key_id()) to_reseal += n;
  }
  if (!missing.empty()) {
    return validation_failed({{"notes_previous_keys", "key_missing",
                               "Texts are sealed under " + missing +
                                   ", which neither notes_key nor notes_previous_keys holds: add the "
                                   "key that sealed them to notes_previous_keys and run again"}});
  }
  // Each batch takes texts out of the set it reads from, so this many batches see it empty; the
  // bound keeps a store that kept answering the same texts from looping for ever.
  const std::int64_t most_batches = to_reseal / batch_ + 2;
  std::optional<store::SealedCell> after;  // each batch reads on from the last one's last text
  for (std::int64_t b = 0; b < most_batches; ++b) {
    auto cells = VG_TRY(texts_.sealed_under_other_keys(cipher_.key_id(), batch_, after ? &*after : nullptr));
    if (cells.empty()) break;
    after = cells.back();
    std::vector<std::pair<store::SealedCell, casework::SealedText>> resealed;
    boost::json::object from;
    for (auto& cell : cells) {
      auto plain = cell.text.key_id.empty() ? Result<std::string>(cell.text.sealed) : cipher_.open(cell.text);
      if (!plain) {
        return fail("internal", "The text at " + cell.column + " sealed under " + cell.text.key_id +
                                    " does not open: it was altered or is damaged");
      }
      const std::string was = cell.text.key_id.empty() ? std::string(kUnsealed) : cell.text.key_id;
      from[was] = (from.contains(was) ? from[was].as_int64() : 0) + 1;
      resealed.emplace_back(std::move(cell), cipher_.seal(*plain));
    }
    boost::json::object detail;
    detail["to"] = cipher_.key_id();
    detail["from"] = std::move(from);
    detail["texts"] = static_cast<std::int64_t>(resealed.size());
    const auto entry = audit_entry(clock_, std::string(kActor), "keys.rotated", "notes_key", cipher_.key_id(),
                                   boost::json::serialize(detail));
    const int replaced = VG_TRY(texts_.replace(resealed, entry));
    report.resealed += replaced;
    report.changed_meanwhile += static_cast<std::int64_t>(resealed.size()) - replaced;
  }
  report.after = VG_TRY(texts_.count_by_key());
  return report;
}

}  // namespace vg::app
