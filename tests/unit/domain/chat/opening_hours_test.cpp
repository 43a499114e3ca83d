// An area's chat opening hours as its administrator writes them: day ranges, several spans a
// day, days not named closed, every bad line named at once; open from the start minute up to
// (not including) the end minute.
#include "domain/chat/opening_hours.h"

#include <gtest/gtest.h>

namespace vg::chat {
namespace {

using std::chrono::Friday;
using std::chrono::minutes;
using std::chrono::Monday;
using std::chrono::Saturday;
using std::chrono::Sunday;
using std::chrono::Wednesday;

TEST(OpeningHours, DayRangesAndSeveralSpansADayAndClosedDays) {
  auto hours = read_opening_hours(
      "# Merseyside\n\nmon-fri 08:00-20:00\r\nSaturday 10:00-13:00\nsaturday 14:00-16:00\n");
  ASSERT_TRUE(hours) << hours.error().message;
  EXPECT_FALSE(open_at(*hours, Monday, minutes(8 * 60 - 1)));
  EXPECT_TRUE(open_at(*hours, Monday, minutes(8 * 60)));
  EXPECT_TRUE(open_at(*hours, Wednesday, minutes(20 * 60 - 1)));
  EXPECT_FALSE(open_at(*hours, Friday, minutes(20 * 60))) << "closed from the end minute";
  EXPECT_TRUE(open_at(*hours, Saturday, minutes(10 * 60)));
  EXPECT_FALSE(open_at(*hours, Saturday, minutes(13 * 60 + 30)));
  EXPECT_TRUE(open_at(*hours, Saturday, minutes(15 * 60)));
  EXPECT_FALSE(open_at(*hours, Sunday, minutes(12 * 60))) << "a day not named is closed";
  EXPECT_EQ(describe(*hours), (std::vector<std::string>{"Monday: 8:00 to 20:00", "Tuesday: 8:00 to 20:00",
                                                        "Wednesday: 8:00 to 20:00", "Thursday: 8:00 to 20:00",
                                                        "Friday: 8:00 to 20:00",
                                                        "Saturday: 10:00 to 13:00, 14:00 to 16:00"}));
}

TEST(OpeningHours, ARangeMayWrapRoundTheWeekendAndADayMayRunToMidnight) {
  auto hours = read_opening_hours("fri-mon 00:00-24:00");
  ASSERT_TRUE(hours);
  EXPECT_TRUE(open_at(*hours, Sunday, minutes(23 * 60 + 59)));
  EXPECT_TRUE(open_at(*hours, Monday, minutes(0)));
  EXPECT_FALSE(open_at(*hours, Wednesday, minutes(12 * 60)));
}

TEST(OpeningHours, EveryBadLineIsNamedAtOnce) {
  auto hours = read_opening_hours("funday 09:00-17:00\nmonday 9-5\n\ntuesday 17:00-09:00\nwed 09:00-25:00");
  ASSERT_FALSE(hours);
  ASSERT_EQ(hours.error().fields.size(), 4u);
  EXPECT_EQ(hours.error().fields[0].field, "line 1");
  EXPECT_EQ(hours.error().fields[0].code, "unknown_day");
  EXPECT_EQ(hours.error().fields[1].field, "line 2");
  EXPECT_EQ(hours.error().fields[2].field, "line 4");
  EXPECT_EQ(hours.error().fields[3].field, "line 5");
}

TEST(OpeningHours, AnEmptyFileIsClosedEveryDay) {
  auto hours = read_opening_hours("");
  ASSERT_TRUE(hours);
  EXPECT_FALSE(open_at(*hours, Monday, minutes(600)));
  EXPECT_TRUE(describe(*hours).empty());
}

}  // namespace
}  // namespace vg::chat
