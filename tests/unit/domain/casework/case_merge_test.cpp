#include "domain/casework/case_merge.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

using namespace std::chrono;

CaseRecord a_case(const std::string& id, const std::string& reference, int minutes_after) {
  CaseRecord c;
  c.id = id;
  c.reference = reference;
  c.area = "merseyside";
  c.holder_organisation_id = "gateway";
  c.opened_at = Instant{sys_days{year{2026} / 3 / 2}} + minutes(minutes_after);
  return c;
}

TEST(CaseMergeTest, TheCaseReceivedFirstSurvivesWhicheverWayRoundItIsAsked) {
  const auto first = a_case("b", "MY-2026-000002", 0);
  const auto later = a_case("a", "MY-2026-000001", 5);
  EXPECT_EQ(surviving_case(first, later).id, "b");
  EXPECT_EQ(surviving_case(later, first).id, "b");
}

TEST(CaseMergeTest, ReceivedAtTheSameMomentTheLowerReferenceSurvives) {
  const auto one = a_case("x", "MY-2026-000001", 0);
  const auto two = a_case("y", "MY-2026-000002", 0);
  EXPECT_EQ(surviving_case(two, one).id, "x");
}

TEST(CaseMergeTest, TwoLiveCasesOfOneTeamMayMerge) {
  auto surviving = a_case("a", "MY-2026-000001", 0);
  auto merged = a_case("b", "MY-2026-000002", 5);
  merged.status = CaseStatus::kUnableToContact;
  EXPECT_TRUE(check_merge(surviving, merged));
}

TEST(CaseMergeTest, NeverIntoItselfNorAcrossAreasOrHolders) {
  const auto c = a_case("a", "MY-2026-000001", 0);
  auto self = check_merge(c, c);
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code, "validation_failed");
  EXPECT_EQ(self.error().fields.at(0).field, "other");

  auto elsewhere = a_case("b", "GM-2026-000002", 5);
  elsewhere.area = "greater-manchester";
  EXPECT_EQ(check_merge(c, elsewhere).error().code, "validation_failed");
  auto other_holder = a_case("b", "MY-2026-000002", 5);
  other_holder.holder_organisation_id = "another gateway";
  EXPECT_EQ(check_merge(c, other_holder).error().code, "validation_failed");
}

TEST(CaseMergeTest, ClosedOrMergedCasesAreNotMerged) {
  const auto live = a_case("a", "MY-2026-000001", 0);
  for (auto status : {CaseStatus::kClosed, CaseStatus::kMerged}) {
    auto other = a_case("b", "MY-2026-000002", 5);
    other.status = status;
    EXPECT_EQ(check_merge(live, other).error().code, "conflict") << to_code(status);
    EXPECT_EQ(check_merge(other, live).error().code, "conflict") << to_code(status);
  }
}

TEST(CaseMergeTest, UndoRestoresTheStatusAndFlagTheMergeFound) {
  auto merged = a_case("b", "MY-2026-000002", 5);
  merged.status = CaseStatus::kUnableToContact;
  merged.possible_duplicate = true;
  // Built whole (g++ 12 misreads assigning short literals to members as an overlapping copy).
  CaseMergeRecord record{std::string("m"), std::string("a"), merged.id, std::string("u"), {},
                         merged.status, merged.possible_duplicate, false, std::nullopt, std::string()};
  apply_merge(merged);
  EXPECT_EQ(merged.status, CaseStatus::kMerged);
  EXPECT_FALSE(merged.possible_duplicate);
  ASSERT_TRUE(check_undo(record, merged));
  apply_undo(record, merged);
  EXPECT_EQ(merged.status, CaseStatus::kUnableToContact);
  EXPECT_TRUE(merged.possible_duplicate);
  // Once undone, never again.
  record.undone_at = record.merged_at;
  EXPECT_EQ(check_undo(record, merged).error().code, "conflict");
}

TEST(CaseMergeTest, NotTheSamePersonIsOnePairWhicheverCaseItWasDecidedFrom) {
  auto one = not_same_decision("b", "a", NotSameReason::kConfirmedWithVictim);
  auto two = not_same_decision("a", "b", NotSameReason::kConfirmedWithVictim);
  EXPECT_EQ(one.case_id, "a");
  EXPECT_EQ(one.other_case_id, "b");
  EXPECT_EQ(two.case_id, one.case_id);
  EXPECT_EQ(one.reason, "confirmed_with_victim");
  for (auto r : not_same_reasons()) EXPECT_EQ(not_same_reason_from_code(to_code(r)), r);
  EXPECT_FALSE(not_same_reason_from_code("because"));
}

TEST(CaseMergeTest, MergedIsAStatusCode) {
  EXPECT_EQ(to_code(CaseStatus::kMerged), "merged");
  EXPECT_EQ(case_status_from_code("merged"), CaseStatus::kMerged);
}

}  // namespace
}  // namespace vg::casework
