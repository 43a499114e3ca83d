// The referral repository on SQLite: creates referrals (references, duplicate and idempotency
// checks, audit) in one BEGIN IMMEDIATE transaction; API keys. Store-internal; reached through
// Store::referrals().
#pragma once

#include "store/sqlite/sqlite_database.h"
#include "store/store.h"

namespace vg::store::sqlite {

class SqliteReferrals final : public ReferralRepository {
 public:
  explicit SqliteReferrals(Database& db) : db_(db) {}

  Result<void> create_together(const std::vector<const NewReferral*>& items,
                               std::vector<Result<ReferralCreated>>& answers) override;
  Result<std::optional<StoredReferral>> find(const std::string& id) override;
  Result<std::optional<StoredReferral>> find_by_reference(const std::string& reference) override;
  Result<std::int64_t> count() override;
  Result<std::vector<std::pair<std::string, int>>> open_cases_by_service(
      const std::string& area) override;

  Result<void> create_api_key(const ApiKey& key, const AuditEntry& audit) override;
  Result<std::optional<ApiKey>> find_api_key_by_secret_hash(
      const std::string& secret_hash) override;
  Result<std::optional<ApiKey>> find_api_key(const std::string& id) override;
  Result<void> revoke_api_key(const std::string& id, Instant at, const AuditEntry& audit) override;

 private:
  Result<std::optional<StoredReferral>> find_where(const std::string& condition,
                                                   const std::string& value);
  Result<std::optional<ApiKey>> find_api_key_where(const std::string& condition,
                                                   const std::string& value);

  Database& db_;
};

}  // namespace vg::store::sqlite
