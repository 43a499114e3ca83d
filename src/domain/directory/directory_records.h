// The directory as stored: each Open Referral (HSDS 3.0) object keeps its full JSON document,
// beside the few facets that search and paging need. Pure values; no I/O.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/directory/search_synonyms.h"

namespace vg::directory {

// The canonical document is the HSDS 3.0 JSON object exactly as the API serves it (for a
// service: the compiled, nested form). Facets are derived from it by the app layer on write.
struct OrganizationRecord {
  std::string id;  // UUID
  std::string name;
  std::string description;
  std::string document;
};

struct TaxonomyRecord {
  std::string id;
  std::string name;
  std::string description;
  std::string document;
};

struct TaxonomyTermRecord {
  std::string id;
  std::string taxonomy_id;  // may be empty: HSDS allows free-standing terms
  std::string code;         // e.g. "crime:domestic_abuse"; unique within its taxonomy
  std::string name;
  std::string parent_id;
  std::string document;
};

struct ServiceRecord {
  std::string id;
  std::string organization_id;
  std::string name;
  std::string description;
  std::string status;  // active | inactive | defunct | temporarily closed
  std::string document;
  std::vector<std::string> taxonomy_term_ids;  // every term linked through attributes
  std::vector<std::string> area_codes;         // GSS codes of the local authorities served
  std::optional<int> minimum_age;
  std::optional<int> maximum_age;
  bool self_referral = false;
  std::string search_text;  // name, description, organisation and term names, for full-text search
};

struct ServiceAtLocationRecord {
  std::string id;
  std::string service_id;
  std::string location_id;
  std::string document;  // the service_at_location object, with its nested location
};

// One atomic change to the directory: everything in it lands, or nothing does.
struct DirectoryBatch {
  std::vector<OrganizationRecord> organizations;
  std::vector<TaxonomyRecord> taxonomies;
  std::vector<TaxonomyTermRecord> taxonomy_terms;
  std::vector<ServiceRecord> services;
  std::vector<ServiceAtLocationRecord> service_at_locations;

  bool empty() const {
    return organizations.empty() && taxonomies.empty() && taxonomy_terms.empty() &&
           services.empty() && service_at_locations.empty();
  }
};

// A search over services. Every filter given must hold (AND), as HSDS's API reference asks.
struct ServiceQuery {
  std::string text;                            // full-text over search_text; empty = any
  std::shared_ptr<const SearchSynonyms> synonyms;  // what else `text`'s words may be; null = none
  std::vector<std::string> taxonomy_term_ids;  // service must carry every one
  std::vector<std::string> any_taxonomy_term_ids;  // service carries at least one of these
  std::string taxonomy_id;                     // service carries some term of this taxonomy
  std::vector<std::string> area_codes;         // service covers at least one of these
  std::string organization_id;
  std::optional<int> age;  // minimum_age <= age <= maximum_age where those are set
  std::optional<std::string> status;           // unset = any status
  int page = 1;                                // from 1
  int per_page = 50;
};

struct PageRequest {
  int page = 1;
  int per_page = 50;
};

template <typename T>
struct PageOf {
  std::vector<T> items;
  std::int64_t total_items = 0;
};

}  // namespace vg::directory
