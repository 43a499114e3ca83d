// The notes cipher the configuration describes: notes_key to seal and open, and
// notes_previous_keys to open what was sealed before the last rotation. `serve` and
// `rotate-keys` build it the same way.
#pragma once

#include "app/security/notes_cipher.h"
#include "cli/config.h"
#include "domain/result.h"

namespace vg::cli {

// `validation_failed` (field "notes_key") when notes_key is unset or not a key, as each previous key.
Result<app::NotesCipher> configured_notes_cipher(const Config& config);

}  // namespace vg::cli
