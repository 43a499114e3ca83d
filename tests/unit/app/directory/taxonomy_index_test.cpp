// The taxonomy as a lookup, built by hand: codes only within the victim-support taxonomy, a
// term's group is its root's code, and a search expands to ancestors below the root and to
// descendants.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/directory/taxonomy_index.h"

namespace vg::app {
namespace {

directory::TaxonomyTermRecord term(std::string id, std::string code, std::string parent,
                                   std::string taxonomy = std::string(kVictimTaxonomyId)) {
  directory::TaxonomyTermRecord t;
  t.id = std::move(id);
  t.taxonomy_id = std::move(taxonomy);
  t.code = code;
  t.name = "Name of " + code;
  t.parent_id = std::move(parent);
  return t;
}

std::vector<std::string> ids_of(const std::vector<directory::TaxonomyTermRecord>& terms) {
  std::vector<std::string> out;
  for (const auto& t : terms) out.push_back(t.id);
  return out;
}

class TaxonomyIndexTest : public ::testing::Test {
 protected:
  // crime_type ─ hate ─ race_hate
  //            │      └ faith_hate
  //            └ fraud
  // audience ─ young_people
  // other taxonomy: "fraud" code again (must not be found by code)
  TaxonomyIndex index_{{
      term("t-crime", "crime_type", ""),
      term("t-hate", "hate_crime", "t-crime"),
      term("t-race", "race_hate", "t-hate"),
      term("t-faith", "faith_hate", "t-hate"),
      term("t-fraud", "fraud", "t-crime"),
      term("t-aud", "audience", ""),
      term("t-young", "young_people", "t-aud"),
      term("x-fraud", "other_fraud", "", "another-taxonomy"),
      term("x-dup", "fraud", "", "another-taxonomy"),
      term("t-orphan", "orphan", "t-missing"),
  }};
};

TEST_F(TaxonomyIndexTest, LooksUpById) {
  ASSERT_NE(index_.by_id("t-race"), nullptr);
  EXPECT_EQ(index_.by_id("t-race")->code, "race_hate");
  ASSERT_NE(index_.by_id("x-dup"), nullptr);  // any taxonomy by id
  EXPECT_EQ(index_.by_id("nope"), nullptr);
}

TEST_F(TaxonomyIndexTest, CodesAreLookedUpInTheVictimTaxonomyOnly) {
  ASSERT_NE(index_.by_code("fraud"), nullptr);
  EXPECT_EQ(index_.by_code("fraud")->id, "t-fraud");
  EXPECT_EQ(index_.by_code("other_fraud"), nullptr);
  EXPECT_EQ(index_.by_code(""), nullptr);
}

TEST_F(TaxonomyIndexTest, GroupOfIsTheRootsCode) {
  EXPECT_EQ(index_.group_of("t-race"), "crime_type");
  EXPECT_EQ(index_.group_of("t-hate"), "crime_type");
  EXPECT_EQ(index_.group_of("t-crime"), "crime_type");
  EXPECT_EQ(index_.group_of("t-young"), "audience");
  EXPECT_EQ(index_.group_of("t-orphan"), "");  // its parent is not stored
  EXPECT_EQ(index_.group_of("nope"), "");
}

TEST_F(TaxonomyIndexTest, GroupIsDepthFirstInStoredOrder) {
  EXPECT_EQ(ids_of(index_.group("crime_type")),
            (std::vector<std::string>{"t-hate", "t-race", "t-faith", "t-fraud"}));
  EXPECT_EQ(ids_of(index_.group("audience")), (std::vector<std::string>{"t-young"}));
  EXPECT_TRUE(index_.group("hate_crime").empty());  // not a root
  EXPECT_TRUE(index_.group("unknown").empty());
}

TEST_F(TaxonomyIndexTest, ExpandAddsAncestorsBelowTheRootAndDescendants) {
  EXPECT_EQ(index_.expand({"t-race"}), (std::vector<std::string>{"t-race", "t-hate"}));
  EXPECT_EQ(index_.expand({"t-hate"}),
            (std::vector<std::string>{"t-hate", "t-race", "t-faith"}));
  EXPECT_EQ(index_.expand({"t-race", "t-fraud", "t-race"}),
            (std::vector<std::string>{"t-race", "t-fraud", "t-hate"}));
  EXPECT_EQ(index_.expand({"unknown"}), (std::vector<std::string>{"unknown"}));
  EXPECT_TRUE(index_.expand({}).empty());
}

TEST(TaxonomyIndexCycleTest, ADamagedParentChainEnds) {
  TaxonomyIndex looped({term("a", "a", "b"), term("b", "b", "a")});
  EXPECT_EQ(looped.group_of("a"), "");
  const auto expanded = looped.expand({"a"});
  EXPECT_EQ(expanded, (std::vector<std::string>{"a", "b"}));
}

TEST(TaxonomyIndexEmptyTest, AnEmptyIndexFindsNothing) {
  TaxonomyIndex empty;
  EXPECT_EQ(empty.by_id("t-crime"), nullptr);
  EXPECT_EQ(empty.by_code("crime_type"), nullptr);
  EXPECT_TRUE(empty.group("crime_type").empty());
}

}  // namespace
}  // namespace vg::app
