// Reads the query parameters of the public directory API (/api/v1, Open Referral UK 3.0) into
// use-case requests. Pure: never touches the store; never puts a parameter's value in an error.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/directory/directory_service.h"
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

// Which list endpoint a search comes from: they accept the same filters except that
// service_at_locations also declares `proximity`, which we reject as not supported.
enum class SearchEndpoint { kServices, kServiceAtLocations };

// Errors are `validation_failed` with one FieldError per bad parameter (field = the parameter's
// name, code = a stable reason such as not_an_integer, out_of_range, malformed, not_supported).
// Parameters this API does not know are ignored; empty values count as absent.
Result<app::ServiceSearch> parse_service_search(const QueryPairs& query, SearchEndpoint endpoint);
Result<Paging> parse_paging_only(const QueryPairs& query);           // /taxonomies
Result<Paging> parse_organization_list(const QueryPairs& query);     // /organizations
Result<TaxonomyTermListQuery> parse_taxonomy_term_list(const QueryPairs& query);

// Shape checks shared with path parameters. UUIDs in any case, 8-4-4-4-12 hex.
bool is_uuid(std::string_view text);
// GSS code of a local authority district: a country letter (E, N, S, W) and eight digits.
bool is_gss_code(std::string_view text);
// A UK postcode's shape (outward code, optional space, inward code), any case.
bool is_postcode_shape(std::string_view text);
// A taxonomy term code as the crime-type filter takes it: lower-case letters, digits, '_'.
bool is_term_code(std::string_view text);

}  // namespace vg::http::api
