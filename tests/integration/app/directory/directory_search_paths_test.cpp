// Both search paths over each store: the in-memory index (SearchPath::kIndex) and the store's
// query (SearchPath::kStore) give the same ids, order, totals and postcode answers for the whole
// bench mix (22,540 searches) on the demo directory plus generated services. On PostgreSQL this
// is what proves the index keeps that store's order and word rules. Invented services only.
#include <gtest/gtest.h>

#include <memory>

#include "app/directory/area_directory_file.h"
#include "app/directory/directory_admin.h"
#include "app/directory/directory_generator.h"
#include "app/directory/directory_search.h"
#include "app/directory/directory_transfer.h"
#include "app/directory/search_synonyms_file.h"
#include "domain/directory/postcode.h"
#include "store_fixture.h"
#include "support/directory_search_mix.h"
#include "support/fixed_clock.h"

namespace vg::store::testing {
namespace {

class DirectorySearchPathsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    const std::string root = VG_SOURCE_DIR;
    taxonomy_ = std::make_unique<app::TaxonomyCache>(*store_, clock_);
    app::DirectoryAdmin admin(*store_, clock_, *taxonomy_, generation_);
    app::DirectoryTransfer transfer(*store_, clock_, *taxonomy_, generation_);
    ASSERT_TRUE(transfer
                    .import_hsds(bench_mix::read_file(root + "/config/taxonomy/victim-support.json"),
                                 "test")
                    .has_value());
    std::vector<std::string> organizations;
    for (const char* area : {"greater-manchester", "merseyside", "staffordshire"}) {
      auto parsed = app::parse_area_directory(
          bench_mix::read_file(root + "/config/areas/" + area + "/directory.json"));
      ASSERT_TRUE(parsed.has_value()) << area;
      for (const auto& org : parsed->organizations) {
        organizations.push_back(admin.save_organization(org, "test").value());
      }
      ASSERT_TRUE(admin.save_services(parsed->services, "test").has_value()) << area;
    }
    // Enough that second pages are full and paging crosses the index's 64-bit words; few enough
    // that 22,540 store queries stay quick.
    auto generated = app::generate_services(600, 3, organizations, *taxonomy_->get());
    ASSERT_TRUE(admin.save_services(generated, "test").has_value());
    ASSERT_TRUE(store_->postcodes().upsert(bench_mix::illustrative_postcode_rows(root)).has_value());
    auto synonyms = app::load_search_synonyms(root + "/config").value();
    by_index_ = std::make_unique<app::DirectorySearch>(*store_, *taxonomy_, generation_, clock_);
    by_store_ = std::make_unique<app::DirectorySearch>(*store_, *taxonomy_, generation_, clock_,
                                                       app::SearchPath::kStore);
    by_index_->set_synonyms(synonyms);
    by_store_->set_synonyms(synonyms);
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 12 / 5}};
  app::DirectoryGeneration generation_;
  std::unique_ptr<app::TaxonomyCache> taxonomy_;
  std::unique_ptr<app::DirectorySearch> by_index_;
  std::unique_ptr<app::DirectorySearch> by_store_;
};

TEST_F(DirectorySearchPathsTest, TheIndexFindsWhatTheStoreFindsForTheWholeBenchMix) {
  const auto mix = bench_mix::directory_search_mix(VG_SOURCE_DIR);
  ASSERT_GE(mix.size(), 20000u);
  int found_some = 0;
  for (const auto& m : mix) {
    auto index = by_index_->search_services(m.search);
    auto sql = by_store_->search_services(m.search);
    ASSERT_TRUE(index.has_value()) << m.query << ": " << index.error().message;
    ASSERT_TRUE(sql.has_value()) << m.query << ": " << sql.error().message;
    ASSERT_EQ(index->page.total_items, sql->page.total_items) << m.query;
    ASSERT_EQ(index->page.items.size(), sql->page.items.size()) << m.query;
    for (std::size_t i = 0; i < sql->page.items.size(); ++i) {
      ASSERT_EQ(index->page.items[i]->id, sql->page.items[i]->id) << m.query << " item " << i;
      ASSERT_EQ(index->page.items[i]->document, sql->page.items[i]->document) << m.query;
      ASSERT_EQ(index->page.items[i]->taxonomy_term_ids, sql->page.items[i]->taxonomy_term_ids);
      ASSERT_EQ(index->page.items[i]->area_codes, sql->page.items[i]->area_codes);
    }
    ASSERT_EQ(index->postcode.has_value(), sql->postcode.has_value()) << m.query;
    if (sql->postcode) {
      ASSERT_EQ(index->postcode->status, sql->postcode->status) << m.query;
    }
    if (sql->page.total_items > 0) ++found_some;
  }
  EXPECT_GT(found_some, static_cast<int>(mix.size()) / 4);  // not mostly empty answers
}

// The public service page reads a service from the index; what it reads must be the store's
// record, for every service of the directory (inactive ones too, which search leaves out).
TEST_F(DirectorySearchPathsTest, APublicReadOfEveryServiceIsTheStoresRecord) {
  auto all = store_->directory().export_all().value();
  ASSERT_GT(all.services.size(), 600u);
  for (const auto& stored : all.services) {
    auto from_store = by_store_->get_service(stored.id);
    auto from_index = by_index_->get_public_service(stored.id);
    ASSERT_TRUE(from_store.has_value()) << stored.id;
    ASSERT_TRUE(from_index.has_value()) << stored.id << ": " << from_index.error().message;
    EXPECT_EQ(from_index->id, from_store->id);
    EXPECT_EQ(from_index->organization_id, from_store->organization_id) << stored.id;
    EXPECT_EQ(from_index->name, from_store->name) << stored.id;
    EXPECT_EQ(from_index->description, from_store->description) << stored.id;
    EXPECT_EQ(from_index->status, from_store->status) << stored.id;
    EXPECT_EQ(from_index->document, from_store->document) << stored.id;
    EXPECT_EQ(from_index->taxonomy_term_ids, from_store->taxonomy_term_ids) << stored.id;
    EXPECT_EQ(from_index->area_codes, from_store->area_codes) << stored.id;
    EXPECT_EQ(from_index->minimum_age, from_store->minimum_age) << stored.id;
    EXPECT_EQ(from_index->maximum_age, from_store->maximum_age) << stored.id;
    EXPECT_EQ(from_index->self_referral, from_store->self_referral) << stored.id;
  }
  // An id no service has is the store's not_found, as before.
  auto missing = by_index_->get_public_service("00000000-0000-4000-8000-00000000beef");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, "not_found");
}

}  // namespace
}  // namespace vg::store::testing
