// The PostgreSQL implementation of store::Store, for many app instances on one database.
// Opened through store::open_store; callers never see libpq types.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "domain/result.h"
#include "store/audit_chain.h"
#include "store/chat_concern_repository.h"
#include "store/field_cipher.h"
#include "store/retention_repository.h"
#include "store/sealed_text_repository.h"
#include "store/store.h"

namespace vg::store::postgres {

// `url`: a libpq connection URI (postgresql://...); `pool_size` bounds the connections.
// `audit_chain` seals audit entries and keeps the head (null: unkeyed, no head).
// `statement_limit`: how long a statement may go unanswered before it fails as unavailable
// (zero: no limit; migrations never have one).
Result<std::unique_ptr<Store>> open_postgres_store(
    const std::string& url, int pool_size, std::shared_ptr<AuditChain> audit_chain,
    std::chrono::milliseconds statement_limit = std::chrono::milliseconds{0});

// Retention's repository on the database of `store` (one this backend opened; it must outlive the
// repository). `validation_failed` for a store of another backend.
Result<std::unique_ptr<RetentionRepository>> open_postgres_retention(Store& store);
// The sealed texts of the database of `store` (which must outlive it).
Result<std::unique_ptr<SealedTextRepository>> open_postgres_sealed_texts(Store& store);
// Seals and opens the fields the store seals itself with `cipher` (store/open/seal_fields.h).
Result<void> seal_postgres_fields_with(Store& store, std::shared_ptr<const FieldCipher> cipher);
// The chats' safeguarding concerns on the database of `store` (which must outlive it).
Result<std::unique_ptr<ChatConcernRepository>> open_postgres_chat_concerns(Store& store);

}  // namespace vg::store::postgres
