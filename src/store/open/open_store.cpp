// open_store: picks the backend a database URL names and anchors its audit chain.
#include <atomic>
#include <string_view>

#include "store/open/open_store.h"

#include "store/audit_chain.h"
#include "store/postgres/pg_chat_notifier.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace vg::store {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Each sqlite::memory: store is its own database, shared only between that store's writer and
// readers (a shared-cache URI: a plain ":memory:" would give every connection its own).
std::string next_memory_uri() {
  static std::atomic<std::uint64_t> counter{0};
  return "file:vgmem" + std::to_string(++counter) + "?mode=memory&cache=shared";
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(const std::string& database_url, int pool_size) {
  return open_store(database_url, pool_size, AuditAnchor{});
}

Result<std::unique_ptr<Store>> open_store(const std::string& database_url, int pool_size,
                                          AuditAnchor anchor,
                                          std::chrono::milliseconds statement_limit) {
  if (anchor.head_path.empty()) anchor.head_path = default_audit_head_path(database_url);
  auto chain = std::make_shared<AuditChain>(std::move(anchor));
  if (pool_size < 1) {
    return validation_failed({{"pool_size", "out_of_range", "Pool size must be 1 or more"}});
  }
  if (starts_with(database_url, "sqlite:")) {
    std::string path = database_url.substr(std::string_view("sqlite:").size());
    if (path.empty()) {
      return validation_failed(
          {{"database_url", "invalid", "A sqlite: URL needs a path, like sqlite:var/vg.db"}},
          "The database URL has no path");
    }
    if (path == ":memory:") return sqlite::open_sqlite_store(next_memory_uri(), pool_size, chain);
    // Opened as a URI (so in-memory stores can share a cache): a plain path must not be read
    // as one, so it becomes file: with its reserved characters escaped.
    if (!starts_with(path, "file:")) {
      std::string uri = "file:";
      for (unsigned char c : path) {
        if (c == '%' || c == '?' || c == '#') {
          static constexpr char kHex[] = "0123456789ABCDEF";
          uri += '%';
          uri += kHex[c >> 4];
          uri += kHex[c & 0xF];
        } else {
          uri += static_cast<char>(c);
        }
      }
      path = std::move(uri);
    }
    return sqlite::open_sqlite_store(path, pool_size, chain);
  }
  if (starts_with(database_url, "postgresql://") || starts_with(database_url, "postgres://")) {
    return postgres::open_postgres_store(database_url, pool_size, chain, statement_limit);
  }
  return validation_failed({{"database_url", "unsupported_scheme",
                             "The database URL must start with sqlite: or postgresql://"}},
                           "The database URL names no supported database");
}

Result<std::unique_ptr<RetentionRepository>> open_retention(Store& store) {
  if (store.backend() == "sqlite") return sqlite::open_sqlite_retention(store);
  return postgres::open_postgres_retention(store);
}

std::unique_ptr<ChatNotifier> open_chat_notifier(const std::string& database_url) {
  if (starts_with(database_url, "postgresql://") || starts_with(database_url, "postgres://")) {
    return postgres::postgres_chat_notifier(database_url);
  }
  return in_process_chat_notifier();
}

}  // namespace vg::store
