// The notes key as the store sees it, for the special-category fields it seals itself at its
// boundary (a referral's document, the DASH and S-DASH answers), so that no reader can forget to
// open them. Implemented by app::NotesCipher; the store never holds a key of its own.
#pragma once

#include <string>
#include <string_view>

#include "domain/casework/support_records.h"
#include "domain/result.h"

namespace vg::store {

class FieldCipher {
 public:
  virtual ~FieldCipher() = default;
  // Under the current key, with its id; a fresh nonce each time.
  virtual casework::SealedText seal(std::string_view plain) const = 0;
  // `internal` for a key it does not hold or a text that was altered; never repeats the text.
  virtual Result<std::string> open(const casework::SealedText& sealed) const = 0;
};

}  // namespace vg::store
