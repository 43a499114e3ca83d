// The directory repository on PostgreSQL: upserts batches atomically with their audit entry and
// answers filtered, paged, full-text searches. Store-internal; reached through Store::directory().
#pragma once

#include "store/postgres/pg_database.h"
#include "store/store.h"

namespace vg::store::postgres {

class PgDirectory final : public DirectoryRepository {
 public:
  explicit PgDirectory(Pool& pool) : pool_(pool) {}

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
  Pool& pool_;
};

}  // namespace vg::store::postgres
