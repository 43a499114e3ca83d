// ReferralRepository over either backend's database: referrals read (they are written through a
// unit of work, <backend>_unit_of_work), the open cases kept per service, and API keys.
// Store-internal; instantiated by <backend>_store.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_query.h"
#include "store/store.h"

namespace vg::store {

template <typename Db>
class SqlReferrals final : public ReferralRepository {
 public:
  SqlReferrals(Db& db, const SealedFields& fields) : db_(db), fields_(fields) {}

  Result<std::optional<StoredReferral>> find(const std::string& id) override {
    return read_first<StoredReferral>(db_, select_from(kReferralColumns, "referrals WHERE id = $1"),
                                      {id}, from_row());
  }

  Result<std::optional<StoredReferral>> find_by_reference(const std::string& reference) override {
    return read_first<StoredReferral>(
        db_, select_from(kReferralColumns, "referrals WHERE reference = $1"), {reference},
        from_row());
  }

  Result<std::int64_t> count() override {
    auto n = VG_TRY(read_first<std::int64_t>(db_, "SELECT COUNT(*) FROM referrals", {}, int64_of));
    return n.value_or(0);
  }

  // Reads the counts the database keeps as referrals change (migrations 0006 and 0007): a few
  // rows, however many referrals there are.
  Result<std::vector<std::pair<std::string, int>>> open_cases_by_service(
      const std::string& area) override {
    return read_rows<std::pair<std::string, int>>(
        db_,
        "SELECT service_id, open_cases FROM service_open_cases WHERE area = $1 AND open_cases > 0 "
        "ORDER BY service_id",
        {area}, [](const SqlRow& row) -> Result<std::pair<std::string, int>> {
          return std::pair{row.text(0), static_cast<int>(row.int64(1))};
        });
  }

  // The filter is on the text as routed_referral_json writes it: an explanation of at least one
  // line, not yet its facts ("explanation_facts").
  Result<std::vector<std::pair<std::string, std::string>>> text_explanations_after(
      const std::string& after_id, int limit) override {
    return read_rows<std::pair<std::string, std::string>>(
        db_,
        "SELECT id, assessment FROM referrals WHERE id > $1 AND assessment LIKE "
        "'%\"explanation\":[{%' ORDER BY id LIMIT $2",
        {after_id, limit}, [](const SqlRow& row) -> Result<std::pair<std::string, std::string>> {
          return std::pair{row.text(0), row.text(1)};
        });
  }

  Result<int> replace_assessments(const std::vector<AssessmentChange>& changes) override {
    int changed = 0;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      changed = 0;
      for (const auto& c : changes) {
        changed += static_cast<int>(VG_TRY(conn.run(
            "UPDATE referrals SET assessment = $1 WHERE id = $2 AND assessment = $3 RETURNING id",
            {c.assessment, c.id, c.expected})));
      }
      return {};
    }));
    return changed;
  }

  Result<bool> data_migration_done(const std::string& name) override {
    auto found = VG_TRY(read_first<std::int64_t>(
        db_, "SELECT COUNT(*) FROM data_migrations WHERE name = $1", {name}, int64_of));
    return found.value_or(0) > 0;
  }

  Result<void> record_data_migration(const std::string& name, Instant at) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(conn.run(
          "INSERT INTO data_migrations (name, applied_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
          {name, at}));
      return {};
    });
  }

  Result<void> create_api_key(const ApiKey& key, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(conn.run(std::string("INSERT INTO api_keys (") + kApiKeyColumns +
                            ") VALUES ($1, $2, $3, $4, $5, $6)",
                        {key.id, key.organisation_id, key.label, key.secret_hash, key.created_at,
                         key.revoked_at}));
      return append_audit(conn, audit);
    });
  }

  Result<std::optional<ApiKey>> find_api_key_by_secret_hash(const std::string& secret_hash) override {
    return read_first<ApiKey>(db_, select_from(kApiKeyColumns, "api_keys WHERE secret_hash = $1"),
                              {secret_hash}, api_key_from_row);
  }

  Result<std::optional<ApiKey>> find_api_key(const std::string& id) override {
    return read_first<ApiKey>(db_, select_from(kApiKeyColumns, "api_keys WHERE id = $1"), {id},
                              api_key_from_row);
  }

  Result<void> revoke_api_key(const std::string& id, Instant at, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      // The first revocation's time stands: it is when the key stopped working.
      auto revoked = VG_TRY(conn.run(
          "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 RETURNING id",
          {at, id}));
      if (revoked == 0) return not_found("The API key");
      return append_audit(conn, audit);
    });
  }

 private:
  auto from_row() const {
    return [this](const SqlRow& row) { return referral_from_row(row, fields_); };
  }

  Db& db_;
  const SealedFields& fields_;
};

}  // namespace vg::store
