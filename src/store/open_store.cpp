// open_store: picks the backend a database URL names. audit_hash: the audit chain's hash.
#include <sodium.h>

#include <atomic>
#include <string_view>

#include "store/instant_text.h"
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

// Netstring-style field: length, colon, bytes, comma. No field's content can shift another's.
void append_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ',';
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(const std::string& database_url, int pool_size) {
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
    if (path == ":memory:") return sqlite::open_sqlite_store(next_memory_uri(), pool_size);
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
    return sqlite::open_sqlite_store(path, pool_size);
  }
  if (starts_with(database_url, "postgresql://") || starts_with(database_url, "postgres://")) {
    return postgres::open_postgres_store(database_url, pool_size);
  }
  return validation_failed({{"database_url", "unsupported_scheme",
                             "The database URL must start with sqlite: or postgresql://"}},
                           "The database URL names no supported database");
}

std::string audit_hash(const AuditEntry& entry, const std::string& prev_hash) {
  std::string canonical = "vg-audit-1:";
  append_field(canonical, prev_hash);
  append_field(canonical, format_instant(entry.at));
  append_field(canonical, entry.actor);
  append_field(canonical, entry.action);
  append_field(canonical, entry.entity_type);
  append_field(canonical, entry.entity_id);
  append_field(canonical, entry.detail);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(canonical.data()),
                     canonical.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

}  // namespace vg::store
