// Rotating the notes key: every text sealed under a key other than the current one is opened
// (with the previous key still configured) and sealed again under the current key, a batch per
// transaction, each batch with an audit entry that counts texts and names key ids (never a word
// of a text). Run while the servers serve: a text written meanwhile is sealed under the current
// key already, and one changed between reading and writing is left as it was changed. A text the
// store keeps plain (a referral's document or risk answers written before they were sealed: the
// empty key id) is sealed the same way, and needs no previous key.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "app/clock.h"
#include "app/security/notes_cipher.h"
#include "domain/result.h"
#include "store/sealed_text_repository.h"

namespace vg::app {

struct KeyRotationReport {
  std::map<std::string, std::int64_t> before;  // texts per key id, before
  std::map<std::string, std::int64_t> after;   // and after
  std::int64_t resealed = 0;
  std::int64_t changed_meanwhile = 0;  // read, then changed by someone else: left as they were
};

class KeyRotation {
 public:
  // The actor its audit entries name.
  static constexpr std::string_view kActor = "system:rotate-keys";
  // What its audit entries and reports call the empty key id: texts not sealed yet.
  static constexpr std::string_view kUnsealed = "unsealed";

  KeyRotation(store::SealedTextRepository& texts, const NotesCipher& cipher, const Clock& clock, int batch = 500);

  // Texts per key id, now, without changing anything.
  Result<std::map<std::string, std::int64_t>> count() { return texts_.count_by_key(); }

  // Re-seals everything under the current key. Checks first that the cipher holds every key a
  // text is sealed under: if not, `validation_failed` (field "notes_previous_keys") naming the
  // key ids missing, and nothing changes. A text that will not open (altered or damaged) stops
  // the run with `internal` naming its place and key id; batches before it stay re-sealed.
  Result<KeyRotationReport> run();

 private:
  store::SealedTextRepository& texts_;
  const NotesCipher& cipher_;
  const Clock& clock_;
  int batch_;
};

}  // namespace vg::app
