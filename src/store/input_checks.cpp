#include "store/input_checks.h"

#include <unordered_set>

namespace vg::store {

Result<std::int64_t> check_page(int page, int per_page) {
  std::vector<FieldError> errors;
  if (page < 1) errors.push_back({"page", "out_of_range", "Page must be 1 or more"});
  if (per_page < 1 || per_page > kMaxPerPage) {
    errors.push_back({"per_page", "out_of_range",
                      "Per page must be between 1 and " + std::to_string(kMaxPerPage)});
  }
  if (!errors.empty()) return validation_failed(std::move(errors));
  return (static_cast<std::int64_t>(page) - 1) * per_page;
}

Result<void> check_batch(const directory::DirectoryBatch& batch,
                         const ExistsFn& organization_stored, const ExistsFn& service_stored) {
  std::vector<FieldError> errors;
  auto require_id = [&](const std::string& id, const std::string& path) {
    if (id.empty()) errors.push_back({path + ".id", "required", "Every record needs an id"});
  };
  std::unordered_set<std::string> batch_orgs;
  for (std::size_t i = 0; i < batch.organizations.size(); ++i) {
    require_id(batch.organizations[i].id, "organizations[" + std::to_string(i) + "]");
    batch_orgs.insert(batch.organizations[i].id);
  }
  for (std::size_t i = 0; i < batch.taxonomies.size(); ++i) {
    require_id(batch.taxonomies[i].id, "taxonomies[" + std::to_string(i) + "]");
  }
  for (std::size_t i = 0; i < batch.taxonomy_terms.size(); ++i) {
    require_id(batch.taxonomy_terms[i].id, "taxonomy_terms[" + std::to_string(i) + "]");
  }
  std::unordered_set<std::string> batch_services;
  for (std::size_t i = 0; i < batch.services.size(); ++i) {
    const auto& service = batch.services[i];
    const std::string path = "services[" + std::to_string(i) + "]";
    require_id(service.id, path);
    batch_services.insert(service.id);
    bool known = batch_orgs.contains(service.organization_id);
    if (!known && !service.organization_id.empty()) {
      known = VG_TRY(organization_stored(service.organization_id));
    }
    if (!known) {
      errors.push_back({path + ".organization_id", "not_found",
                        "The service's organization is not in the directory"});
    }
  }
  for (std::size_t i = 0; i < batch.service_at_locations.size(); ++i) {
    const auto& sal = batch.service_at_locations[i];
    const std::string path = "service_at_locations[" + std::to_string(i) + "]";
    require_id(sal.id, path);
    bool known = batch_services.contains(sal.service_id);
    if (!known && !sal.service_id.empty()) known = VG_TRY(service_stored(sal.service_id));
    if (!known) {
      errors.push_back({path + ".service_id", "not_found",
                        "The service-at-location's service is not in the directory"});
    }
  }
  if (!errors.empty()) return validation_failed(std::move(errors));
  return {};
}

std::vector<std::string> unique_in_order(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& id : ids) {
    if (seen.insert(id).second) out.push_back(id);
  }
  return out;
}

}  // namespace vg::store
