// The public side of the directory: search services by crime type, area, postcode and words,
// read any record, and the view a person sees of a service (kept while its record is unchanged).
// Reads only: never writes the directory, never touches HTTP.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/clock.h"
#include "app/directory/current_service_index.h"
#include "app/directory/directory_generation.h"
#include "app/directory/service_hit.h"
#include "app/directory/service_view.h"
#include "app/directory/taxonomy_cache.h"
#include "domain/directory/directory_records.h"
#include "domain/directory/search_synonyms.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

using directory::OrganizationRecord;
using directory::PageOf;
using directory::PageRequest;
using directory::ServiceAtLocationRecord;
using directory::ServiceRecord;
using directory::TaxonomyRecord;
using directory::TaxonomyTermRecord;

enum class PostcodeStatus {
  kResolved,         // found in the loaded ONS lookup
  kMalformed,        // not the shape of a UK postcode
  kNotFound,         // well-formed, but the loaded lookup does not hold it
  kLookupNotLoaded,  // no postcode data has been imported
};

struct PostcodeResolution {
  PostcodeStatus status = PostcodeStatus::kMalformed;
  std::string normalised;  // "L1 8AA" form when well-formed
  std::string lad_code;    // when resolved
  // A postcode Royal Mail never issues, so one of an invented demonstration set
  // (directory::is_unissued_postcode): pages say so.
  bool illustrative = false;
};

// Search parameters as people and API clients give them; the search turns them into a
// store::ServiceQuery (crime-type codes to term ids, postcode to a local authority).
struct ServiceSearch {
  std::string text;
  std::vector<std::string> crime_types;        // term codes in the crime-type taxonomy, e.g. "domestic_abuse"
  std::vector<std::string> local_authorities;  // GSS codes
  std::string postcode;                        // resolved to a local authority when the lookup holds it
  std::vector<std::string> taxonomy_term_ids;  // HSDS taxonomy_term_id
  std::string taxonomy_id;                     // HSDS taxonomy_id
  std::string organization_id;
  std::optional<int> age;  // the searcher's age: services whose age range includes it
  bool include_inactive = false;
  int page = 1;
  int per_page = 10;
};

// What a service's view (DirectorySearch::view_of) is made from: a fingerprint of every record
// field it reads, and the taxonomy it names terms from. Equal keys, equal views, so what is made
// from a view (a page's HTML) can be kept under its key.
struct ServiceViewKey {
  std::uint64_t fingerprint = 0;
  std::shared_ptr<const TaxonomyIndex> taxonomy;  // held, so no later taxonomy reuses its address
  bool operator==(const ServiceViewKey&) const = default;
};

struct ServiceSearchResult {
  // Each hit reads as a `const ServiceRecord&` (see ServiceHit), valid while this result lives.
  PageOf<ServiceHit> page;
  std::optional<PostcodeResolution> postcode;  // set when a postcode was given
  std::shared_ptr<const void> holder;          // what the hits point into
};

// Where search_services finds its answer. Both give the same ids in the same order with the same
// total; kStore stays so that a test can prove it of kIndex.
enum class SearchPath {
  kIndex,  // a copy of the directory in memory (CurrentServiceIndex), kept in step with the store
  kStore,  // a query to the store each time
};

class DirectorySearch {
 public:
  // `taxonomy` and `generation` are shared with the directory's writers (DirectoryAdmin,
  // DirectoryTransfer) in this process, and must outlive this, as must `clock` (how often the
  // index asks the store whether another process changed the directory).
  DirectorySearch(store::Store& store, const TaxonomyCache& taxonomy,
                  const DirectoryGeneration& generation, const Clock& clock,
                  SearchPath path = SearchPath::kIndex);

  // Terms of the victim-support taxonomy, by group: "crime_type", "audience", "kind_of_help".
  Result<std::vector<TaxonomyTermRecord>> terms_in_group(std::string_view group);

  // Field errors name the parameter (e.g. "crime_type", "local_authority", "page").
  Result<ServiceSearchResult> search_services(const ServiceSearch& search);
  // The same, for a caller that has already resolved `search.postcode` (resolve_postcode), so it
  // is not looked up twice.
  Result<ServiceSearchResult> search_services(const ServiceSearch& search,
                                              const PostcodeResolution& postcode);
  Result<ServiceRecord> get_service(const std::string& id);
  // A service as the public reads it: from the in-memory index when it holds it (as fresh as a
  // search's answers: another process's change shows within the index's recheck), else from the
  // store. Staff who edit a service read it with get_service, always from the store.
  Result<ServiceRecord> get_public_service(const std::string& id);
  Result<ServiceView> view_service(const std::string& id);
  ServiceView view_of(const ServiceRecord& record) const;
  // The taxonomy as this process holds it now: a new one when the taxonomy changes, so what is
  // made from its terms (a page's checkboxes) can be kept while this is the same.
  std::shared_ptr<const TaxonomyIndex> taxonomy() const { return taxonomy_.get(); }
  // The key view_of(record) would be made under now: cheaper than the view (a hash).
  ServiceViewKey view_key(const ServiceRecord& record) const;
  // The same for a search's hit, without hashing when the index kept the hit's fingerprint:
  // hashing ten services' documents was a sixth of a results page's time.
  ServiceViewKey view_key(const ServiceHit& hit) const;

  Result<PageOf<OrganizationRecord>> list_organizations(const PageRequest& page);
  Result<OrganizationRecord> get_organization(const std::string& id);
  Result<PageOf<TaxonomyRecord>> list_taxonomies(const PageRequest& page);
  Result<TaxonomyRecord> get_taxonomy(const std::string& id);
  Result<PageOf<TaxonomyTermRecord>> list_taxonomy_terms(const std::string& taxonomy_id,
                                                        const PageRequest& page);
  Result<TaxonomyTermRecord> get_taxonomy_term(const std::string& id);
  Result<PageOf<ServiceAtLocationRecord>> search_service_at_locations(const ServiceSearch& search);
  Result<ServiceAtLocationRecord> get_service_at_location(const std::string& id);

  Result<PostcodeResolution> resolve_postcode(std::string_view raw);
  // Whether any postcode data is loaded, so search by postcode can be offered at all. Postcodes
  // are only ever added, so once seen loaded this is remembered; until then each call asks the
  // store (cheap: the table is empty), so an import by another process shows up at once.
  Result<bool> postcode_search_available();

  // The areas' search synonyms (see load_search_synonyms), applied to every text search. Set
  // once at start-up, before any search runs; null means none.
  void set_synonyms(std::shared_ptr<const directory::SearchSynonyms> synonyms) {
    synonyms_ = std::move(synonyms);
  }

  // Each search hit from the index carries the list item `render` made for its service when
  // the index was built (ServiceHit::list_item). Set once at start-up, before any search runs.
  void set_list_item_renderer(ServiceListItemRenderer render) {
    if (index_) index_->set_list_item_renderer(std::move(render));
  }

  // Moves on after every directory write this process makes, so caches of answers know when
  // to drop them.
  std::uint64_t generation() const { return generation_.current(); }

 private:
  // `known`, when given, is search.postcode already resolved.
  Result<store::ServiceQuery> to_query(const ServiceSearch& search,
                                       std::optional<PostcodeResolution>& postcode,
                                       const PostcodeResolution* known = nullptr);
  Result<ServiceSearchResult> search(const ServiceSearch& search, const PostcodeResolution* known);

  store::Store& store_;
  const TaxonomyCache& taxonomy_;
  const DirectoryGeneration& generation_;
  std::unique_ptr<CurrentServiceIndex> index_;  // null on SearchPath::kStore
  std::atomic<bool> postcodes_loaded_{false};
  std::shared_ptr<const directory::SearchSynonyms> synonyms_;

  // Views made recently, each with a fingerprint of the record and the taxonomy it came from:
  // a results page shows twenty services, and reading a service's document was most of each
  // one's share of the page. A record that changes in any field the view reads, here or in
  // another process, has another fingerprint and is read again.
  struct CachedView {
    std::uint64_t fingerprint = 0;
    std::shared_ptr<const TaxonomyIndex> taxonomy;
    ServiceView view;
  };
  mutable std::mutex views_mutex_;
  mutable std::unordered_map<std::string, CachedView> views_;
};

}  // namespace vg::app
