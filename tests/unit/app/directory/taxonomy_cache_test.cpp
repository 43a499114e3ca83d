// The taxonomy the directory's use cases share: kept for 30 seconds, so another process's
// import shows up within that without a restart, and at once after this process forgets it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/directory/directory_transfer.h"
#include "app/directory/taxonomy_cache.h"
#include "store/open/open_store.h"
#include "store/store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(VG_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class TaxonomyCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_store("sqlite::memory:", 1).value();
    ASSERT_TRUE(store_->migrate().has_value());
    cache_ = std::make_unique<TaxonomyCache>(*store_, clock_);
  }

  // As another process would, so this cache is not told.
  void import_elsewhere() {
    DirectoryTransfer transfer(*store_, clock_);
    ASSERT_TRUE(transfer.import_hsds(read("config/taxonomy/victim-support.json"), "test"));
  }

  std::unique_ptr<store::Store> store_;
  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}};
  std::unique_ptr<TaxonomyCache> cache_;
};

TEST_F(TaxonomyCacheTest, AnotherProcesssImportShowsWithinThirtySeconds) {
  EXPECT_EQ(cache_->get()->by_code("domestic_abuse"), nullptr);
  import_elsewhere();
  clock_.advance(std::chrono::seconds(29));
  EXPECT_EQ(cache_->get()->by_code("domestic_abuse"), nullptr);
  clock_.advance(std::chrono::seconds(1));
  EXPECT_NE(cache_->get()->by_code("domestic_abuse"), nullptr);
}

TEST_F(TaxonomyCacheTest, ForgettingReadsAgainAtOnce) {
  const auto before = cache_->get();
  EXPECT_EQ(cache_->get(), before);  // the same index while nothing changed
  import_elsewhere();
  cache_->forget();
  EXPECT_NE(cache_->get()->by_code("domestic_abuse"), nullptr);
}

}  // namespace
}  // namespace vg::app
