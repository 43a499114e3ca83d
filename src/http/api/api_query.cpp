#include "http/api/api_query.h"

#include "app/directory/hsds_validator.h"
#include "app/directory/local_authorities.h"
#include "domain/directory/postcode.h"
#include "domain/text/control_characters.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>

namespace vg::http::api {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// What a parameter is to one endpoint. Parameters an endpoint does not list are ignored, as
// docs/api/openapi.yaml says; kUnsupported ones are declared by the specification but would
// silently return wrong results if ignored, so they are refused.
enum class Param {
  kPage,
  kPerPage,
  kSearch,
  kTaxonomyTermId,
  kTaxonomyId,
  kOrganizationId,
  kMinimumAge,
  kMaximumAge,
  kPostcode,
  kCrimeType,
  kLocalAuthority,
  kUnsupported,
};

struct ParamName {
  std::string_view name;
  Param param;
};

constexpr ParamName kPagingParams[] = {{"page", Param::kPage}, {"per_page", Param::kPerPage}};

constexpr ParamName kSearchParams[] = {
    {"page", Param::kPage},
    {"per_page", Param::kPerPage},
    {"search", Param::kSearch},
    {"taxonomy_term_id", Param::kTaxonomyTermId},
    {"taxonomy_id", Param::kTaxonomyId},
    {"organization_id", Param::kOrganizationId},
    {"minimum_age", Param::kMinimumAge},
    {"maximum_age", Param::kMaximumAge},
    {"postcode", Param::kPostcode},
    {"crime_type", Param::kCrimeType},
    {"local_authority", Param::kLocalAuthority},
    // Opening-time filters: the store keeps no structured schedule facets to filter on.
    {"start_time", Param::kUnsupported},
    {"end_time", Param::kUnsupported},
    {"day", Param::kUnsupported},
};

constexpr ParamName kSalOnlyParams[] = {
    // Distance needs postcode centroids, which the ONS lookup we load does not give us.
    {"proximity", Param::kUnsupported},
};

constexpr ParamName kTermListParams[] = {
    {"page", Param::kPage}, {"per_page", Param::kPerPage}, {"taxonomy_id", Param::kTaxonomyId}};

constexpr ParamName kOrganizationListParams[] = {
    {"page", Param::kPage},
    {"per_page", Param::kPerPage},
    // Declared by HSDS 3.0 for /organizations; the use case has no organisation search.
    {"search", Param::kUnsupported},
};

template <std::size_t N>
std::optional<Param> lookup(const ParamName (&table)[N], std::string_view key) {
  for (const auto& entry : table) {
    if (entry.name == key) return entry.param;
  }
  return std::nullopt;
}

// Collects every problem so one 400 names all the bad parameters at once.
class Errors {
 public:
  void add(std::string_view field, std::string_view code, std::string message) {
    // One error per field is enough for a client to fix its request.
    for (const auto& e : fields_) {
      if (e.field == field) return;
    }
    fields_.push_back(FieldError{std::string(field), std::string(code), std::move(message)});
  }
  bool any() const { return !fields_.empty(); }
  std::unexpected<Error> fail() {
    return validation_failed(std::move(fields_), "One or more query parameters are not valid");
  }

 private:
  std::vector<FieldError> fields_;
};

// A whole number within [lo, hi]; records why not otherwise.
std::optional<int> parse_int(std::string_view field, std::string_view raw, int lo, int hi,
                             Errors& errors) {
  raw = trim(raw);
  int value = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
  if (raw.empty() || end != raw.data() + raw.size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    errors.add(field, "not_an_integer", std::string(field) + " must be a whole number");
    return std::nullopt;
  }
  if (ec == std::errc::result_out_of_range || value < lo || value > hi) {
    errors.add(field, "out_of_range",
               std::string(field) + " must be from " + std::to_string(lo) + " to " +
                   std::to_string(hi));
    return std::nullopt;
  }
  return value;
}

// Repeated (?crime_type=a&crime_type=b) and comma-separated (?crime_type=a,b) both work.
void split_values(std::string_view raw, std::vector<std::string>& out) {
  while (true) {
    auto comma = raw.find(',');
    auto piece = trim(raw.substr(0, comma));
    if (!piece.empty() &&
        std::find(out.begin(), out.end(), piece) == out.end()) {
      out.emplace_back(piece);
    }
    if (comma == std::string_view::npos) break;
    raw.remove_prefix(comma + 1);
  }
}

template <typename Check>
void check_each(std::string_view field, const std::vector<std::string>& values, Check check,
                std::string_view what, Errors& errors) {
  if (values.size() > kMaxFilterValues) {
    errors.add(field, "too_many_values",
               std::string(field) + " takes at most " + std::to_string(kMaxFilterValues) +
                   " values");
    return;
  }
  for (const auto& v : values) {
    if (!check(v)) {
      errors.add(field, "malformed", std::string(field) + " must be " + std::string(what));
      return;
    }
  }
}

// Everything any endpoint may read, before it is copied into that endpoint's request.
struct Parsed {
  Paging paging;
  std::string search;
  std::vector<std::string> taxonomy_term_ids;
  std::string taxonomy_id;
  std::string organization_id;
  std::optional<int> minimum_age;
  std::optional<int> maximum_age;
  std::string postcode;
  std::vector<std::string> crime_types;
  std::vector<std::string> local_authorities;
};

template <typename Lookup>
Result<Parsed> parse(const QueryPairs& query, Lookup&& lookup_param) {
  Parsed out;
  Errors errors;
  // Single-valued parameters given twice are ambiguous: say so rather than guess which wins.
  std::vector<std::string_view> seen_single;
  auto once = [&](std::string_view field) {
    if (std::find(seen_single.begin(), seen_single.end(), field) != seen_single.end()) {
      errors.add(field, "repeated", std::string(field) + " may be given only once");
      return false;
    }
    seen_single.push_back(field);
    return true;
  };

  for (const auto& [key, raw_value] : query) {
    auto param = lookup_param(key);
    if (!param) continue;
    std::string_view value = trim(raw_value);
    if (value.empty()) continue;  // an empty form field means "no filter"
    switch (*param) {
      case Param::kPage:
        if (!once(key)) break;
        if (auto v = parse_int(key, value, 1, kMaxPage, errors)) out.paging.page = *v;
        break;
      case Param::kPerPage:
        if (!once(key)) break;
        if (auto v = parse_int(key, value, 1, kMaxPerPage, errors)) out.paging.per_page = *v;
        break;
      case Param::kSearch:
        if (!once(key)) break;
        if (value.size() > kMaxSearchLength) {
          errors.add(key, "too_long",
                     "search must be at most " + std::to_string(kMaxSearchLength) + " characters");
        } else if (text::has_unwanted_controls(value)) {
          // Refused rather than cleaned: an API client should learn its text was not what it meant.
          errors.add(key, "control_character",
                     "search must not hold control characters or bidirectional overrides");
        } else {
          out.search = value;
        }
        break;
      case Param::kTaxonomyTermId:
        split_values(value, out.taxonomy_term_ids);
        break;
      case Param::kTaxonomyId:
        if (!once(key)) break;
        if (!is_uuid(value)) errors.add(key, "malformed", "taxonomy_id must be a UUID");
        else out.taxonomy_id = value;
        break;
      case Param::kOrganizationId:
        if (!once(key)) break;
        if (!is_uuid(value)) errors.add(key, "malformed", "organization_id must be a UUID");
        else out.organization_id = value;
        break;
      case Param::kMinimumAge:
        if (!once(key)) break;
        out.minimum_age = parse_int(key, value, 0, kMaxAge, errors);
        break;
      case Param::kMaximumAge:
        if (!once(key)) break;
        out.maximum_age = parse_int(key, value, 0, kMaxAge, errors);
        break;
      case Param::kPostcode:
        if (!once(key)) break;
        if (!is_postcode_shape(value)) {
          errors.add(key, "malformed", "postcode must be a full UK postcode, like L1 8JQ");
        } else {
          out.postcode = value;
        }
        break;
      case Param::kCrimeType:
        split_values(value, out.crime_types);
        break;
      case Param::kLocalAuthority:
        split_values(value, out.local_authorities);
        break;
      case Param::kUnsupported:
        errors.add(key, "not_supported", std::string(key) + " is not supported by this API");
        break;
    }
  }

  check_each("taxonomy_term_id", out.taxonomy_term_ids, is_uuid, "UUIDs", errors);
  check_each("crime_type", out.crime_types, is_term_code,
             "crime type codes such as domestic_abuse", errors);
  check_each("local_authority", out.local_authorities, is_gss_code,
             "local authority GSS codes such as E08000012", errors);

  // The use case filters on one age (services whose age range includes it). A range would need
  // two, so both bounds are accepted only when they name the same age.
  if (out.minimum_age && out.maximum_age && *out.minimum_age != *out.maximum_age) {
    errors.add("maximum_age", "unsupported_range",
               "give one age: minimum_age and maximum_age both mean the age of the person "
               "looking for help, so when both are given they must be equal");
  }

  if (errors.any()) return errors.fail();
  return out;
}

}  // namespace

// One definition of each shape, shared with the directory use cases, so the API and the pages
// never disagree about what is well formed.
bool is_uuid(std::string_view text) { return app::hsds::is_uuid(text); }

bool is_gss_code(std::string_view text) { return app::is_gss_code(text); }

bool is_postcode_shape(std::string_view text) {
  return directory::normalise_postcode(text).has_value();
}

bool is_term_code(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || is_digit(c) || c == '_';
  });
}

Result<app::ServiceSearch> parse_service_search(const QueryPairs& query, SearchEndpoint endpoint) {
  auto parsed = VG_TRY(parse(query, [endpoint](std::string_view key) -> std::optional<Param> {
    if (auto p = lookup(kSearchParams, key)) return p;
    if (endpoint == SearchEndpoint::kServiceAtLocations) return lookup(kSalOnlyParams, key);
    return std::nullopt;
  }));
  app::ServiceSearch search;
  search.text = std::move(parsed.search);
  search.crime_types = std::move(parsed.crime_types);
  search.local_authorities = std::move(parsed.local_authorities);
  search.postcode = std::move(parsed.postcode);
  search.taxonomy_term_ids = std::move(parsed.taxonomy_term_ids);
  search.taxonomy_id = std::move(parsed.taxonomy_id);
  search.organization_id = std::move(parsed.organization_id);
  search.age = parsed.minimum_age ? parsed.minimum_age : parsed.maximum_age;
  search.include_inactive = false;
  search.page = parsed.paging.page;
  search.per_page = parsed.paging.per_page;
  return search;
}

Result<Paging> parse_paging_only(const QueryPairs& query) {
  auto parsed = VG_TRY(parse(query, [](std::string_view key) { return lookup(kPagingParams, key); }));
  return parsed.paging;
}

Result<Paging> parse_organization_list(const QueryPairs& query) {
  auto parsed = VG_TRY(
      parse(query, [](std::string_view key) { return lookup(kOrganizationListParams, key); }));
  return parsed.paging;
}

Result<TaxonomyTermListQuery> parse_taxonomy_term_list(const QueryPairs& query) {
  auto parsed =
      VG_TRY(parse(query, [](std::string_view key) { return lookup(kTermListParams, key); }));
  return TaxonomyTermListQuery{std::move(parsed.taxonomy_id), parsed.paging};
}

}  // namespace vg::http::api
