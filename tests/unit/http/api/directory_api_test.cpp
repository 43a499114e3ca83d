// /api/v1/services writes the list items the search index made when it was built: for every
// service of the demo directory plus generated ones, that item must be byte for byte what
// splicing the service's stored document gives, so the API's answers stay what they were.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "app/directory/directory_generator.h"
#include "http/api/json_splice.h"
#include "support/demo_directory.h"

namespace vg::http::api {
namespace {

class DirectoryApiListItemTest : public app::DemoDirectoryTest {};

TEST_F(DirectoryApiListItemTest, EveryPreRenderedItemIsTheSplicedDocument) {
  std::vector<std::string> organizations;
  const auto before = store_->directory().export_all().value();
  for (const auto& o : before.organizations) organizations.push_back(o.id);
  auto generated = app::generate_services(1500, 11, organizations, *taxonomy_->get());
  ASSERT_TRUE(admin_->save_services(generated, "test").has_value());
  // As add_directory_api_routes sets it.
  directory_->set_list_item_renderer(
      [](const app::ServiceRecord& s) { return service_list_item(s.document); });

  const auto all = store_->directory().export_all().value().services;
  std::set<std::string> seen;
  app::ServiceSearch search;
  search.include_inactive = true;
  search.per_page = 100;
  for (search.page = 1;; ++search.page) {
    auto result = directory_->search_services(search);
    ASSERT_TRUE(result.has_value());
    if (result->page.items.empty()) break;
    for (const auto& hit : result->page.items) {
      std::string spliced;
      ASSERT_TRUE(append_service_list_item(spliced, hit->document)) << hit->id;
      ASSERT_NE(hit.list_item(), nullptr) << hit->id;
      EXPECT_EQ(*hit.list_item(), spliced) << hit->id;
      seen.insert(hit->id);
    }
  }
  EXPECT_EQ(seen.size(), all.size());
  EXPECT_GT(all.size(), 1500u);
}

TEST(DirectoryApiListItem, ADocumentThatCannotBeSplicedHasNoItem) {
  EXPECT_FALSE(service_list_item("[1]").has_value());
  EXPECT_EQ(service_list_item(R"({"id":"a","contacts":[],"organization":{"id":"o"}})").value(),
            R"({"id":"a","organization":{"id":"o"}})");
}

}  // namespace
}  // namespace vg::http::api
