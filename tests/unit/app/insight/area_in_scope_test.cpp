// The area a commissioner's or an administrator's question is about: the one asked for, or their
// first; another area's is answered as if it did not exist, a role that may never ask is refused.
#include "app/insight/area_in_scope.h"

#include <gtest/gtest.h>

namespace vg::app {
namespace {

using access::Action;
using access::Role;

access::Actor commissioner(std::vector<std::string> areas) {
  return {Role::kCommissioner, "u-1", "org-pcc", "commissioner", std::move(areas), ""};
}

TEST(AreaInScope, TheAreaAskedForIsTheActorsOwnOrNotFound) {
  const auto actor = commissioner({"merseyside", "staffordshire"});
  EXPECT_EQ(area_in_scope(actor, Action::kReadInsight, "staffordshire", "Insight").value(), "staffordshire");
  const auto other = area_in_scope(actor, Action::kReadInsight, "greater-manchester", "Insight for this area");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, "not_found");
  // A name that is no area at all gets the same answer as another's.
  const auto none = area_in_scope(actor, Action::kReadInsight, "atlantis", "Insight for this area");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, other.error().code);
  EXPECT_EQ(none.error().message, other.error().message);
}

TEST(AreaInScope, NoAreaAskedForIsTheActorsFirst) {
  EXPECT_EQ(area_in_scope(commissioner({"staffordshire", "merseyside"}), Action::kReadInsight, "", "Insight").value(),
            "staffordshire");
  const auto nowhere = area_in_scope(commissioner({}), Action::kReadInsight, "", "Insight");
  ASSERT_FALSE(nowhere);
  EXPECT_EQ(nowhere.error().code, "not_found");
}

TEST(AreaInScope, ARoleThatMayNeverAskIsRefused) {
  access::Actor advisor{Role::kGatewayAdvisor, "u-2", "org-gw", "gateway", {"merseyside"}, ""};
  const auto refused = area_in_scope(advisor, Action::kReadInsight, "merseyside", "Insight");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "forbidden");
  EXPECT_TRUE(areas_in_scope(advisor, Action::kReadInsight).empty());
  EXPECT_EQ(areas_in_scope(commissioner({"merseyside"}), Action::kReadInsight),
            std::vector<std::string>{"merseyside"});
}

}  // namespace
}  // namespace vg::app
