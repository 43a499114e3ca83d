#include "app/deadlines/bank_holiday_calendar.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace vg::app {
namespace {

using namespace std::chrono;

year_month_day date(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

const std::string kDataFile =
    std::string(VG_SOURCE_DIR) + "/data/calendar/bank-holidays-england-and-wales.json";

TEST(BankHolidayCalendarEmbedded, LoadsAndCovers2018To2032) {
  const auto& calendar = england_and_wales_bank_holidays();
  auto range = calendar.covered_years();
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->first, year{2018});
  EXPECT_EQ(range->last, year{2032});
  EXPECT_TRUE(calendar.is_bank_holiday(date(2022, 6, 3)));   // Platinum Jubilee
  EXPECT_TRUE(calendar.is_bank_holiday(date(2022, 9, 19)));  // State Funeral
  EXPECT_TRUE(calendar.is_bank_holiday(date(2023, 5, 8)));   // Coronation
  EXPECT_FALSE(calendar.is_bank_holiday(date(2020, 5, 4)));  // moved to VE Day, 8 May
}

TEST(BankHolidayCalendarEmbedded, MatchesTheFileInData) {
  auto from_disk = load_bank_holidays_file(kDataFile);
  ASSERT_TRUE(from_disk.has_value()) << from_disk.error().message;
  EXPECT_EQ(*from_disk, england_and_wales_bank_holidays());
}

TEST(BankHolidayCalendarFile, MissingFileIsNotFound) {
  auto loaded = load_bank_holidays_file(kDataFile + ".missing");
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, "not_found");
}

TEST(BankHolidayCalendarFile, BadFileReportsJsonPaths) {
  auto path = std::filesystem::temp_directory_path() /
              ("vg-bank-holidays-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(path);
    out << R"({"division": "england-and-wales", "events": [{"date": "2022-02-30"}]})";
  }
  auto loaded = load_bank_holidays_file(path.string());
  std::filesystem::remove(path);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, "validation_failed");
  ASSERT_EQ(loaded.error().fields.size(), 1u);
  EXPECT_EQ(loaded.error().fields[0].field, "$.events[0].date");
}

}  // namespace
}  // namespace vg::app
