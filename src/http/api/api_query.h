// Reads the query parameters of the public directory API (/api/v1, Open Referral UK 3.0) into
// use-case requests. Pure: never touches the store; never puts a parameter's value in an error.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/directory/directory_search.h"
#include "domain/result.h"

namespace vg::http::api {

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

// Paging, as docs/api/openapi.yaml documents it: pages from 1, 50 items by default, at most 100.
inline constexpr int kDefaultPerPage = 50;
inline constexpr int kMaxPerPage = 100;
// Far past any real directory; keeps (page - 1) * per_page well inside an int.
inline constexpr int kMaxPage = 1'000'000;
// Ages people give; beyond this it is a typing mistake.
inline constexpr int kMaxAge = 130;
inline constexpr std::size_t kMaxSearchLength = 200;
// More filter values than any person or client sends; bounds the work one request can cause.
inline constexpr std::size_t kMaxFilterValues = 50;

struct Paging {
  int page = 1;
  int per_page = kDefaultPerPage;
};

// GET /api/v1/taxonomy_terms: HSDS lets a client narrow terms to one taxonomy.
struct TaxonomyTermListQuery {
  std::string taxonomy_id;  // empty = every term
  Paging paging;
};

// Every endpoint of the directory API, for the one table of the parameters each takes
// (api_query.cpp, kParameters): what HSDS 3.0 (data/hsds/openapi.json) or ORUK 3.0
// (data/hsds/oruk/openapi-3.0.json) declares for it, plus this product's own filters.
enum class Endpoint {
  kRoot,                // /api/v1/
  kServices,            // /api/v1/services
  kService,             // /api/v1/services/{id}
  kServiceAtLocations,  // /api/v1/service_at_locations
  kServiceAtLocation,   // /api/v1/service_at_locations/{id}
  kOrganizations,       // /api/v1/organizations
  kOrganization,        // /api/v1/organizations/{id}
  kTaxonomies,          // /api/v1/taxonomies
  kTaxonomy,            // /api/v1/taxonomies/{id}
  kTaxonomyTerms,       // /api/v1/taxonomy_terms
  kTaxonomyTerm,        // /api/v1/taxonomy_terms/{id}
};

// "/api/v1/services/{id}": how errors name the endpoint.
std::string_view endpoint_path(Endpoint endpoint);

// The parameters an endpoint honours, in the table's order (the ones it refuses as not supported
// are left out): what a 400 for an unknown parameter lists.
std::vector<std::string_view> accepted_parameters(Endpoint endpoint);

// Errors are `validation_failed` with one FieldError per bad parameter (field = the parameter's
// name, code = a stable reason such as not_an_integer, out_of_range, malformed, not_supported,
// unknown_parameter). A parameter the endpoint does not know is refused (unknown_parameter,
// listing the ones it takes), never ignored: a typo must not look like "everything matches".
// Empty values count as absent; a pair with no name (`?&page=2`) is ignored.
// kServices or kServiceAtLocations:
Result<app::ServiceSearch> parse_service_search(const QueryPairs& query, Endpoint endpoint);
// kOrganizations or kTaxonomies:
Result<Paging> parse_paging(const QueryPairs& query, Endpoint endpoint);
Result<TaxonomyTermListQuery> parse_taxonomy_term_list(const QueryPairs& query);
// The root document and the /{id} endpoints, which read nothing from the query but must still
// refuse what they do not know:
Result<void> check_record_query(const QueryPairs& query, Endpoint endpoint);

// Shape checks shared with path parameters. UUIDs in any case, 8-4-4-4-12 hex.
bool is_uuid(std::string_view text);
// GSS code of a local authority district: a country letter (E, N, S, W) and eight digits.
bool is_gss_code(std::string_view text);
// A UK postcode's shape (outward code, optional space, inward code), any case.
bool is_postcode_shape(std::string_view text);
// A taxonomy term code as the crime-type filter takes it: lower-case letters, digits, '_'.
bool is_term_code(std::string_view text);

}  // namespace vg::http::api
