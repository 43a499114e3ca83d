// Search and read: turns what people and API clients ask for into store queries.
#include "app/directory/directory_search.h"

#include <algorithm>

#include "app/directory/local_authorities.h"
#include "app/directory/service_document.h"
#include "app/directory/service_fingerprint.h"
#include "domain/directory/postcode.h"
#include "domain/text/control_characters.h"

namespace vg::app {
namespace {

bool is_term_code(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

template <typename T>
Result<T> found_or_not(Result<std::optional<T>> found, std::string_view what) {
  if (!found) return std::unexpected(found.error());
  if (!*found) return not_found(std::string(what));
  return std::move(**found);
}

}  // namespace

DirectorySearch::DirectorySearch(store::Store& store, const TaxonomyCache& taxonomy,
                                 const DirectoryGeneration& generation, const Clock& clock,
                                 SearchPath path)
    : store_(store), taxonomy_(taxonomy), generation_(generation) {
  if (path == SearchPath::kIndex) {
    index_ = std::make_unique<CurrentServiceIndex>(store, generation, clock);
  }
}

Result<std::vector<TaxonomyTermRecord>> DirectorySearch::terms_in_group(std::string_view group) {
  return taxonomy_.get()->group(group);
}

Result<store::ServiceQuery> DirectorySearch::to_query(const ServiceSearch& search,
                                                       std::optional<PostcodeResolution>& postcode,
                                                       const PostcodeResolution* known) {
  std::vector<FieldError> errors;
  store::ServiceQuery q;
  // Whatever reached here (page, API or a use case), a control character or bidi override is
  // never part of a search: it only separates words.
  q.text = text::without_controls(search.text);
  q.synonyms = synonyms_;
  q.taxonomy_term_ids = search.taxonomy_term_ids;
  q.taxonomy_id = search.taxonomy_id;
  q.organization_id = search.organization_id;
  q.age = search.age;
  if (!search.include_inactive) q.status = "active";
  q.page = search.page;
  q.per_page = search.per_page;
  if (search.page < 1) errors.push_back({"page", "out_of_range", "page must be 1 or more"});
  if (search.per_page < 1 || search.per_page > 100) {
    errors.push_back({"per_page", "out_of_range", "per_page must be from 1 to 100"});
  }

  const auto index = taxonomy_.get();
  std::vector<std::string> crime_ids;
  for (const auto& code : search.crime_types) {
    if (!is_term_code(code)) {
      errors.push_back({"crime_type", "malformed",
                        "crime_type must be a code from the crime-type taxonomy, like "
                        "domestic_abuse"});
      continue;
    }
    const auto* term = index->by_code(code);
    if (term == nullptr || index->group_of(term->id) != "crime_type" || term->parent_id.empty()) {
      errors.push_back({"crime_type", "unknown", "there is no crime type with the code " + code});
      continue;
    }
    crime_ids.push_back(term->id);
  }
  // Within crime types a service needs only one of them (with its family): a person ticking
  // "domestic abuse" and "stalking" wants help with either.
  q.any_taxonomy_term_ids = index->expand(crime_ids);

  for (const auto& code : search.local_authorities) {
    if (!is_gss_code(code)) {
      errors.push_back({"local_authority", "malformed",
                        "local_authority must be a GSS code, like E08000012"});
    } else if (find_local_authority(code) == nullptr) {
      errors.push_back({"local_authority", "unknown",
                        "this directory covers no local authority with the code " + code});
    } else {
      q.area_codes.push_back(code);
    }
  }

  if (!search.postcode.empty()) {
    auto resolved = known != nullptr ? Result<PostcodeResolution>(*known)
                                     : resolve_postcode(search.postcode);
    if (!resolved) return std::unexpected(resolved.error());
    if (resolved->status == PostcodeStatus::kMalformed) {
      errors.push_back({"postcode", "malformed", "postcode must be a full UK postcode, like L1 8JQ"});
    } else {
      postcode = *resolved;
      if (resolved->status == PostcodeStatus::kResolved) q.area_codes.push_back(resolved->lad_code);
    }
  }
  if (!errors.empty()) {
    return validation_failed(std::move(errors), "One or more search parameters are not valid");
  }
  return q;
}

Result<ServiceSearchResult> DirectorySearch::search_services(const ServiceSearch& search) {
  return this->search(search, nullptr);
}

Result<ServiceSearchResult> DirectorySearch::search_services(const ServiceSearch& search,
                                                             const PostcodeResolution& postcode) {
  return this->search(search, &postcode);
}

Result<ServiceSearchResult> DirectorySearch::search(const ServiceSearch& search,
                                                    const PostcodeResolution* known) {
  ServiceSearchResult result;
  auto query = VG_TRY(to_query(search, result.postcode, known));
  // A postcode we cannot place must not give results for everywhere: the caller says why.
  if (result.postcode && result.postcode->status != PostcodeStatus::kResolved) return result;
  if (index_) {
    auto hits = VG_TRY(index_->search(query));
    result.page = std::move(hits.page);
    result.holder = std::move(hits.holder);
    return result;
  }
  auto records = std::make_shared<const PageOf<ServiceRecord>>(
      VG_TRY(store_.directory().search_services(query)));
  result.page.total_items = records->total_items;
  result.page.items.reserve(records->items.size());
  for (const auto& record : records->items) result.page.items.emplace_back(record, nullptr);
  result.holder = std::move(records);
  return result;
}

Result<PageOf<ServiceAtLocationRecord>> DirectorySearch::search_service_at_locations(
    const ServiceSearch& search) {
  std::optional<PostcodeResolution> postcode;
  auto query = VG_TRY(to_query(search, postcode));
  if (postcode && postcode->status != PostcodeStatus::kResolved) {
    return PageOf<ServiceAtLocationRecord>{};
  }
  return store_.directory().search_service_at_locations(query);
}

Result<ServiceRecord> DirectorySearch::get_service(const std::string& id) {
  return found_or_not(store_.directory().find_service(id), "The service");
}

Result<ServiceRecord> DirectorySearch::get_public_service(const std::string& id) {
  if (index_) {
    if (auto found = VG_TRY(index_->find(id))) return *found->record;
  }
  return get_service(id);
}

Result<ServiceView> DirectorySearch::view_service(const std::string& id) {
  auto record = VG_TRY(get_service(id));
  return view_of(record);
}

ServiceViewKey DirectorySearch::view_key(const ServiceRecord& record) const {
  return ServiceViewKey{service_fingerprint(record), taxonomy_.get()};
}

ServiceViewKey DirectorySearch::view_key(const ServiceHit& hit) const {
  if (auto print = hit.fingerprint()) return ServiceViewKey{*print, taxonomy_.get()};
  return view_key(hit.record());
}

ServiceView DirectorySearch::view_of(const ServiceRecord& record) const {
  // Bounded: a directory has thousands of services, and the cache starts again when full.
  constexpr std::size_t kMaxViews = 4096;
  auto index = taxonomy_.get();
  const std::uint64_t print = service_fingerprint(record);
  {
    std::lock_guard lock(views_mutex_);
    auto found = views_.find(record.id);
    if (found != views_.end() && found->second.fingerprint == print &&
        found->second.taxonomy == index) {
      return found->second.view;
    }
  }
  ServiceView view = service_view(record, *index);
  std::lock_guard lock(views_mutex_);
  if (views_.size() >= kMaxViews) views_.clear();
  views_[record.id] = CachedView{print, index, view};
  return view;
}

Result<PageOf<OrganizationRecord>> DirectorySearch::list_organizations(const PageRequest& page) {
  return store_.directory().list_organizations(page);
}

Result<OrganizationRecord> DirectorySearch::get_organization(const std::string& id) {
  return found_or_not(store_.directory().find_organization(id), "The organization");
}

Result<PageOf<TaxonomyRecord>> DirectorySearch::list_taxonomies(const PageRequest& page) {
  return store_.directory().list_taxonomies(page);
}

Result<TaxonomyRecord> DirectorySearch::get_taxonomy(const std::string& id) {
  return found_or_not(store_.directory().find_taxonomy(id), "The taxonomy");
}

Result<PageOf<TaxonomyTermRecord>> DirectorySearch::list_taxonomy_terms(
    const std::string& taxonomy_id, const PageRequest& page) {
  return store_.directory().list_taxonomy_terms(taxonomy_id, page);
}

Result<TaxonomyTermRecord> DirectorySearch::get_taxonomy_term(const std::string& id) {
  return found_or_not(store_.directory().find_taxonomy_term(id), "The taxonomy term");
}

Result<ServiceAtLocationRecord> DirectorySearch::get_service_at_location(const std::string& id) {
  return found_or_not(store_.directory().find_service_at_location(id), "The service at location");
}

Result<PostcodeResolution> DirectorySearch::resolve_postcode(std::string_view raw) {
  PostcodeResolution r;
  auto normalised = directory::normalise_postcode(raw);
  if (!normalised) return r;  // kMalformed
  r.normalised = *normalised;
  const std::string key = directory::postcode_key(*normalised);
  // Held in memory beside the index when the lookup is small; a postcode it does not hold is
  // asked of the store, so one just added by another process is found at once.
  std::optional<std::string> lad;
  if (index_) lad = VG_TRY(index_->held_lad(key));
  if (!lad) lad = VG_TRY(store_.postcodes().find_lad(key));
  if (lad) {
    r.status = PostcodeStatus::kResolved;
    r.lad_code = *lad;
    r.illustrative = directory::is_unissued_postcode(r.normalised);
    postcodes_loaded_.store(true, std::memory_order_relaxed);
    return r;
  }
  const bool loaded = VG_TRY(postcode_search_available());
  r.status = loaded ? PostcodeStatus::kNotFound : PostcodeStatus::kLookupNotLoaded;
  return r;
}

Result<bool> DirectorySearch::postcode_search_available() {
  if (postcodes_loaded_.load(std::memory_order_relaxed)) return true;
  const auto count = VG_TRY(store_.postcodes().count());
  if (count > 0) postcodes_loaded_.store(true, std::memory_order_relaxed);
  return count > 0;
}

}  // namespace vg::app
