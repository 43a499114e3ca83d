// Directory use cases: search, read, import/export (Open Referral HSDS 3.0 JSON), admin edits.
// Takes a Store and a Clock; never touches HTTP; every write goes through one audited batch.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/clock.h"
#include "app/directory/local_authorities.h"
#include "app/directory/taxonomy_index.h"
#include "domain/directory/directory_records.h"
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

// Search parameters as people and API clients give them; the service turns them into a
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

struct ServiceSearchResult {
  PageOf<ServiceRecord> page;
  std::optional<PostcodeResolution> postcode;  // set when a postcode was given
};

// What a person needs to see about a service, read out of its HSDS document.
struct ServiceView {
  std::string id;
  std::string name;
  std::string description;
  std::string organization_id;
  std::string organization_name;
  std::string status;
  std::string url;
  std::string email;
  std::vector<std::string> phones;           // display numbers
  std::vector<std::string> opening_times;    // human lines, e.g. "Monday to Friday, 9am to 5pm"
  std::vector<std::string> crime_types;      // term names
  std::vector<std::string> audiences;        // "Children and young people", ...
  std::vector<std::string> kinds_of_help;    // "Advocacy", ...
  std::vector<std::string> areas;            // local authority names
  std::string eligibility;                   // eligibility description, if any
  std::string languages;                     // "English, Polish"
  bool self_referral = false;
  bool illustrative_contact_details = false;  // demo data: contact details are invented
};

// Admin form input for an organisation (id empty = create).
struct OrganizationForm {
  std::string id;
  std::string name;
  std::string description;
  std::string website;
  std::string email;
};

// Admin form input for a service (id empty = create). Codes are taxonomy term codes.
struct ServiceForm {
  std::string id;
  std::string organization_id;
  std::string name;
  std::string description;
  std::string status = "active";
  std::string url;
  std::string email;
  std::string phone;
  std::string opening_hours;  // free text shown as given, e.g. "Monday to Friday 9am to 5pm"
  std::vector<std::string> crime_types;
  std::vector<std::string> audiences;
  std::vector<std::string> kinds_of_help;
  std::vector<std::string> local_authorities;
  bool self_referral = false;
  std::optional<int> minimum_age;
  std::optional<int> maximum_age;
  bool illustrative_contact_details = false;  // demo data: shown as "contact details are invented"
};

struct ImportSummary {
  int organizations = 0;
  int services = 0;
  int taxonomies = 0;
  int taxonomy_terms = 0;
  int service_at_locations = 0;
};

class DirectoryService {
 public:
  DirectoryService(store::Store& store, const Clock& clock);

  const std::vector<LocalAuthority>& local_authorities() const;
  const LocalAuthority* find_local_authority(std::string_view code) const;

  // Terms of the victim-support taxonomy, by group: "crime_type", "audience", "kind_of_help".
  Result<std::vector<TaxonomyTermRecord>> terms_in_group(std::string_view group);

  // Field errors name the parameter (e.g. "crime_type", "local_authority", "page").
  Result<ServiceSearchResult> search_services(const ServiceSearch& search);
  Result<ServiceRecord> get_service(const std::string& id);
  Result<ServiceView> view_service(const std::string& id);
  ServiceView view_of(const ServiceRecord& record) const;

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

  // HSDS 3.0 JSON: a single service/organization/taxonomy/term object, an array of them, or a
  // paged API body. Every problem is reported with its JSON path; nothing lands unless all is valid.
  Result<ImportSummary> import_hsds(std::string_view json, const std::string& actor);
  // Everything, as one JSON document that import_hsds reads back to the same data.
  Result<std::string> export_hsds();

  // Admin edits; return the record id. Field errors use the form's field names.
  Result<std::string> save_organization(const OrganizationForm& form, const std::string& actor);
  Result<std::string> save_service(const ServiceForm& form, const std::string& actor);
  // Many services in one transaction (demo data, generated benchmark directories). Field errors
  // are prefixed "services[i]." with the form's index.
  Result<std::vector<std::string>> save_services(const std::vector<ServiceForm>& forms,
                                                 const std::string& actor);

  // The taxonomy as a lookup, re-read from the store at most every 30 seconds (or at once after
  // this process changed it), so an import by another process shows up without a restart.
  std::shared_ptr<const TaxonomyIndex> taxonomy() const;

  // The areas' search synonyms (see load_search_synonyms), applied to every text search. Set
  // once at start-up, before any search runs; null means none.
  void set_synonyms(std::shared_ptr<const directory::SearchSynonyms> synonyms) {
    synonyms_ = std::move(synonyms);
  }

  // Bumped after every directory write this process makes, so caches of answers know when to
  // drop them.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  void forget_taxonomy() const;
  Result<store::ServiceQuery> to_query(const ServiceSearch& search,
                                       std::optional<PostcodeResolution>& postcode);

  store::Store& store_;
  const Clock& clock_;
  std::vector<LocalAuthority> local_authorities_;
  mutable std::mutex taxonomy_mutex_;
  mutable std::shared_ptr<const TaxonomyIndex> taxonomy_;
  mutable std::chrono::system_clock::time_point taxonomy_loaded_at_{};
  std::atomic<std::uint64_t> generation_{1};
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
