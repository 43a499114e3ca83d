// Finishing a task: done once, dismissed once, and a safeguarding referral never dismissed
// without a reason.
#include "domain/casework/case_task.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

using namespace std::chrono;

const Instant kNow = sys_days{year{2026} / 12 / 4} + 10h;

CaseTask task(TaskKind kind) {
  CaseTask t;
  t.id = "task-1";
  t.kind = kind;
  t.due_date = year{2026} / 12 / 4;
  return t;
}

TEST(CaseTask, SafeguardingReferralRefusesDismissalWithoutAReason) {
  auto t = task(TaskKind::kSafeguardingReferral);
  auto refused = dismiss_task(t, "user-1", "   \n", kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "validation_failed");
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "reason");
  EXPECT_TRUE(is_open(t));
}

TEST(CaseTask, SafeguardingReferralDismissedWithAReasonKeepsIt) {
  auto t = task(TaskKind::kSafeguardingReferral);
  ASSERT_TRUE(dismiss_task(t, "user-1", "  Children's services already hold a referral  ", kNow));
  EXPECT_FALSE(is_open(t));
  EXPECT_EQ(t.dismissal_reason, "Children's services already hold a referral");
  EXPECT_EQ(t.dismissed_by, "user-1");
  EXPECT_EQ(t.dismissed_at, kNow);
}

TEST(CaseTask, OtherTasksMayBeDismissedWithoutAReason) {
  auto t = task(TaskKind::kMaracReferral);
  EXPECT_TRUE(dismiss_task(t, "user-1", "", kNow));
  EXPECT_FALSE(is_open(t));
}

TEST(CaseTask, AFinishedTaskCannotBeFinishedAgain) {
  auto t = task(TaskKind::kCloseUnableToContact);
  ASSERT_TRUE(complete_task(t, "user-1", kNow));
  EXPECT_EQ(t.done_by, "user-1");
  auto again = complete_task(t, "user-2", kNow);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_EQ(dismiss_task(t, "user-2", "why", kNow).error().code, "conflict");
  EXPECT_EQ(t.done_by, "user-1");
}

TEST(CaseTask, ALongReasonIsRefused) {
  auto t = task(TaskKind::kOther);
  EXPECT_EQ(
      dismiss_task(t, "u", std::string(kMaxDismissalReason + 1, 'x'), kNow).error().fields[0].code,
      "too_long");
}

TEST(CaseTask, OverdueOnlyWhenOpenAndPastItsDay) {
  auto t = task(TaskKind::kOther);
  EXPECT_FALSE(is_overdue(t, year{2026} / 12 / 4));
  EXPECT_TRUE(is_overdue(t, year{2026} / 12 / 5));
  ASSERT_TRUE(complete_task(t, "u", kNow));
  EXPECT_FALSE(is_overdue(t, year{2026} / 12 / 5));
}

TEST(CaseTask, KindsReadBackFromTheirCodes) {
  for (auto k : {TaskKind::kMaracReferral, TaskKind::kSafeguardingReferral,
                 TaskKind::kCloseUnableToContact, TaskKind::kOther}) {
    EXPECT_EQ(task_kind_from_code(to_code(k)), k);
  }
  EXPECT_FALSE(task_kind_from_code("marac"));
}

}  // namespace
}  // namespace vg::casework
