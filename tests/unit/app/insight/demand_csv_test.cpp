#include "app/insight/demand_csv.h"

#include <gtest/gtest.h>

namespace vg::app {
namespace {

using namespace std::chrono;

insight::DemandReport report() {
  insight::DemandCounts now;
  now.referrals = 40;
  now.contacted = 30;
  now.by["channel"] = {{"police", 30}, {"self", 3}, {"partner", 7}};
  return insight::demand_report("merseyside", {year{2026} / January, year{2026} / March}, now,
                                {year{2025} / October, year{2025} / December}, {}, {});
}

TEST(DemandCsv, OneSelfDescribingLinePerFigureWithSuppressedCellsInWords) {
  const auto csv = demand_csv(report());
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "area,period,previous_period,figure,code,label,current,previous,change,current_percent,previous_percent");
  EXPECT_NE(csv.find("merseyside,2026-01/2026-03,2025-10/2025-12,channel,self,Self-referral,fewer than 5,fewer than 5,hidden,,\r\n"),
            std::string::npos);
  EXPECT_NE(csv.find(",channel,partner,Partner agency,hidden,"), std::string::npos);
  EXPECT_NE(csv.find(",channel,police,Police,30,"), std::string::npos);
  EXPECT_NE(csv.find(",rates,contact,Contacted,30,fewer than 5,,75.0,\r\n"), std::string::npos);
  EXPECT_EQ(csv.find(",3,"), std::string::npos) << "the small count itself never appears";
}

TEST(DemandCsv, LabelsAreQuotedAndNeverTakenForFormulas) {
  auto r = report();
  r.tables.front().rows.front().label = "=HYPERLINK(\"x\"), y";
  const auto csv = demand_csv(r);
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"x\"\"), y\""), std::string::npos);
}

}  // namespace
}  // namespace vg::app
