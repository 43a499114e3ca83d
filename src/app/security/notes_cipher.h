// Sealing free text about victims at rest (case notes, notes on needs, plan actions, drafts):
// libsodium secretbox under the notes key from configuration, with the key's id kept beside each
// sealed text so keys can rotate later. Never logs, returns in an error, or stores plain text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/casework/support_records.h"
#include "domain/result.h"

namespace vg::app {

class NotesCipher {
 public:
  // The key as configured (notes_key / VG_NOTES_KEY): 32 bytes as 64 hex characters or as
  // base64. `validation_failed` (field "notes_key") for anything else; the message never
  // repeats the value.
  static Result<NotesCipher> from_key_text(std::string_view key_text);
  // A key derived from a fixed label, for unit tests and in-process demos only: anyone can
  // derive it, so nothing sealed with it is protected. `serve` never uses it.
  static NotesCipher for_tests_only();

  // A fresh random nonce each time: sealing one text twice gives two different results.
  casework::SealedText seal(std::string_view plain) const;
  // `internal` when the text was sealed under another key (its key id is not this key's) or was
  // altered; the error names the key id, never the text.
  Result<std::string> open(const casework::SealedText& sealed) const;
  // "nk1:" and the first 16 hex characters of a keyed BLAKE2b hash of the key: names the key
  // without revealing it.
  const std::string& key_id() const { return key_id_; }

 private:
  explicit NotesCipher(std::string key);
  std::string key_;  // 32 bytes
  std::string key_id_;
};

// The key text's 32 bytes (hex or base64), or nullopt.
std::optional<std::string> decode_notes_key(std::string_view key_text);

}  // namespace vg::app
