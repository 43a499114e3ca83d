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

// What a parameter does at one endpoint.
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
  kFormat,       // `json` (what every answer is) is accepted; `ndjson` is not supported
  kFalseOnly,    // a switch for a bigger answer: `false` is what we give; `true` is refused
  kUnsupported,  // declared by the specification, but honouring it needs data we do not keep
};

constexpr unsigned bit(Endpoint e) { return 1u << static_cast<unsigned>(e); }

constexpr unsigned kServiceLists = bit(Endpoint::kServices) | bit(Endpoint::kServiceAtLocations);
constexpr unsigned kLists = kServiceLists | bit(Endpoint::kOrganizations) |
                            bit(Endpoint::kTaxonomies) | bit(Endpoint::kTaxonomyTerms);

struct ParamRule {
  std::string_view name;
  Param param;
  unsigned endpoints;  // bit(Endpoint) for each endpoint it belongs to
};

// THE table: every query parameter of the directory API, by endpoint. Built from the two
// specifications' OpenAPI files: HSDS 3.0 core (data/hsds/openapi.json, "H") and ORUK 3.0
// (data/hsds/oruk/openapi-3.0.json, the UK profile applied, "U"); "X" marks this product's own
// documented filters. Whatever a specification declares for an endpoint is here, honoured or
// refused as not supported; anything not here is an unknown parameter (400), never ignored.
// tests/unit/http/api/api_query_test.cpp checks the table against both files, and
// tests/integration/http/api_parameters.test.mjs against docs/api/openapi.yaml.
// The /{id} endpoints and the root take nothing but /organizations/{id}'s full_service (H).
constexpr ParamRule kParameters[] = {
    {"page", Param::kPage, kLists},                                        // H U
    {"per_page", Param::kPerPage, kLists},                                 // H U
    {"search", Param::kSearch, kServiceLists},                             // H U
    {"taxonomy_term_id", Param::kTaxonomyTermId, kServiceLists},           // H U
    {"taxonomy_id", Param::kTaxonomyId, kServiceLists | bit(Endpoint::kTaxonomyTerms)},  // H U
    {"organization_id", Param::kOrganizationId, kServiceLists},            // H
    {"minimum_age", Param::kMinimumAge, kServiceLists},                    // U
    {"maximum_age", Param::kMaximumAge, kServiceLists},                    // U
    // H declares it for service_at_locations; on services it is ours (X).
    {"postcode", Param::kPostcode, kServiceLists},
    {"crime_type", Param::kCrimeType, kServiceLists},                      // X
    {"local_authority", Param::kLocalAuthority, kServiceLists},            // X
    {"format", Param::kFormat, kLists},                                    // H
    {"full", Param::kFalseOnly, kServiceLists | bit(Endpoint::kOrganizations)},  // H
    {"minimal", Param::kFalseOnly, bit(Endpoint::kServices)},              // H
    {"full_service", Param::kFalseOnly,
     bit(Endpoint::kOrganizations) | bit(Endpoint::kOrganization)},        // H
    {"top_only", Param::kFalseOnly, bit(Endpoint::kTaxonomyTerms)},        // H
    // Refused: the store keeps no modification dates, no structured opening times (start_time,
    // end_time, day), no postcode centroids (proximity), no organisation or taxonomy search, and
    // lists terms by taxonomy only (parent_id).
    {"modified_after", Param::kUnsupported, kServiceLists},                // H
    {"start_time", Param::kUnsupported, kServiceLists},                    // U
    {"end_time", Param::kUnsupported, kServiceLists},                      // U
    {"day", Param::kUnsupported, kServiceLists},                           // U
    {"proximity", Param::kUnsupported, bit(Endpoint::kServiceAtLocations)},  // H U
    {"search", Param::kUnsupported,
     bit(Endpoint::kOrganizations) | bit(Endpoint::kTaxonomies) |
         bit(Endpoint::kTaxonomyTerms)},                                   // H
    {"parent_id", Param::kUnsupported, bit(Endpoint::kTaxonomyTerms)},     // H
};

std::optional<Param> lookup(Endpoint endpoint, std::string_view key) {
  for (const auto& rule : kParameters) {
    if (rule.name == key && (rule.endpoints & bit(endpoint)) != 0) return rule.param;
  }
  return std::nullopt;
}

// Names people reach for instead of a parameter this API has: a pointer to the right one.
struct Hint {
  std::string_view wrong;
  std::string_view right;
};
constexpr Hint kHints[] = {
    {"text", "search"},        {"q", "search"},        {"query", "search"},
    {"keywords", "search"},    {"keyword", "search"},  {"crime_types", "crime_type"},
    {"crime", "crime_type"},   {"area", "local_authority"},
    {"local_authorities", "local_authority"},          {"la", "local_authority"},
    {"limit", "per_page"},     {"page_size", "per_page"},  {"size", "per_page"},
    {"age", "minimum_age"},    {"postal_code", "postcode"},
};

// Levenshtein distance: how many one-letter edits turn one name into the other.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "text is not a parameter of /api/v1/services (did you mean search?); it takes: page, …"
std::string unknown_parameter_message(Endpoint endpoint, std::string_view key,
                                      const std::string& shown) {
  const auto accepted = accepted_parameters(endpoint);
  std::string message = shown + " is not a parameter of ";
  message += endpoint_path(endpoint);
  std::string_view suggestion;
  for (const auto& hint : kHints) {
    if (hint.wrong == key &&
        std::find(accepted.begin(), accepted.end(), hint.right) != accepted.end()) {
      suggestion = hint.right;
    }
  }
  // A typo: the nearest name a few edits away (one edit for a short name, up to three).
  if (suggestion.empty() && key.size() <= 64) {
    std::size_t best = std::clamp<std::size_t>(key.size() / 3, 1, 3) + 1;
    for (auto name : accepted) {
      const auto d = edit_distance(key, name);
      if (d < best) {
        best = d;
        suggestion = name;
      }
    }
  }
  if (!suggestion.empty()) {
    message += " (did you mean ";
    message += suggestion;
    message += "?)";
  }
  if (accepted.empty()) {
    message += ", which takes no query parameters";
  } else {
    message += "; it takes: ";
    for (std::size_t i = 0; i < accepted.size(); ++i) {
      if (i > 0) message += ", ";
      message += accepted[i];
    }
  }
  return message;
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

// A parameter's name as a 400 gives it back: names are short ASCII words, so anything else
// (a client's garbage, bytes that are not UTF-8) is percent-encoded and cut short.
std::string shown_name(std::string_view key) {
  constexpr std::size_t kMaxShown = 64;
  std::string out;
  for (unsigned char c : key) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '_' || c == '-' || c == '.' || c == '[' || c == ']';
    // Cut before a character that would not fit whole: an escape is three characters.
    if (out.size() + (plain ? 1 : 3) > kMaxShown) {
      out += "...";
      break;
    }
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

// At most this many unknown parameters are named in one 400: enough to fix a request.
constexpr int kMaxUnknownReported = 10;

Result<Parsed> parse(const QueryPairs& query, Endpoint endpoint) {
  Parsed out;
  Errors errors;
  int unknown = 0;
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
    if (key.empty()) continue;  // "?&page=2": a stray separator, nothing named
    auto param = lookup(endpoint, key);
    if (!param) {
      // Even with an empty value: "?text=" is as much a mistake as "?text=stalking".
      if (unknown++ < kMaxUnknownReported) {
        const auto name = shown_name(key);
        errors.add(name, "unknown_parameter", unknown_parameter_message(endpoint, key, name));
      }
      continue;
    }
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
      case Param::kFormat:
        if (!once(key)) break;
        if (value != "json") {
          errors.add(key, "not_supported",
                     "format: only json is supported (every answer is one page of JSON)");
        }
        break;
      case Param::kFalseOnly:
        if (!once(key)) break;
        if (value == "true") {
          errors.add(key, "not_supported",
                     std::string(key) + "=true is not supported by this API; leave it out or "
                                        "give false");
        } else if (value != "false") {
          errors.add(key, "malformed", std::string(key) + " must be true or false");
        }
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

std::string_view endpoint_path(Endpoint endpoint) {
  switch (endpoint) {
    case Endpoint::kRoot:
      return "/api/v1/";
    case Endpoint::kServices:
      return "/api/v1/services";
    case Endpoint::kService:
      return "/api/v1/services/{id}";
    case Endpoint::kServiceAtLocations:
      return "/api/v1/service_at_locations";
    case Endpoint::kServiceAtLocation:
      return "/api/v1/service_at_locations/{id}";
    case Endpoint::kOrganizations:
      return "/api/v1/organizations";
    case Endpoint::kOrganization:
      return "/api/v1/organizations/{id}";
    case Endpoint::kTaxonomies:
      return "/api/v1/taxonomies";
    case Endpoint::kTaxonomy:
      return "/api/v1/taxonomies/{id}";
    case Endpoint::kTaxonomyTerms:
      return "/api/v1/taxonomy_terms";
    case Endpoint::kTaxonomyTerm:
      return "/api/v1/taxonomy_terms/{id}";
  }
  return "/api/v1/";
}

std::vector<std::string_view> accepted_parameters(Endpoint endpoint) {
  std::vector<std::string_view> names;
  for (const auto& rule : kParameters) {
    if ((rule.endpoints & bit(endpoint)) == 0 || rule.param == Param::kUnsupported) continue;
    if (std::find(names.begin(), names.end(), rule.name) == names.end()) names.push_back(rule.name);
  }
  return names;
}

Result<app::ServiceSearch> parse_service_search(const QueryPairs& query, Endpoint endpoint) {
  auto parsed = VG_TRY(parse(query, endpoint));
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

Result<Paging> parse_paging(const QueryPairs& query, Endpoint endpoint) {
  auto parsed = VG_TRY(parse(query, endpoint));
  return parsed.paging;
}

Result<TaxonomyTermListQuery> parse_taxonomy_term_list(const QueryPairs& query) {
  auto parsed = VG_TRY(parse(query, Endpoint::kTaxonomyTerms));
  return TaxonomyTermListQuery{std::move(parsed.taxonomy_id), parsed.paging};
}

Result<void> check_record_query(const QueryPairs& query, Endpoint endpoint) {
  auto parsed = parse(query, endpoint);
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  return {};
}

}  // namespace vg::http::api
