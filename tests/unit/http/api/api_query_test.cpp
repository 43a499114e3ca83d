#include "http/api/api_query.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

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
                     SearchEndpoint endpoint = SearchEndpoint::kServices) {
  auto r = parse_service_search(q, endpoint);
  if (r) return "ok";
  EXPECT_EQ(r.error().code, "validation_failed");
  auto* f = field_error(r.error(), field);
  return f ? f->code : "no error for " + std::string(field);
}

TEST(ApiQuery, DefaultsArePageOneOfFifty) {
  auto r = parse_service_search({}, SearchEndpoint::kServices);
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
      SearchEndpoint::kServices);
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
                                SearchEndpoint::kServices);
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
                                   SearchEndpoint::kServices);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->age, 12);
  auto max_only = parse_service_search({{"maximum_age", "70"}}, SearchEndpoint::kServices);
  ASSERT_TRUE(max_only);
  EXPECT_EQ(max_only->age, 70);
}

TEST(ApiQuery, DeclaredButUnsupportedFiltersAreRefused) {
  EXPECT_EQ(code_for({{"day", "MO"}}, "day"), "not_supported");
  EXPECT_EQ(code_for({{"start_time", "09:00"}}, "start_time"), "not_supported");
  EXPECT_EQ(code_for({{"proximity", "1000"}}, "proximity", SearchEndpoint::kServiceAtLocations),
            "not_supported");
  // proximity is only declared for service_at_locations; elsewhere it is just unknown.
  EXPECT_EQ(code_for({{"proximity", "1000"}}, "proximity"), "ok");
}

TEST(ApiQuery, UnknownAndEmptyParametersAreIgnored) {
  auto r = parse_service_search({{"full", "true"}, {"format", "ndjson"}, {"page", ""},
                                 {"crime_type", ""}, {"utm_source", "x"}},
                                SearchEndpoint::kServices);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->page, 1);
  EXPECT_TRUE(r->crime_types.empty());
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

TEST(ApiQuery, OrganizationSearchIsNotSupported) {
  auto r = parse_organization_list({{"search", "police"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields.at(0).code, "not_supported");
  EXPECT_TRUE(parse_paging_only({{"search", "ignored here"}}));
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
