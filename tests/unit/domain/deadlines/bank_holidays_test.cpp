#include "domain/deadlines/bank_holidays.h"

#include <gtest/gtest.h>

#include <string>

namespace vg::deadlines {
namespace {

using namespace std::chrono;

year_month_day date(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

// The first problem's field and code, or "" when it parsed.
std::string first_error(const Result<BankHolidayCalendar>& parsed) {
  if (parsed) return "";
  EXPECT_EQ(parsed.error().code, "validation_failed");
  if (parsed.error().fields.empty()) return "(no field)";
  return parsed.error().fields.front().field + " " + parsed.error().fields.front().code;
}

TEST(BankHolidayCalendar, WeekendsAndBankHolidaysAreNotWorkingDays) {
  BankHolidayCalendar calendar({date(2022, 6, 2), date(2022, 6, 3)});
  EXPECT_TRUE(calendar.is_bank_holiday(date(2022, 6, 3)));
  EXPECT_FALSE(calendar.is_bank_holiday(date(2022, 6, 1)));
  EXPECT_TRUE(calendar.is_working_day(date(2022, 6, 1)));    // Wednesday
  EXPECT_FALSE(calendar.is_working_day(date(2022, 6, 2)));   // Thursday, holiday
  EXPECT_FALSE(calendar.is_working_day(date(2022, 6, 4)));   // Saturday
  EXPECT_FALSE(calendar.is_working_day(date(2022, 6, 5)));   // Sunday
  EXPECT_TRUE(calendar.is_working_day(date(2022, 6, 6)));    // Monday
}

TEST(BankHolidayCalendar, OrderAndDuplicatesOfInputDoNotMatter) {
  BankHolidayCalendar calendar({date(2023, 5, 8), date(2022, 9, 19), date(2023, 5, 8)});
  ASSERT_EQ(calendar.dates().size(), 2u);
  EXPECT_EQ(calendar.dates().front(), date(2022, 9, 19));
  EXPECT_TRUE(calendar.is_bank_holiday(date(2023, 5, 8)));
}

TEST(BankHolidayCalendar, CoveredYearsRunFromFirstToLastHolidayYear) {
  BankHolidayCalendar calendar({date(2019, 12, 25), date(2018, 1, 1), date(2020, 5, 8)});
  auto range = calendar.covered_years();
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->first, year{2018});
  EXPECT_EQ(range->last, year{2020});
  EXPECT_TRUE(calendar.covers(date(2018, 1, 1)));
  EXPECT_TRUE(calendar.covers(date(2020, 12, 31)));
  EXPECT_FALSE(calendar.covers(date(2017, 12, 31)));
  EXPECT_FALSE(calendar.covers(date(2021, 1, 1)));
}

TEST(BankHolidayCalendar, EmptyCalendarCoversNothingAndSkipsOnlyWeekends) {
  BankHolidayCalendar calendar;
  EXPECT_FALSE(calendar.covered_years().has_value());
  EXPECT_FALSE(calendar.covers(date(2022, 12, 25)));
  EXPECT_TRUE(calendar.is_working_day(date(2022, 12, 26)));
}

TEST(BankHolidayJson, DivisionShapeParses) {
  auto parsed = parse_bank_holidays_json(R"({"division": "england-and-wales", "events": [
      {"title": "Platinum Jubilee bank holiday", "date": "2022-06-03", "notes": "", "bunting": true},
      {"title": "Spring bank holiday", "date": "2022-06-02", "notes": "", "bunting": true}]})");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_TRUE(parsed->is_bank_holiday(date(2022, 6, 2)));
  EXPECT_TRUE(parsed->is_bank_holiday(date(2022, 6, 3)));
  EXPECT_EQ(parsed->dates().size(), 2u);
}

TEST(BankHolidayJson, WholeGovUkDocumentYieldsOnlyEnglandAndWales) {
  auto parsed = parse_bank_holidays_json(R"({
      "england-and-wales": {"division": "england-and-wales",
                            "events": [{"title": "Boxing Day", "date": "2022-12-26"}]},
      "scotland": {"division": "scotland",
                   "events": [{"title": "2nd January", "date": "2023-01-02"},
                              {"title": "St Andrew's Day", "date": "2022-11-30"}]}})");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_TRUE(parsed->is_bank_holiday(date(2022, 12, 26)));
  EXPECT_FALSE(parsed->is_bank_holiday(date(2022, 11, 30)));
}

TEST(BankHolidayJson, NotJsonIsAnErrorAtTheRoot) {
  EXPECT_EQ(first_error(parse_bank_holidays_json("{\"division\": ")), "$ json");
  EXPECT_EQ(first_error(parse_bank_holidays_json("[]")), "$ type");
}

TEST(BankHolidayJson, MissingEventsIsAFieldError) {
  EXPECT_EQ(first_error(parse_bank_holidays_json(R"({"division": "england-and-wales"})")),
            "$.events required");
  EXPECT_EQ(first_error(parse_bank_holidays_json(
                R"({"division": "england-and-wales", "events": {}})")),
            "$.events type");
  EXPECT_EQ(first_error(parse_bank_holidays_json(
                R"({"division": "england-and-wales", "events": []})")),
            "$.events empty");
}

TEST(BankHolidayJson, MissingOrOtherDivisionIsAFieldError) {
  EXPECT_EQ(first_error(parse_bank_holidays_json(R"({"events": [{"date": "2022-06-03"}]})")),
            "$.division required");
  EXPECT_EQ(first_error(parse_bank_holidays_json(
                R"({"division": "scotland", "events": [{"date": "2022-11-30"}]})")),
            "$.division invalid");
}

TEST(BankHolidayJson, BadDatesAreNamedByTheirJsonPath) {
  auto parsed = parse_bank_holidays_json(R"({"division": "england-and-wales", "events": [
      {"date": "2022-06-03"}, {"date": "2022-02-30"}, {"date": "3 June 2022"}, {"date": 20220603},
      {"title": "no date"}, "not an object"]})");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, "validation_failed");
  const auto& fields = parsed.error().fields;
  ASSERT_EQ(fields.size(), 5u);  // every problem at once, not just the first
  EXPECT_EQ(fields[0].field, "$.events[1].date");
  EXPECT_EQ(fields[0].code, "invalid");
  EXPECT_EQ(fields[1].field, "$.events[2].date");
  EXPECT_EQ(fields[2].field, "$.events[3].date");
  EXPECT_EQ(fields[3].field, "$.events[4].date");
  EXPECT_EQ(fields[3].code, "required");
  EXPECT_EQ(fields[4].field, "$.events[5]");
  EXPECT_EQ(fields[4].code, "type");
}

TEST(BankHolidayJson, ErrorsInsideTheWholeDocumentNameTheDivision) {
  EXPECT_EQ(first_error(parse_bank_holidays_json(R"({"england-and-wales":
      {"division": "england-and-wales", "events": [{"date": "2022-13-01"}]}})")),
            "$['england-and-wales'].events[0].date invalid");
}

}  // namespace
}  // namespace vg::deadlines
