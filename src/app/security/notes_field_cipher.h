// The notes cipher as the store's FieldCipher (store/field_cipher.h): the key the store seals a
// referral's document and the DASH / S-DASH answers with, the same key, key ids and rotation as
// case notes. Never logs or returns plain text in an error.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "app/security/notes_cipher.h"
#include "store/field_cipher.h"

namespace vg::app {

class NotesFieldCipher final : public store::FieldCipher {
 public:
  explicit NotesFieldCipher(NotesCipher cipher) : cipher_(std::move(cipher)) {}
  casework::SealedText seal(std::string_view plain) const override { return cipher_.seal(plain); }
  Result<std::string> open(const casework::SealedText& sealed) const override { return cipher_.open(sealed); }
  const NotesCipher& cipher() const { return cipher_; }

 private:
  NotesCipher cipher_;
};

}  // namespace vg::app
