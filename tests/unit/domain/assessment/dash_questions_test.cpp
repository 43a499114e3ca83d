// The DASH and S-DASH checklists' words: as many questions as the answers they are kept with.
#include "domain/assessment/dash_questions.h"

#include <gtest/gtest.h>

namespace vg::assessment {
namespace {

TEST(DashQuestions, TwentyFourDashQuestionsEachWorded) {
  ASSERT_EQ(dash_questions().size(), 24u);
  for (auto q : dash_questions()) {
    EXPECT_FALSE(q.empty());
    EXPECT_EQ(q.back(), '?') << q;
  }
  EXPECT_EQ(dash_questions()[0], "Has the current incident resulted in injury?");
  EXPECT_NE(dash_questions()[14].find("strangle"), std::string_view::npos);
}

TEST(DashQuestions, ElevenSdashQuestionsEachWorded) {
  ASSERT_EQ(sdash_questions().size(), 11u);
  for (auto q : sdash_questions()) {
    EXPECT_FALSE(q.empty());
    EXPECT_EQ(q.back(), '?') << q;
  }
}

}  // namespace
}  // namespace vg::assessment
