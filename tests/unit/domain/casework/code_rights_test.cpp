#include "domain/casework/code_rights.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

using namespace std::chrono;
constexpr Date kToday = year{2026} / December / day{4};

TEST(CodeRightsTest, AnOpenComplaintHasNoClosingDate) {
  auto c = check_complaint({"2026-12-01", "delay", "open", ""}, kToday);
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->closed_on);
  auto closed_too_soon = check_complaint({"2026-12-01", "delay", "open", "2026-12-02"}, kToday);
  ASSERT_FALSE(closed_too_soon);
  EXPECT_EQ(closed_too_soon.error().fields[0].field, "closed_on");
}

TEST(CodeRightsTest, ADecidedComplaintClosesOnOrAfterItWasReceived) {
  EXPECT_TRUE(check_complaint({"2026-12-01", "staff_conduct", "upheld", "2026-12-03"}, kToday));
  auto before = check_complaint({"2026-12-01", "staff_conduct", "upheld", "2026-11-30"}, kToday);
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().fields[0].code, "before_received");
  auto undated = check_complaint({"2026-12-01", "staff_conduct", "not_upheld", ""}, kToday);
  ASSERT_FALSE(undated);
  EXPECT_EQ(undated.error().fields[0].field, "closed_on");
}

TEST(CodeRightsTest, ComplaintDatesCannotBeInTheFutureAndCodesMustBeKnown) {
  auto c = check_complaint({"2026-12-05", "gossip", "maybe", ""}, kToday);
  ASSERT_FALSE(c);
  ASSERT_EQ(c.error().fields.size(), 3u);
  EXPECT_EQ(c.error().fields[0].code, "in_future");
}

TEST(CodeRightsTest, RestorativeJusticeAnswerNeedsItsDateUnlessUndecided) {
  EXPECT_TRUE(check_restorative_justice({"2026-12-01", "undecided", ""}, kToday));
  auto answered = check_restorative_justice({"2026-12-01", "interested", "2026-12-02"}, kToday);
  ASSERT_TRUE(answered);
  EXPECT_TRUE(answered->answered_on);
  EXPECT_FALSE(check_restorative_justice({"2026-12-01", "not_interested", ""}, kToday));
  EXPECT_FALSE(check_restorative_justice({"2026-12-03", "interested", "2026-12-02"}, kToday));
}

}  // namespace
}  // namespace vg::casework
