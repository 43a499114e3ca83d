// Sealing free text about victims at rest (case notes, notes on needs, plan actions, drafts):
// libsodium secretbox under the notes key from configuration, with the key's id kept beside each
// sealed text so keys can rotate: texts are always sealed under the current key and opened under
// whichever key sealed them, the current one or a previous one still configured, until
// `victim-gateway rotate-keys` has re-sealed them all. Never logs, returns in an error, or stores
// plain text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/casework/support_records.h"
#include "domain/result.h"

namespace vg::app {

class NotesCipher {
 public:
  // The key as configured (notes_key / VG_NOTES_KEY): 32 bytes as 64 hex characters or as
  // base64. `validation_failed` (field "notes_key") for anything else; the message never
  // repeats the value.
  static Result<NotesCipher> from_key_text(std::string_view key_text);
  // The same cipher, also able to open texts sealed under the keys in `key_texts` (as
  // notes_key). `validation_failed` (field "notes_previous_keys[i]") for one that is not a key.
  Result<NotesCipher> with_previous_keys(const std::vector<std::string>& key_texts) const;
  // A key derived from a fixed label, for unit tests and in-process demos only: anyone can
  // derive it, so nothing sealed with it is protected. `serve` never uses it.
  static NotesCipher for_tests_only();

  // A fresh random nonce each time: sealing one text twice gives two different results.
  casework::SealedText seal(std::string_view plain) const;
  // `internal` when the text was sealed under a key this cipher does not hold (neither the current
  // key nor a previous one) or was altered; the error names the key id, never the text.
  Result<std::string> open(const casework::SealedText& sealed) const;
  // Whether open() holds the key `key_id` names.
  bool holds(std::string_view key_id) const;
  // "nk1:" and the first 16 hex characters of a keyed BLAKE2b hash of the key: names the key
  // without revealing it.
  const std::string& key_id() const { return key_id_; }

 private:
  explicit NotesCipher(std::string key);
  const std::string* key_named(std::string_view key_id) const;

  std::string key_;  // 32 bytes
  std::string key_id_;
  std::vector<std::pair<std::string, std::string>> previous_;  // (key id, key): open() only
};

// The key text's 32 bytes (hex or base64), or nullopt.
std::optional<std::string> decode_notes_key(std::string_view key_text);

}  // namespace vg::app
