#include "http/api/json_splice.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace vg::http::api {
namespace {

constexpr std::string_view kService = R"({
  "id": "7b1e6b52-2d7c-4b0e-8d7a-1f2a3b4c5d6e",
  "organization_id": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
  "name": "Advocacy \"Plus\" {not a brace}",
  "status": "active",
  "minimum_age": 16,
  "alert": null,
  "fees": "",
  "organization": {"id": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "name": "Org [x]"},
  "contacts": [{"id": "c1", "phones": [{"id": "p1", "number": "0151"}]}],
  "attributes": [],
  "accepting_referrals": true
})";

TEST(JsonSplice, VisitsTopLevelMembersWithRawValues) {
  std::vector<std::string> keys;
  std::vector<JsonKind> kinds;
  ASSERT_TRUE(for_each_member(kService, [&](std::string_view k, std::string_view, JsonKind kind) {
    keys.emplace_back(k);
    kinds.push_back(kind);
    return true;
  }));
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "organization_id", "name", "status",
                                            "minimum_age", "alert", "fees", "organization",
                                            "contacts", "attributes", "accepting_referrals"}));
  EXPECT_EQ(kinds[4], JsonKind::kNumber);
  EXPECT_EQ(kinds[5], JsonKind::kNull);
  EXPECT_EQ(kinds[7], JsonKind::kObject);
  EXPECT_EQ(kinds[8], JsonKind::kArray);
  EXPECT_EQ(kinds[10], JsonKind::kTrue);
}

TEST(JsonSplice, ServiceListItemKeepsOneToOneFieldsAndOrganizationButNoNulls) {
  std::string out;
  ASSERT_TRUE(append_service_list_item(out, kService));
  auto v = boost::json::parse(out).as_object();
  EXPECT_EQ(v.at("name").as_string(), "Advocacy \"Plus\" {not a brace}");
  EXPECT_EQ(v.at("minimum_age").as_int64(), 16);
  EXPECT_TRUE(v.contains("organization"));
  EXPECT_FALSE(v.contains("alert"));
  EXPECT_FALSE(v.contains("contacts"));
  EXPECT_FALSE(v.contains("attributes"));
  EXPECT_TRUE(v.at("accepting_referrals").as_bool());
}

TEST(JsonSplice, MalformedDocumentsAreReportedAndLeaveNoPartialOutput) {
  for (std::string_view bad :
       {"", "[]", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":[1,2}", "{\"a\":\"x}",
        "{\"a\":{\"b\":]}", "{\"a\":1} trailing", "{\"a\":nul}", "{\"a\":1 \"b\":2}"}) {
    std::string out = "prefix";
    EXPECT_FALSE(append_service_list_item(out, bad)) << bad;
    EXPECT_EQ(out, "prefix") << bad;
  }
  std::string out;
  EXPECT_TRUE(append_service_list_item(out, " { } "));
  EXPECT_EQ(out, "{}");
}

TEST(JsonSplice, PageMetaFollowsTheHsdsEnvelopeRules) {
  auto first = page_meta(120, 1, 50, 50);
  EXPECT_EQ(first.total_pages, 3);
  EXPECT_TRUE(first.first_page);
  EXPECT_FALSE(first.last_page);
  EXPECT_FALSE(first.empty);

  auto last = page_meta(120, 3, 50, 20);
  EXPECT_EQ(last.size, 20);
  EXPECT_FALSE(last.first_page);
  EXPECT_TRUE(last.last_page);

  auto beyond = page_meta(120, 9, 50, 0);
  EXPECT_TRUE(beyond.last_page);
  EXPECT_TRUE(beyond.empty);
  EXPECT_EQ(beyond.page_number, 9);

  auto none = page_meta(0, 1, 50, 0);
  EXPECT_EQ(none.total_pages, 0);
  EXPECT_TRUE(none.first_page);
  EXPECT_TRUE(none.last_page);
  EXPECT_TRUE(none.empty);

  auto exact = page_meta(100, 2, 50, 50);
  EXPECT_EQ(exact.total_pages, 2);
  EXPECT_TRUE(exact.last_page);
}

TEST(JsonSplice, EnvelopeHasTheFieldsInSpecificationOrder) {
  std::string out;
  open_page(out, page_meta(3, 1, 2, 2));
  out.append("{\"id\":\"a\"},{\"id\":\"b\"}");
  close_page(out);
  EXPECT_EQ(out,
            R"({"total_items":3,"total_pages":2,"page_number":1,"size":2,"first_page":true,)"
            R"("last_page":false,"empty":false,"contents":[{"id":"a"},{"id":"b"}]})");
  EXPECT_NO_THROW(boost::json::parse(out));
}

TEST(JsonSplice, StringsAreEscaped) {
  std::string out;
  append_json_string(out, "a\"b\\c\n\x01");
  EXPECT_EQ(out, R"("a\"b\\c\n\u0001")");
}

}  // namespace
}  // namespace vg::http::api
