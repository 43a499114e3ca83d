// Drafts of public forms and rate-limit counters on SQLite. Store-internal; reached through
// Store::public_forms().
#pragma once

#include "store/sqlite/sqlite_database.h"
#include "store/store.h"

namespace vg::store::sqlite {

class SqlitePublicForms final : public PublicFormRepository {
 public:
  explicit SqlitePublicForms(Database& db) : db_(db) {}

  Result<void> save_draft(const std::string& id_hash, const std::string& sealed,
                          Instant expires_at) override;
  Result<std::optional<std::string>> find_draft(const std::string& id_hash, Instant now) override;
  Result<bool> replace_draft(const std::string& id_hash, const std::string& expected,
                             const std::string& replacement, Instant expires_at, Instant now) override;
  Result<void> delete_draft(const std::string& id_hash) override;
  Result<std::int64_t> add_hit(const std::string& bucket, Instant window_start) override;
  Result<std::int64_t> purge(Instant now, Instant windows_before) override;

 private:
  Database& db_;
};

}  // namespace vg::store::sqlite
