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

}  // namespace
}  // namespace vg::store::testing
