// The sealed-text repository on the database of a store open_store made (which must outlive
// it): for the key rotation (`victim-gateway rotate-keys`). Wiring only, as open_store.h.
#pragma once

#include <memory>

#include "domain/result.h"
#include "store/sealed_text_repository.h"
#include "store/store.h"

namespace vg::store {

Result<std::unique_ptr<SealedTextRepository>> open_sealed_texts(Store& store);

}  // namespace vg::store
