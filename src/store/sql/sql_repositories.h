// The referral repository both SQL backends implement, declared once over the backend's database
// type (sqlite::Database, postgres::Pool). Each backend defines every member in its own
// <backend>_referrals.cpp and instantiates the class there (a user of the class declares that
// instantiation `extern`, as <backend>_store.cpp does); nothing here runs SQL. The other
// repositories are defined once for both, in sql_<repository>.h. Store-internal: reached
// through Store::referrals().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "store/store.h"

namespace vg::store {

// Reads referrals (written through a unit of work); API keys.
template <typename Database>
class SqlReferrals final : public ReferralRepository {
 public:
  explicit SqlReferrals(Database& db) : db_(db) {}

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
  Database& db_;
};

}  // namespace vg::store
