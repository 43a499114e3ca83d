// The SQLite implementation of store::Store: the embedded default, one file (or a shared-cache
// in-memory database). Opened through store::open_store; callers never see SQLite types.
#pragma once

#include <memory>
#include <string>

#include "domain/result.h"
#include "store/audit_chain.h"
#include "store/chat_concern_repository.h"
#include "store/field_cipher.h"
#include "store/retention_repository.h"
#include "store/sealed_text_repository.h"
#include "store/store.h"

namespace vg::store::sqlite {

// `filename`: a path, or a "file:...?mode=memory&cache=shared" URI; `readers` bounds the pool.
// `audit_chain` seals audit entries and keeps the head (null: unkeyed, no head).
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& filename, int readers,
                                                 std::shared_ptr<AuditChain> audit_chain);

// Retention's repository on the database of `store` (one this backend opened; it must outlive the
// repository). `validation_failed` for a store of another backend.
Result<std::unique_ptr<RetentionRepository>> open_sqlite_retention(Store& store);
// The sealed texts of the database of `store` (which must outlive it).
Result<std::unique_ptr<SealedTextRepository>> open_sqlite_sealed_texts(Store& store);
// Seals and opens the fields the store seals itself with `cipher` (store/open/seal_fields.h).
Result<void> seal_sqlite_fields_with(Store& store, std::shared_ptr<const FieldCipher> cipher);
// The chats' safeguarding concerns on the database of `store` (which must outlive it).
Result<std::unique_ptr<ChatConcernRepository>> open_sqlite_chat_concerns(Store& store);

}  // namespace vg::store::sqlite
