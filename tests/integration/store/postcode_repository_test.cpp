// Conformance: the ONS postcode lookup, the same on every backend.
#include <gtest/gtest.h>

#include <algorithm>

#include "store_fixture.h"

namespace vg::store::testing {
namespace {

class PostcodeTest : public StoreTest {};

TEST_F(PostcodeTest, EmptyLookupHoldsNothing) {
  EXPECT_EQ(store_->postcodes().count().value(), 0);
  EXPECT_EQ(store_->postcodes().find_lad("L18AA").value(), std::nullopt);
}

TEST_F(PostcodeTest, UpsertedPostcodesResolveToTheirLocalAuthority) {
  ASSERT_TRUE(store_->postcodes()
                  .upsert({{"L18AA", "E08000012"}, {"PR89AA", "E08000014"}, {"CH411AA", "E08000015"}})
                  .has_value());
  EXPECT_EQ(store_->postcodes().count().value(), 3);
  EXPECT_EQ(store_->postcodes().find_lad("L18AA").value(), "E08000012");
  EXPECT_EQ(store_->postcodes().find_lad("CH411AA").value(), "E08000015");
  EXPECT_EQ(store_->postcodes().find_lad("L1 8AA").value(), std::nullopt);
  EXPECT_EQ(store_->postcodes().find_lad("ZZ99ZZ").value(), std::nullopt);
}

TEST_F(PostcodeTest, UpsertReplacesALaterRowForTheSamePostcode) {
  ASSERT_TRUE(store_->postcodes().upsert({{"L18AA", "E08000012"}}).has_value());
  ASSERT_TRUE(store_->postcodes()
                  .upsert({{"L18AA", "E08000011"}, {"L18AA", "E08000013"}, {"M11AA", "E08000003"}})
                  .has_value());
  EXPECT_EQ(store_->postcodes().count().value(), 2);
  EXPECT_EQ(store_->postcodes().find_lad("L18AA").value(), "E08000013");
}

TEST_F(PostcodeTest, LargeUpsertLandsWhole) {
  std::vector<PostcodeRepository::Row> rows;
  for (int i = 0; i < 12000; ++i) rows.push_back({"ZZ" + std::to_string(i), "E0800001" + std::to_string(i % 10)});
  ASSERT_TRUE(store_->postcodes().upsert(rows).has_value());
  EXPECT_EQ(store_->postcodes().count().value(), 12000);
  EXPECT_EQ(store_->postcodes().find_lad("ZZ11999").value(), "E08000019");
}

TEST_F(PostcodeTest, VersionMovesOnWithEveryWrite) {
  const auto before = store_->postcodes().version().value();
  ASSERT_TRUE(store_->postcodes().upsert({{"L18AA", "E08000012"}}).has_value());
  const auto added = store_->postcodes().version().value();
  EXPECT_GT(added, before);
  // The same postcode moved to another authority: a process holding the lookup must see it.
  ASSERT_TRUE(store_->postcodes().upsert({{"L18AA", "E08000013"}}).has_value());
  EXPECT_GT(store_->postcodes().version().value(), added);
}

TEST_F(PostcodeTest, AllGivesEveryRow) {
  EXPECT_TRUE(store_->postcodes().all().value().empty());
  ASSERT_TRUE(store_->postcodes()
                  .upsert({{"PR89AA", "E08000014"}, {"L18AA", "E08000012"}, {"L18AA", "E08000011"}})
                  .has_value());
  auto rows = store_->postcodes().all().value();
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.postcode < b.postcode; });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].postcode, "L18AA");
  EXPECT_EQ(rows[0].lad_code, "E08000011");
  EXPECT_EQ(rows[1].postcode, "PR89AA");
  EXPECT_EQ(rows[1].lad_code, "E08000014");
}

}  // namespace
}  // namespace vg::store::testing
