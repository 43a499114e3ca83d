#include "cli/notes_keys.h"

namespace vg::cli {

Result<app::NotesCipher> configured_notes_cipher(const Config& config) {
  if (config.notes_key.empty()) {
    return validation_failed({{"notes_key", "required",
                               "notes_key is not set (VG_NOTES_KEY): see docs/operations.md, \"The notes key\""}});
  }
  auto cipher = VG_TRY(app::NotesCipher::from_key_text(config.notes_key));
  return cipher.with_previous_keys(config.notes_previous_keys);
}

}  // namespace vg::cli
