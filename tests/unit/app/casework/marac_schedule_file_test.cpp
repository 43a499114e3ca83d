// Reading an area's marac.json: the defaults for what it leaves out, every mistake at its path.
#include "app/casework/marac_schedule_file.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/read_file.h"

namespace vg::app {
namespace {

using namespace std::chrono;

TEST(MaracScheduleFile, ReadsWeekdayDatesAndLead) {
  auto s = parse_marac_schedule(
      R"({"description": "x", "meeting_weekday": "tuesday", "meeting_dates": ["2027-01-12", "2026-12-08"],
          "referral_working_days_before": 2})");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->weekday, Tuesday);
  ASSERT_EQ(s->meeting_dates.size(), 2u);
  EXPECT_EQ(s->meeting_dates[0], year{2026} / 12 / 8);  // sorted
  EXPECT_EQ(s->referral_working_days_before, 2);
}

TEST(MaracScheduleFile, EmptyObjectMeansTheDefaults) {
  auto s = parse_marac_schedule("{}");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->weekday, Thursday);
  EXPECT_TRUE(s->meeting_dates.empty());
  EXPECT_EQ(s->referral_working_days_before, 3);
}

TEST(MaracScheduleFile, EveryMistakeAtItsPath) {
  auto s = parse_marac_schedule(
      R"({"meeting_day": "thursday", "meeting_weekday": "Thursday", "meeting_dates": ["10/12/2026"],
          "referral_working_days_before": 99})");
  ASSERT_FALSE(s);
  std::vector<std::string> fields;
  for (const auto& f : s.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"$.meeting_day", "$.meeting_weekday", "$.meeting_dates[0]",
                                      "$.referral_working_days_before"}));
}

TEST(MaracScheduleFile, ShippedAreaFilesAreValid) {
  for (const char* area : {"greater-manchester", "merseyside", "staffordshire"}) {
    auto text =
        read_file(std::filesystem::path(VG_SOURCE_DIR) / "config" / "areas" / area / "marac.json");
    ASSERT_TRUE(text) << area;
    EXPECT_TRUE(parse_marac_schedule(*text)) << area;
  }
}

}  // namespace
}  // namespace vg::app
