#include "app/insight/support_csv.h"

#include <gtest/gtest.h>

#include "support/insight_counts.h"

namespace vg::app {
namespace {

using namespace std::chrono;

insight::SupportReport report() {
  insight::DemandCounts now;
  now.referrals = 40;
  now.contacted = 15;
  now.by["days_to_contact"] = {{"0", 12}, {"1", 3}};
  now.by["need_at_assessment"] = {{"safety:high", 8}, {"safety:none", 7}};
  now.by["onward"] = {{"svc-a:completed", 9}, {"svc-a:sent", 6}};
  return insight::support_report("merseyside", {year{2026} / January, year{2026} / March}, testing::of_one_stream(now),
                                 {year{2025} / October, year{2025} / December}, {},
                                 {{"need", {{"safety", "Feeling safe"}}}, {"service", {{"svc-a", "Alpha, Support"}}}});
}

TEST(SupportCsv, OneLinePerFigureAndColumnWithSuppressedCellsInWords) {
  const auto csv = support_csv(report());
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")), "area,period,figure,code,label,column,column_label,months,value,state");
  EXPECT_NE(csv.find("merseyside,2026-01/2026-03,days_to_contact,0,Same day,current,This period,2026-01/2026-03,"
                     "12,shown\r\n"),
            std::string::npos);
  EXPECT_NE(csv.find(",days_to_contact,1,1 day,current,This period,2026-01/2026-03,fewer than 5,fewer_than_threshold\r\n"),
            std::string::npos);
  EXPECT_NE(csv.find(",days_to_contact,0,Same day,previous,Period before,2025-10/2025-12,fewer than 5,"),
            std::string::npos);
  EXPECT_NE(csv.find(",days_to_contact,total,Total,current,This period,2026-01/2026-03,15,shown\r\n"),
            std::string::npos);
  EXPECT_NE(csv.find(",needs,safety,Feeling safe,high,A lot,2026-01/2026-03,8,shown\r\n"), std::string::npos);
  EXPECT_NE(csv.find(",needs,safety,Feeling safe,total,Total,2026-01/2026-03,15,shown\r\n"), std::string::npos);
  EXPECT_NE(csv.find(",onward,svc-a,\"Alpha, Support\",completed,Completed,2026-01/2026-03,9,shown\r\n"),
            std::string::npos)
      << "a service name with a comma is quoted";
  EXPECT_NE(csv.find(",onward,total,Total,total,Total,2026-01/2026-03,15,shown\r\n"), std::string::npos);
}

}  // namespace
}  // namespace vg::app
