#include "app/casework/case_closure.h"

#include <gtest/gtest.h>

#include "app/casework/needs_assessment.h"
#include "unit/app/casework/casework_store.h"

namespace vg::app::testing {
namespace {

class CaseClosureTest : public CaseworkStoreTest {
 protected:
  NotesCipher cipher_ = NotesCipher::for_tests_only();

  void assess(const std::map<std::string, std::string>& except = {}) {
    NeedsAnswers answers;
    for (const auto& d : casework::default_need_domains()) answers.ratings[d.code] = "none";
    answers.ratings["safety"] = "high";
    answers.ratings["finance"] = "medium";
    for (const auto& [k, v] : except) answers.ratings[k] = v;
    NeedsAssessment needs(*store_, clock_, cipher_);
    ASSERT_TRUE(needs.complete(advisor(), kCase, version(), answers));
  }

  casework::ClosingAnswers rated_again(const std::string& reason) {
    casework::ClosingAnswers a{reason, {}};
    for (const auto& d : casework::default_need_domains()) a.ratings[d.code] = "none";
    a.ratings["safety"] = "low";
    a.ratings["finance"] = "medium";
    return a;
  }
};

TEST_F(CaseClosureTest, ClosingMeasuresEachNeedsOutcomeAndClosesTheCase) {
  assess();
  CaseClosure closure(*store_, clock_);
  auto closed = closure.close(advisor(), kCase, version(), rated_again("support_completed"));
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->status, casework::CaseStatus::kClosed);
  auto view = closure.open(advisor(), kCase).value();
  ASSERT_TRUE(view.closure);
  EXPECT_EQ(view.closure->reason, "support_completed");
  EXPECT_EQ(view.closure->outcomes.at("safety"), "partly");
  EXPECT_EQ(view.closure->outcomes.at("finance"), "no");
  EXPECT_EQ(view.closure->outcomes.at("mental_health"), "no_need");
  ASSERT_TRUE(view.at_close);
  EXPECT_EQ(view.at_close->at("safety"), casework::NeedRating::kLow);
  auto events = store_->cases().events(kCase).value();
  EXPECT_EQ(events.back().kind, "case_closed");
  EXPECT_NE(events.back().detail.find(R"("partly":1)"), std::string::npos) << events.back().detail;
}

TEST_F(CaseClosureTest, ClosingWithoutRatingAgainIsRefusedAndNothingLands) {
  assess();
  CaseClosure closure(*store_, clock_);
  const auto before = version();
  auto refused =
      closure.close(advisor(), kCase, before, {"support_completed", {{"safety", "low"}}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "validation_failed");
  EXPECT_EQ(refused.error().fields.size(), casework::default_need_domains().size() - 1);
  EXPECT_EQ(version(), before);
  EXPECT_FALSE(closure.open(advisor(), kCase).value().closure);
  // The preview says the same without writing anything.
  EXPECT_FALSE(closure.preview(advisor(), kCase, {"support_completed", {}}));
  EXPECT_TRUE(closure.preview(advisor(), kCase, rated_again("support_completed")));
  EXPECT_EQ(version(), before);
}

TEST_F(CaseClosureTest, AClosedCaseNeitherClosesAgainNorTakesAnAssessment) {
  assess();
  CaseClosure closure(*store_, clock_);
  ASSERT_TRUE(closure.close(advisor(), kCase, version(), rated_again("declined_support")));
  auto again = closure.close(advisor(), kCase, version(), rated_again("other"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "conflict");
  NeedsAssessment needs(*store_, clock_, cipher_);
  NeedsAnswers answers;
  for (const auto& d : casework::default_need_domains()) answers.ratings[d.code] = "low";
  auto late = needs.complete(advisor(), kCase, version(), answers);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, "conflict");
}

TEST_F(CaseClosureTest, SomeoneTheCaseIsNotAllocatedToCannotCloseIt) {
  auto stranger = advisor();
  stranger.user_id = "00000000-0000-4000-8000-0000000000ff";
  CaseClosure closure(*store_, clock_);
  auto refused = closure.close(stranger, kCase, version(), {"declined_support", {}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "not_found");
}

}  // namespace
}  // namespace vg::app::testing
