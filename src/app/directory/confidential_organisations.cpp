#include "app/directory/confidential_organisations.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "app/directory/service_document.h"

namespace vg::app {
namespace {

namespace json = boost::json;

// The organisation's document without its locations; false when it had none to drop.
bool drop_locations(directory::OrganizationRecord& organization) {
  boost::system::error_code unreadable;
  auto document = json::parse(organization.document, unreadable);
  if (unreadable || !document.is_object() || !document.as_object().contains("locations")) return false;
  document.as_object().erase("locations");
  organization.document = json::serialize(document);
  return true;
}

}  // namespace

Result<void> keep_no_locations_for_confidential(directory::DirectoryBatch& batch,
                                                store::DirectoryRepository& directory,
                                                const TaxonomyIndex& taxonomy) {
  const auto* term = taxonomy.by_code(kConfidentialLocation);
  if (term == nullptr) return {};  // no such term: no service can be confidential
  auto confidential = [&](const directory::ServiceRecord& s) {
    return std::find(s.taxonomy_term_ids.begin(), s.taxonomy_term_ids.end(), term->id) != s.taxonomy_term_ids.end();
  };
  std::set<std::string> running;  // organisations running a confidential service in the batch
  for (const auto& s : batch.services) {
    if (confidential(s)) running.insert(s.organization_id);
  }
  std::set<std::string> in_batch;
  for (auto& organization : batch.organizations) {
    in_batch.insert(organization.id);
    bool runs = running.contains(organization.id);
    if (!runs) {
      store::ServiceQuery q;
      q.organization_id = organization.id;
      q.taxonomy_term_ids = {term->id};
      q.per_page = 1;
      runs = VG_TRY(directory.search_services(q)).total_items > 0;
    }
    if (runs) drop_locations(organization);
  }
  for (const auto& id : running) {
    if (in_batch.contains(id)) continue;
    auto stored = VG_TRY(directory.find_organization(id));
    if (stored && drop_locations(*stored)) batch.organizations.push_back(std::move(*stored));
  }
  return {};
}

}  // namespace vg::app
