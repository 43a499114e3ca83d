#include "domain/insight/unit_costs.h"

#include <gtest/gtest.h>

namespace vg::insight {
namespace {

using namespace std::chrono;

constexpr std::string_view kFile =
    "# Invented figures\n"
    "stream victims_grant  Ministry of Justice victims' grant  \n"
    "\n"
    "2026-04 2027-03 caseworker-hour 27.50\r\n"
    "2026-04 2026-09 service svc-a 180 2.5\n"
    "2026-10 2027-03 service svc-a 200.5 0\n"
    "2026-04 2027-03 service svc-b 95.25 4\n";

TEST(ReadUnitCosts, StreamsRatesAndServices) {
  auto costs = read_unit_costs(kFile);
  ASSERT_TRUE(costs.has_value()) << costs.error().message;
  EXPECT_EQ(costs->stream_names.at("victims_grant"), "Ministry of Justice victims' grant");
  ASSERT_EQ(costs->caseworker_rates.size(), 1u);
  EXPECT_EQ(costs->caseworker_rates[0].pence_per_hour, 2750);
  ASSERT_EQ(costs->services.size(), 3u);
  EXPECT_EQ(costs->services[0].pence_per_case, 18000);
  EXPECT_EQ(costs->services[0].caseworker_centihours, 250);
  EXPECT_EQ(costs->services[1].pence_per_case, 20050);
  EXPECT_EQ(costs->services[1].months, (MonthRange{year{2026} / October, year{2027} / March}));
}

TEST(CaseCost, ThePricePlusTheHoursAtTheMonthsRate) {
  const auto costs = read_unit_costs(kFile).value();
  // 180.00 + 2.5 hours at 27.50 = 248.75
  EXPECT_EQ(case_cost(costs, "svc-a", year{2026} / May), 24875);
  EXPECT_EQ(case_cost(costs, "svc-a", year{2026} / November), 20050);
  // 95.25 + 4 x 27.50 = 205.25
  EXPECT_EQ(case_cost(costs, "svc-b", year{2027} / March), 20525);
  EXPECT_EQ(case_cost(costs, "svc-b", year{2027} / April), std::nullopt) << "no line for the month";
  EXPECT_EQ(case_cost(costs, "svc-c", year{2026} / May), std::nullopt) << "no line for the service";
}

TEST(CaseCost, HoursWithNoRateAreNotPriced) {
  const auto costs = read_unit_costs("2026-01 2026-12 service svc-a 10 1\n").value();
  EXPECT_EQ(case_cost(costs, "svc-a", year{2026} / May), std::nullopt);
}

TEST(ReadUnitCosts, EveryBadLineAtOnce) {
  auto costs = read_unit_costs(
      "stream Bad-Code name\n"
      "2026-13 2027-01 caseworker-hour 10\n"
      "2026-05 2026-01 caseworker-hour 10\n"
      "2026-01 2026-12 caseworker-hour 10.555\n"
      "2026-01 2026-12 caseworker-hour 10\n"
      "2026-06 2026-06 caseworker-hour 11\n"
      "2026-01 2026-12 service svc-a 10\n"
      "2026-01 2026-12 lunch 10\n"
      "stream victims_grant A\n"
      "stream victims_grant B\n"
      "2026-01 2026-06 service svc-a 10 1\n"
      "2026-06 2026-12 service svc-a 10 1\n");
  ASSERT_FALSE(costs.has_value());
  EXPECT_EQ(costs.error().code, "validation_failed");
  std::vector<std::string> got;
  for (const auto& f : costs.error().fields) got.push_back(f.field + ":" + f.code);
  EXPECT_EQ(got, (std::vector<std::string>{"line 1:invalid", "line 2:invalid_month", "line 3:months_reversed",
                                           "line 4:invalid_amount", "line 6:overlaps", "line 7:invalid",
                                           "line 8:unknown_kind", "line 10:repeated", "line 12:overlaps"}));
}

TEST(PoundsText, CommasAndPence) {
  EXPECT_EQ(pounds_text(0), "£0.00");
  EXPECT_EQ(pounds_text(24875), "£248.75");
  EXPECT_EQ(pounds_text(123456789), "£1,234,567.89");
  EXPECT_EQ(pounds_text(100000), "£1,000.00");
}

}  // namespace
}  // namespace vg::insight
