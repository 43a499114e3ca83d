// Giving a store open_store made the notes key it seals a referral's document and the DASH /
// S-DASH answers with as it writes them, and opens them with as it reads them
// (store/sql/sealed_fields.h). Wiring only, as open_store.h: call it once, after opening and
// before the store is shared between threads. A store never given one writes them plain (until
// `rotate-keys` seals them) and cannot read a sealed one.
#pragma once

#include <memory>

#include "domain/result.h"
#include "store/field_cipher.h"
#include "store/store.h"

namespace vg::store {

Result<void> seal_fields_with(Store& store, std::shared_ptr<const FieldCipher> cipher);

}  // namespace vg::store
