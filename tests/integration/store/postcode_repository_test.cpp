// Conformance: the ONS postcode lookup, the same on every backend.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace vg::store::testing
