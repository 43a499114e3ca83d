// The fields both backends seal at the store's boundary with the notes key (a referral's document,
// the DASH and S-DASH answers): sealed as they are written and opened as they are read, so every
// reader above the store gets the plain value. Store-internal. The cipher is set once, before the
// store is shared (Store::seal_fields_with). A field stored with an empty key id holds its value
// plain: written before migration 0047 (until `rotate-keys` seals it), by a process given no notes
// key, or with nothing in it to seal; sealed_sql::places() lists them for the rotation.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "domain/casework/support_records.h"
#include "domain/result.h"
#include "store/field_cipher.h"

namespace vg::store {

class SealedFields {
 public:
  void use(std::shared_ptr<const FieldCipher> cipher) { cipher_ = std::move(cipher); }

  // What to store: sealed under the cipher; as given, under no key id, when there is no cipher or
  // nothing to seal (an empty value says no more sealed than plain).
  casework::SealedText seal(std::string_view plain) const {
    if (!cipher_ || plain.empty()) return {"", std::string(plain)};
    return cipher_->seal(plain);
  }

  // The plain value of a stored field; `what` names it in an error (never its content).
  Result<std::string> open(casework::SealedText stored, std::string_view what) const {
    if (stored.key_id.empty()) return std::move(stored.sealed);
    if (!cipher_) {
      return fail("internal", std::string(what) + " is sealed under " + stored.key_id +
                                  ", and this process was given no notes key (notes_key)");
    }
    return cipher_->open(stored);
  }

 private:
  std::shared_ptr<const FieldCipher> cipher_;
};

}  // namespace vg::store
