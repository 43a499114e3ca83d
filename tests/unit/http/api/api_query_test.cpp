#include "http/api/api_query.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace vg::http::api {
namespace {

using Q = QueryPairs;

const FieldError* field_error(const Error& e, std::string_view field) {
  for (const auto& f : e.fields) {
    if (f.field == field) return &f;
  }
  return nullptr;
}

std::string code_for(const Q& q, std::string_view field,
                     Endpoint endpoint = Endpoint::kServices) {
  auto r = parse_service_search(q, endpoint);
  if (r) return "ok";
  EXPECT_EQ(r.error().code, "validation_failed");
  auto* f = field_error(r.error(), field);
  return f ? f->code : "no error for " + std::string(field);
}

// Any endpoint's parsing, as the handler for it calls it.
Result<void> parse_at(Endpoint endpoint, const Q& q) {
  auto keep_error = [](auto r) -> Result<void> {
    if (!r) return std::unexpected(r.error());
    return {};
  };
  switch (endpoint) {
    case Endpoint::kServices:
    case Endpoint::kServiceAtLocations:
      return keep_error(parse_service_search(q, endpoint));
    case Endpoint::kOrganizations:
    case Endpoint::kTaxonomies:
      return keep_error(parse_paging(q, endpoint));
    case Endpoint::kTaxonomyTerms:
      return keep_error(parse_taxonomy_term_list(q));
    default:
      return check_record_query(q, endpoint);
  }
}

// The query parameters each path of an OpenAPI file declares for GET (path-level ones too).
std::map<std::string, std::set<std::string>> declared_parameters(const std::string& file) {
  std::ifstream in(std::string(VG_SOURCE_DIR) + "/" + file);
  std::stringstream text;
  text << in.rdbuf();
  const auto spec = boost::json::parse(text.str()).as_object();
  const auto& shared = spec.at("components").as_object().at("parameters").as_object();
  std::map<std::string, std::set<std::string>> out;
  for (const auto& [path, item] : spec.at("paths").as_object()) {
    if (!item.is_object() || !item.as_object().contains("get")) continue;
    auto& names = out[std::string(path)];
    auto add = [&](const boost::json::value& list) {
      for (const auto& p : list.as_array()) {
        const boost::json::object* param = &p.as_object();
        if (param->contains("$ref")) {
          std::string ref(param->at("$ref").as_string());
          param = &shared.at(ref.substr(ref.rfind('/') + 1)).as_object();
        }
        if (param->at("in").as_string() == "query") {
          names.insert(std::string(param->at("name").as_string()));
        }
      }
    };
    if (item.as_object().contains("parameters")) add(item.as_object().at("parameters"));
    const auto& get = item.as_object().at("get").as_object();
    if (get.contains("parameters")) add(get.at("parameters"));
  }
  return out;
}

const std::map<std::string, Endpoint>& spec_paths() {
  static const std::map<std::string, Endpoint> paths = {
      {"/", Endpoint::kRoot},
      {"/services", Endpoint::kServices},
      {"/services/{id}", Endpoint::kService},
      {"/service_at_locations", Endpoint::kServiceAtLocations},
      {"/service_at_locations/{id}", Endpoint::kServiceAtLocation},
      {"/organizations", Endpoint::kOrganizations},
      {"/organizations/{id}", Endpoint::kOrganization},
      {"/taxonomies", Endpoint::kTaxonomies},
      {"/taxonomies/{id}", Endpoint::kTaxonomy},
      {"/taxonomy_terms", Endpoint::kTaxonomyTerms},
      {"/taxonomy_terms/{id}", Endpoint::kTaxonomyTerm},
  };
  return paths;
}

// What HSDS 3.0 core and ORUK 3.0 declare, merged, by endpoint.
std::map<Endpoint, std::set<std::string>> specified_parameters() {
  std::map<Endpoint, std::set<std::string>> out;
  for (const auto* file : {"data/hsds/openapi.json", "data/hsds/oruk/openapi-3.0.json"}) {
    const auto declared = declared_parameters(file);
    EXPECT_FALSE(declared.empty()) << file;
    for (const auto& [path, names] : declared) {
      auto endpoint = spec_paths().find(path);
      // A path we do not serve would be a route of its own; none exists in either file today.
      EXPECT_NE(endpoint, spec_paths().end()) << file << " declares " << path;
      if (endpoint == spec_paths().end()) continue;
      out[endpoint->second].insert(names.begin(), names.end());
    }
  }
  return out;
}

// Every parameter either specification declares for an endpoint is known there: it works, or
// it is refused as not supported; never "unknown", never ignored.
TEST(ApiQuery, EveryParameterTheSpecificationsDeclareIsKnown) {
  const auto specified = specified_parameters();
  ASSERT_TRUE(specified.at(Endpoint::kServices).contains("search"));
  ASSERT_TRUE(specified.at(Endpoint::kServices).contains("minimum_age"));  // ORUK's
  ASSERT_TRUE(specified.at(Endpoint::kServices).contains("modified_after"));  // HSDS's
  for (const auto& [endpoint, names] : specified) {
    for (const auto& name : names) {
      auto r = parse_at(endpoint, {{name, "x"}});
      if (r) continue;
      for (const auto& f : r.error().fields) {
        EXPECT_NE(f.code, "unknown_parameter") << endpoint_path(endpoint) << " " << name;
      }
    }
  }
}

// ...and the table offers nothing beyond them but this product's documented filters.
TEST(ApiQuery, NothingIsAcceptedThatNeitherSpecificationNorOurDocsDefine) {
  const std::set<std::string> extensions = {"postcode", "crime_type", "local_authority"};
  const auto specified = specified_parameters();
  for (const auto& [path, endpoint] : spec_paths()) {
    for (auto name : accepted_parameters(endpoint)) {
      const std::string n(name);
      const bool declared = specified.contains(endpoint) && specified.at(endpoint).contains(n);
      const bool ours = extensions.contains(n) && (endpoint == Endpoint::kServices ||
                                                   endpoint == Endpoint::kServiceAtLocations);
      EXPECT_TRUE(declared || ours) << path << " accepts " << n;
    }
  }
}

TEST(ApiQuery, DefaultsArePageOneOfFifty) {
  auto r = parse_service_search({}, Endpoint::kServices);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->page, 1);
  EXPECT_EQ(r->per_page, 50);
  EXPECT_FALSE(r->include_inactive);
  EXPECT_FALSE(r->age);
}

TEST(ApiQuery, ReadsPagingAndFilters) {
  auto r = parse_service_search(
      {{"page", "3"},
       {"per_page", "100"},
       {"search", "  counselling  "},
       {"taxonomy_term_id", "0b2a86f4-6f1c-4d5e-9c55-7a3f1e1d2c3b"},
       {"taxonomy_id", "0B2A86F4-6F1C-4D5E-9C55-7A3F1E1D2C3B"},
       {"organization_id", "11111111-2222-3333-4444-555555555555"},
       {"minimum_age", "16"},
       {"postcode", "l1 8jq"},
       {"crime_type", "domestic_abuse,stalking"},
       {"crime_type", "fraud"},
       {"local_authority", "E08000012"},
       {"local_authority", "E08000011,E08000012"}},
      Endpoint::kServices);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->page, 3);
  EXPECT_EQ(r->per_page, 100);
  EXPECT_EQ(r->text, "counselling");
  EXPECT_EQ(r->taxonomy_term_ids.size(), 1u);
  EXPECT_EQ(r->organization_id, "11111111-2222-3333-4444-555555555555");
  EXPECT_EQ(r->age, 16);
  EXPECT_EQ(r->postcode, "l1 8jq");
  EXPECT_EQ(r->crime_types, (std::vector<std::string>{"domestic_abuse", "stalking", "fraud"}));
  EXPECT_EQ(r->local_authorities, (std::vector<std::string>{"E08000012", "E08000011"}));
}

TEST(ApiQuery, RejectsBadPagingNamingTheParameter) {
  EXPECT_EQ(code_for({{"page", "two"}}, "page"), "not_an_integer");
  EXPECT_EQ(code_for({{"page", "1.5"}}, "page"), "not_an_integer");
  EXPECT_EQ(code_for({{"page", "0"}}, "page"), "out_of_range");
  EXPECT_EQ(code_for({{"page", "-1"}}, "page"), "out_of_range");
  EXPECT_EQ(code_for({{"page", "99999999999999999999"}}, "page"), "out_of_range");
  EXPECT_EQ(code_for({{"per_page", "1000"}}, "per_page"), "out_of_range");
  EXPECT_EQ(code_for({{"per_page", "0"}}, "per_page"), "out_of_range");
  EXPECT_EQ(code_for({{"page", "1"}, {"page", "2"}}, "page"), "repeated");
}

TEST(ApiQuery, ReportsEveryBadParameterAtOnce) {
  auto r = parse_service_search({{"page", "x"}, {"per_page", "1000"}, {"postcode", "nope"}},
                                Endpoint::kServices);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields.size(), 3u);
}

TEST(ApiQuery, RejectsMalformedFilterValues) {
  EXPECT_EQ(code_for({{"crime_type", "Domestic Abuse"}}, "crime_type"), "malformed");
  EXPECT_EQ(code_for({{"local_authority", "Liverpool"}}, "local_authority"), "malformed");
  EXPECT_EQ(code_for({{"local_authority", "X08000012"}}, "local_authority"), "malformed");
  EXPECT_EQ(code_for({{"postcode", "L1"}}, "postcode"), "malformed");
  EXPECT_EQ(code_for({{"postcode", "12345"}}, "postcode"), "malformed");
  EXPECT_EQ(code_for({{"taxonomy_term_id", "not-a-uuid"}}, "taxonomy_term_id"), "malformed");
  EXPECT_EQ(code_for({{"taxonomy_id", "1"}}, "taxonomy_id"), "malformed");
  EXPECT_EQ(code_for({{"organization_id", "1"}}, "organization_id"), "malformed");
  EXPECT_EQ(code_for({{"minimum_age", "ten"}}, "minimum_age"), "not_an_integer");
  EXPECT_EQ(code_for({{"maximum_age", "200"}}, "maximum_age"), "out_of_range");
  EXPECT_EQ(code_for({{"search", std::string(201, 'a')}}, "search"), "too_long");
}

TEST(ApiQuery, AgeBoundsMustNameOneAge) {
  EXPECT_EQ(code_for({{"minimum_age", "10"}, {"maximum_age", "18"}}, "maximum_age"),
            "unsupported_range");
  auto same = parse_service_search({{"minimum_age", "12"}, {"maximum_age", "12"}},
                                   Endpoint::kServices);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->age, 12);
  auto max_only = parse_service_search({{"maximum_age", "70"}}, Endpoint::kServices);
  ASSERT_TRUE(max_only);
  EXPECT_EQ(max_only->age, 70);
}

TEST(ApiQuery, DeclaredButUnsupportedFiltersAreRefused) {
  EXPECT_EQ(code_for({{"day", "MO"}}, "day"), "not_supported");
  EXPECT_EQ(code_for({{"start_time", "09:00"}}, "start_time"), "not_supported");
  EXPECT_EQ(code_for({{"modified_after", "2026-01-01T00:00:00Z"}}, "modified_after"),
            "not_supported");
  EXPECT_EQ(code_for({{"proximity", "1000"}}, "proximity", Endpoint::kServiceAtLocations),
            "not_supported");
  // proximity is only declared for service_at_locations; elsewhere it is unknown.
  EXPECT_EQ(code_for({{"proximity", "1000"}}, "proximity"), "unknown_parameter");
}

TEST(ApiQuery, FormatJsonAndFalseSwitchesAskForWhatIsGiven) {
  auto r = parse_service_search({{"format", "json"}, {"full", "false"}, {"minimal", "false"}},
                                Endpoint::kServices);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(code_for({{"format", "ndjson"}}, "format"), "not_supported");
  EXPECT_EQ(code_for({{"full", "true"}}, "full"), "not_supported");
  EXPECT_EQ(code_for({{"minimal", "true"}}, "minimal"), "not_supported");
  EXPECT_EQ(code_for({{"full", "yes"}}, "full"), "malformed");
  EXPECT_TRUE(check_record_query({{"full_service", "false"}}, Endpoint::kOrganization));
  EXPECT_FALSE(check_record_query({{"full_service", "true"}}, Endpoint::kOrganization));
  EXPECT_TRUE(parse_taxonomy_term_list({{"top_only", "false"}}));
  EXPECT_FALSE(parse_taxonomy_term_list({{"top_only", "true"}}));
}

TEST(ApiQuery, EmptyValuesAndNamelessPairsAreAbsent) {
  auto r = parse_service_search({{"page", ""}, {"crime_type", ""}, {"", ""}, {"", "x"}},
                                Endpoint::kServices);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->page, 1);
  EXPECT_TRUE(r->crime_types.empty());
}

// The reason for the table: a client's typo or a parameter of another API must never look like
// "every service matches".
TEST(ApiQuery, UnknownParametersAreRefusedNamingThemAndWhatIsKnown) {
  for (const auto& key : {"text", "q", "crime_typ", "utm_source", "_"}) {
    auto r = parse_service_search({{key, "stalking"}}, Endpoint::kServices);
    ASSERT_FALSE(r) << key;
    ASSERT_EQ(r.error().fields.size(), 1u) << key;
    const auto& f = r.error().fields[0];
    EXPECT_EQ(f.field, key);
    EXPECT_EQ(f.code, "unknown_parameter");
    EXPECT_NE(f.message.find(std::string(key) + " is not a parameter of /api/v1/services"),
              std::string::npos)
        << f.message;
    for (auto known : {"page", "per_page", "search", "crime_type", "local_authority", "postcode"}) {
      EXPECT_NE(f.message.find(known), std::string::npos) << f.message << " lacks " << known;
    }
    // Refused ones are not offered.
    EXPECT_EQ(f.message.find("start_time"), std::string::npos) << f.message;
  }
  // Even with no value: ?text= is as much a mistake as ?text=stalking.
  EXPECT_EQ(code_for({{"text", ""}}, "text"), "unknown_parameter");
}

TEST(ApiQuery, UnknownParameterMessagesPointToTheRightName) {
  auto message = [](const Q& q, Endpoint endpoint = Endpoint::kServices) {
    auto r = parse_service_search(q, endpoint);
    return r ? std::string("ok") : r.error().fields.at(0).message;
  };
  EXPECT_NE(message({{"text", "x"}}).find("did you mean search?"), std::string::npos);
  EXPECT_NE(message({{"q", "x"}}).find("did you mean search?"), std::string::npos);
  EXPECT_NE(message({{"crime_typ", "x"}}).find("did you mean crime_type?"), std::string::npos);
  EXPECT_NE(message({{"organisation_id", "x"}}).find("did you mean organization_id?"),
            std::string::npos);
  EXPECT_NE(message({{"perpage", "x"}}).find("did you mean per_page?"), std::string::npos);
  EXPECT_EQ(message({{"zzzzzz", "x"}}).find("did you mean"), std::string::npos);
}

TEST(ApiQuery, EveryBadParameterIsNamedAtOnceUpToALimit) {
  auto r = parse_service_search({{"text", "x"}, {"q", "y"}, {"per_page", "1000"}},
                                Endpoint::kServices);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields.size(), 3u);
  Q many;
  for (int i = 0; i < 40; ++i) many.emplace_back(fmt::format("junk{}", i), "1");
  auto capped = parse_service_search(many, Endpoint::kServices);
  ASSERT_FALSE(capped);
  EXPECT_EQ(capped.error().fields.size(), 10u);
}

TEST(ApiQuery, OddParameterNamesAreGivenBackEncodedAndShort) {
  auto r = check_record_query({{std::string("a\x01\xff b"), "1"}}, Endpoint::kService);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields.at(0).field, "a%01%FF%20b");
  auto long_name = check_record_query({{std::string(500, 'x'), "1"}}, Endpoint::kService);
  ASSERT_FALSE(long_name);
  EXPECT_EQ(long_name.error().fields.at(0).field, std::string(64, 'x') + "...");
  // Found by afl-fuzz: an escape straddling the cut made the name 69 characters; a character is
  // given whole or not at all, so a name is never longer than 64 and the three dots.
  for (std::size_t plain = 60; plain <= 64; ++plain) {
    auto straddling = check_record_query({{std::string(plain, 'x') + ",,,,", "1"}}, Endpoint::kService);
    ASSERT_FALSE(straddling);
    const auto& field = straddling.error().fields.at(0).field;
    EXPECT_LE(field.size(), 67u) << plain;
    EXPECT_TRUE(field.ends_with("...")) << field;
    EXPECT_EQ(field.find("%2C"), plain + 3 <= 64 ? plain : std::string::npos) << field;
  }
}

TEST(ApiQuery, RecordEndpointsTakeNoParameters) {
  for (auto endpoint : {Endpoint::kRoot, Endpoint::kService, Endpoint::kServiceAtLocation,
                        Endpoint::kTaxonomy, Endpoint::kTaxonomyTerm, Endpoint::kOrganization}) {
    EXPECT_TRUE(check_record_query({}, endpoint));
    auto r = check_record_query({{"page", "1"}}, endpoint);
    ASSERT_FALSE(r) << endpoint_path(endpoint);
    EXPECT_EQ(r.error().fields.at(0).code, "unknown_parameter");
  }
  auto r = check_record_query({{"x", "1"}}, Endpoint::kService);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().fields.at(0).message.find("takes no query parameters"), std::string::npos);
}

TEST(ApiQuery, TooManyFilterValuesAreRefused) {
  std::string many;
  for (int i = 0; i < 60; ++i) many += fmt::format("c{},", i);  // not "c" + …: GCC bug 105329 at -O3
  EXPECT_EQ(code_for({{"crime_type", many}}, "crime_type"), "too_many_values");
}

TEST(ApiQuery, TaxonomyTermListTakesTaxonomyId) {
  auto r = parse_taxonomy_term_list(
      {{"taxonomy_id", "0b2a86f4-6f1c-4d5e-9c55-7a3f1e1d2c3b"}, {"page", "2"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->taxonomy_id, "0b2a86f4-6f1c-4d5e-9c55-7a3f1e1d2c3b");
  EXPECT_EQ(r->paging.page, 2);
  EXPECT_FALSE(parse_taxonomy_term_list({{"taxonomy_id", "x"}}));
}

TEST(ApiQuery, SearchIsRefusedWhereTheStoreCannotSearch) {
  for (auto endpoint : {Endpoint::kOrganizations, Endpoint::kTaxonomies}) {
    auto r = parse_paging({{"search", "police"}}, endpoint);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().fields.at(0).code, "not_supported");
  }
  auto terms = parse_taxonomy_term_list({{"search", "abuse"}});
  ASSERT_FALSE(terms);
  EXPECT_EQ(terms.error().fields.at(0).code, "not_supported");
}

TEST(ApiQuery, PostcodeShapes) {
  for (auto ok : {"L1 8JQ", "l18jq", "M1 1AE", "SW1A 1AA", "EC1A1BB", "W1A 0AX", "B33 8TH",
                  "CR2 6XH", "DN55 1PT", "GIR 0AA", " ST4 1DZ ",
                  // Spaces are forgiven: people type them anywhere, often on a phone.
                  "L1  8JQ", "L 1 8JQ"}) {
    EXPECT_TRUE(is_postcode_shape(ok)) << ok;
  }
  for (auto bad : {"", "L1", "L1 8J", "1L1 8JQ", "L1 8JQX", "LL1A1 8JQ", "L1 88Q", "L1-8JQ",
                   "ABCDEFG"}) {
    EXPECT_FALSE(is_postcode_shape(bad)) << bad;
  }
}

TEST(ApiQuery, IdentifierShapes) {
  EXPECT_TRUE(is_uuid("0b2a86f4-6f1c-4d5e-9c55-7a3f1e1d2c3b"));
  EXPECT_FALSE(is_uuid("0b2a86f4-6f1c-4d5e-9c55-7a3f1e1d2c3"));
  EXPECT_FALSE(is_uuid("0b2a86f4x6f1c-4d5e-9c55-7a3f1e1d2c3b"));
  EXPECT_TRUE(is_gss_code("W06000015"));
  EXPECT_FALSE(is_gss_code("E0800001"));
  EXPECT_TRUE(is_term_code("hate_crime_2"));
  EXPECT_FALSE(is_term_code("hate-crime"));
}

}  // namespace
}  // namespace vg::http::api
