// Opening a store: the one place that knows both backends. Only the wiring (cli/, and tests)
// may include this; use cases and handlers get a store::Store& and never pick a backend.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "domain/result.h"
#include "store/audit_anchor.h"
#include "store/chat_notifier.h"
#include "store/retention_repository.h"
#include "store/store.h"

namespace vg::store {

// The store a database URL names: "sqlite:PATH" (":memory:" allowed) or "postgresql://…".
// `pool_size` bounds reader (SQLite) or total (PostgreSQL) connections.
Result<std::unique_ptr<Store>> open_store(const std::string& database_url, int pool_size = 8);
// As open_store, with the audit chain anchored by `anchor`. On PostgreSQL, a statement left
// unanswered for `statement_limit` fails as unavailable (zero: no limit); SQLite ignores it.
Result<std::unique_ptr<Store>> open_store(
    const std::string& database_url, int pool_size, AuditAnchor anchor,
    std::chrono::milliseconds statement_limit = std::chrono::milliseconds{0});

// Retention's repository on the database of `store` (one open_store made; it must outlive the
// repository).
Result<std::unique_ptr<RetentionRepository>> open_retention(Store& store);

// Live chat's notifier for the database `database_url` names (store/chat_notifier.h): LISTEN and
// NOTIFY on PostgreSQL; on SQLite, whose one process holds every socket, an in-process one.
std::unique_ptr<ChatNotifier> open_chat_notifier(const std::string& database_url);

}  // namespace vg::store
