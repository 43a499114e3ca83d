// The repositories both SQL backends implement, declared once over the backend's database type
// (sqlite::Database, postgres::Pool). Each backend defines every member in its own
// <backend>_<repository>.cpp and instantiates the class there (a user of the class declares
// that instantiation `extern`, as <backend>_store.cpp does); nothing here runs SQL.
// Store-internal: reached through Store::directory(), referrals(), public_forms(), rule_sets().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "store/store.h"

namespace vg::store {

// Upserts directory batches atomically with their audit entry; filtered, paged searches.
template <typename Database>
class SqlDirectory final : public DirectoryRepository {
 public:
  explicit SqlDirectory(Database& db) : db_(db) {}

  Result<void> apply(const DirectoryBatch& batch, const AuditEntry& audit) override;
  Result<PageOf<ServiceRecord>> search_services(const ServiceQuery& query) override;
  Result<std::optional<ServiceRecord>> find_service(const std::string& id) override;
  Result<PageOf<OrganizationRecord>> list_organizations(const PageRequest& page) override;
  Result<std::optional<OrganizationRecord>> find_organization(const std::string& id) override;
  Result<PageOf<TaxonomyRecord>> list_taxonomies(const PageRequest& page) override;
  Result<std::optional<TaxonomyRecord>> find_taxonomy(const std::string& id) override;
  Result<PageOf<TaxonomyTermRecord>> list_taxonomy_terms(const std::string& taxonomy_id,
                                                         const PageRequest& page) override;
  Result<std::optional<TaxonomyTermRecord>> find_taxonomy_term(const std::string& id) override;
  Result<PageOf<ServiceAtLocationRecord>> search_service_at_locations(
      const ServiceQuery& query) override;
  Result<std::optional<ServiceAtLocationRecord>> find_service_at_location(
      const std::string& id) override;
  Result<DirectoryBatch> export_all() override;

 private:
  Database& db_;
};

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

// Drafts of public forms and rate-limit counters.
template <typename Database>
class SqlPublicForms final : public PublicFormRepository {
 public:
  explicit SqlPublicForms(Database& db) : db_(db) {}

  Result<void> save_draft(const std::string& id_hash, const std::string& sealed,
                          Instant expires_at) override;
  Result<std::optional<std::string>> find_draft(const std::string& id_hash, Instant now) override;
  Result<bool> replace_draft(const std::string& id_hash, const std::string& expected,
                             const std::string& replacement, Instant expires_at,
                             Instant now) override;
  Result<void> delete_draft(const std::string& id_hash) override;
  Result<std::int64_t> add_hit(const std::string& bucket, Instant window_start) override;
  Result<std::int64_t> purge(Instant now, Instant windows_before) override;

 private:
  Database& db_;
};

// Routing rule sets, each area's by version, kept for good.
template <typename Database>
class SqlRuleSets final : public RuleSetRepository {
 public:
  explicit SqlRuleSets(Database& db) : db_(db) {}

  Result<bool> add_rule_set(const RuleSetRecord& rule_set, const AuditEntry& audit) override;
  Result<std::optional<RuleSetRecord>> current_rule_set(const std::string& area) override;
  Result<std::optional<RuleSetRecord>> find_rule_set(const std::string& area,
                                                     const std::string& version) override;
  Result<std::vector<RuleSetRecord>> list_rule_sets(const std::string& area) override;

 private:
  Database& db_;
};

}  // namespace vg::store
