#include "domain/casework/deadline_breach.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

using namespace std::chrono;

TEST(DeadlineBreachTest, BreachedOnlyAfterTheWholeDueDay) {
  const Date due = year(2026) / December / 4;  // a Friday
  EXPECT_FALSE(deadline_breached(due, year(2026) / December / 3));
  EXPECT_FALSE(deadline_breached(due, due));
  EXPECT_TRUE(deadline_breached(due, year(2026) / December / 5));  // Saturday: already missed
}

TEST(DeadlineBreachTest, TaskWordsAndReasonCodes) {
  EXPECT_NE(deadline_breach_title("first_contact").find("first contact attempt"), std::string::npos);
  EXPECT_NE(deadline_breach_title("needs_assessment").find("needs assessment"), std::string::npos);
  EXPECT_EQ(deadline_breach_reason("first_contact"), "deadline_breach:first_contact");
}

}  // namespace
}  // namespace vg::casework
