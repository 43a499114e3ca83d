#include "domain/casework/support_plan.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

using namespace std::chrono;
constexpr Date kToday = year{2026} / December / day{4};
const std::vector<std::string> kTeam{"worker-1", "worker-2"};

TEST(SupportPlanTest, AnActionHasWordsAnOwnerInTheTeamAndADateFromToday) {
  auto a = check_plan_action({"Help with a housing application", "worker-2", "2026-12-04"}, kTeam,
                             kToday);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->owner, "worker-2");
  EXPECT_EQ(a->due, kToday);
}

TEST(SupportPlanTest, EveryProblemIsNamed) {
  auto a = check_plan_action({"", "stranger", "2026-12-03"}, kTeam, kToday);
  ASSERT_FALSE(a);
  ASSERT_EQ(a.error().fields.size(), 3u);
  EXPECT_EQ(a.error().fields[0].field, "text");
  EXPECT_EQ(a.error().fields[1].code, "not_in_team");
  EXPECT_EQ(a.error().fields[2].code, "in_past");
  auto long_text =
      check_plan_action({std::string(501, 'x'), "worker-1", "not a date"}, kTeam, kToday);
  ASSERT_FALSE(long_text);
  EXPECT_EQ(long_text.error().fields[0].code, "too_long");
  EXPECT_EQ(long_text.error().fields[1].code, "not_a_date");
}

}  // namespace
}  // namespace vg::casework
