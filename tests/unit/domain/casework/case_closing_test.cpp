#include "domain/casework/case_closing.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

const std::vector<NeedDomain> kDomains{{"safety", "Safety and security"},
                                       {"finance", "Finance and benefits"}};
const NeedRatings kAssessed{{"safety", NeedRating::kHigh}, {"finance", NeedRating::kNone}};

std::vector<std::string> fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

TEST(CaseClosingTest, AReasonAndEveryNeedRatedAgainCloseWithOutcomes) {
  auto closing = check_closing(CaseStatus::kOpen, kAssessed, kDomains,
                               {"support_completed", {{"safety", "low"}, {"finance", "none"}}});
  ASSERT_TRUE(closing) << closing.error().message;
  EXPECT_EQ(closing->reason, CloseReason::kSupportCompleted);
  EXPECT_EQ(closing->outcomes.at("safety"), NeedOutcome::kPartly);
  EXPECT_EQ(closing->outcomes.at("finance"), NeedOutcome::kNoNeed);
}

TEST(CaseClosingTest, AfterAnAssessmentEveryNeedMustBeRatedAgain) {
  auto closing = check_closing(CaseStatus::kOpen, kAssessed, kDomains,
                               {"declined_support", {{"safety", "low"}}});
  ASSERT_FALSE(closing);
  EXPECT_EQ(closing.error().code, "validation_failed");
  EXPECT_EQ(fields(closing.error()), (std::vector<std::string>{"need_finance"}));
}

TEST(CaseClosingTest, EveryProblemIsToldAtOnce) {
  auto closing = check_closing(CaseStatus::kOpen, kAssessed, kDomains, {"", {}});
  ASSERT_FALSE(closing);
  EXPECT_EQ(fields(closing.error()),
            (std::vector<std::string>{"reason", "need_safety", "need_finance"}));
}

TEST(CaseClosingTest, WithoutAnAssessmentNoRatingsAreAskedButSupportCannotBeCompleted) {
  auto unable = check_closing(CaseStatus::kUnableToContact, std::nullopt, kDomains,
                              {"unable_to_contact", {}});
  ASSERT_TRUE(unable);
  EXPECT_TRUE(unable->outcomes.empty());
  auto completed =
      check_closing(CaseStatus::kOpen, std::nullopt, kDomains, {"support_completed", {}});
  ASSERT_FALSE(completed);
  EXPECT_EQ(completed.error().fields[0].code, "not_assessed");
}

TEST(CaseClosingTest, AClosedCaseCannotCloseAgain) {
  auto closing = check_closing(CaseStatus::kClosed, kAssessed, kDomains,
                               {"other", {{"safety", "low"}, {"finance", "none"}}});
  ASSERT_FALSE(closing);
  EXPECT_EQ(closing.error().code, "conflict");
}

TEST(CaseClosingTest, TheReasonsAreTheBriefsSixWithRoundTrippingCodes) {
  ASSERT_EQ(close_reasons().size(), 6u);
  for (auto r : close_reasons()) EXPECT_EQ(close_reason_from_code(to_code(r)), r);
  EXPECT_FALSE(close_reason_from_code("bored"));
}

}  // namespace
}  // namespace vg::casework
