#include "app/insight/demand_csv.h"

#include <gtest/gtest.h>

#include "support/insight_counts.h"

#include "domain/insight/population.h"

namespace vg::app {
namespace {

using namespace std::chrono;

insight::DemandReport report() {
  insight::DemandCounts now;
  now.referrals = 40;
  now.contacted = 30;
  now.by["channel"] = {{"police", 30}, {"self", 3}, {"partner", 7}};
  return insight::demand_report("merseyside", {year{2026} / January, year{2026} / March}, testing::of_one_stream(now),
                                {year{2025} / October, year{2025} / December}, {}, {});
}

TEST(DemandCsv, OneSelfDescribingLinePerFigureWithSuppressedCellsInWords) {
  const auto csv = demand_csv(report());
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "area,period,previous_period,figure,code,label,current,previous,change,current_percent,previous_percent,"
            "current_per_1000_residents,previous_per_1000_residents");
  EXPECT_NE(csv.find("merseyside,2026-01/2026-03,2025-10/2025-12,channel,self,Self-referral,fewer than 5,fewer than 5,hidden,,,,\r\n"),
            std::string::npos);
  EXPECT_NE(csv.find(",channel,partner,Partner agency,hidden,"), std::string::npos);
  EXPECT_NE(csv.find(",channel,police,Police,30,"), std::string::npos);
  EXPECT_NE(csv.find(",rates,contact,Contacted,30,fewer than 5,,75.0,,,\r\n"), std::string::npos);
  EXPECT_EQ(csv.find(",3,"), std::string::npos) << "the small count itself never appears";
}

TEST(DemandCsv, LocalAuthoritiesCarryTheirRatePerThousandResidentsWhenShown) {
  insight::DemandCounts now;
  now.referrals = 11;
  now.by["local_authority"] = {{"E08000012", 8}, {"E08000011", 3}};
  auto r = insight::demand_report("merseyside", {year{2026} / January, year{2026} / January}, testing::of_one_stream(now),
                                  {year{2025} / December, year{2025} / December}, {}, {});
  insight::add_per_thousand(r, {"Invented figures", {{"E08000012", 160000}, {"E08000011", 100000}}});
  const auto csv = demand_csv(r);
  // Liverpool is hidden (else 11 - 8 tells Knowsley's 3): no rate for either.
  EXPECT_NE(csv.find(",local_authority,E08000012,E08000012,hidden,fewer than 5,hidden,,,,\r\n"), std::string::npos) << csv;
  now.by["local_authority"] = {{"E08000012", 8}, {"E08000011", 6}};
  now.referrals = 14;
  r = insight::demand_report("merseyside", {year{2026} / January, year{2026} / January}, testing::of_one_stream(now),
                             {year{2025} / December, year{2025} / December}, {}, {});
  insight::add_per_thousand(r, {"Invented figures", {{"E08000012", 160000}, {"E08000011", 100000}}});
  // 8 of 160,000 is 0.05 per 1,000; 6 of 100,000 is 0.06.
  EXPECT_NE(demand_csv(r).find(",local_authority,E08000012,E08000012,8,fewer than 5,hidden,,,0.05,\r\n"),
            std::string::npos)
      << demand_csv(r);
  EXPECT_NE(demand_csv(r).find(",local_authority,E08000011,E08000011,6,fewer than 5,hidden,,,0.06,\r\n"),
            std::string::npos);
  EXPECT_EQ(r.population_source, "Invented figures");
}

TEST(DemandCsv, LabelsAreQuotedAndNeverTakenForFormulas) {
  auto r = report();
  r.tables.front().rows.front().label = "=HYPERLINK(\"x\"), y";
  const auto csv = demand_csv(r);
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"x\"\"), y\""), std::string::npos);
}

}  // namespace
}  // namespace vg::app
