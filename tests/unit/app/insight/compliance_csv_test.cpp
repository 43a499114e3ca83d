#include "app/insight/compliance_csv.h"

#include <gtest/gtest.h>

#include "app/insight/csv_lines.h"

namespace vg::app {
namespace {

using namespace std::chrono;

TEST(ComplianceCsv, EveryLineSuppressedTheSameWayAndNotRecordedInWords) {
  insight::FactGroup g;
  g.service_id = "svc-a";
  g.funding_stream = "victims_grant";
  g.first_contact = {27, 3};
  const auto report = insight::compliance_report("merseyside", {year{2026} / January, year{2026} / January}, {g},
                                                 {year{2025} / December, year{2025} / December}, {},
                                                 {{"svc-a", "Alpha, the service"}});
  const auto csv = compliance_csv(report);
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "area,period,previous_period,entitlement,entitlement_label,service_id,service,funding_stream,"
            "funding_stream_label,met,breached,evidenced,"
            "percent_met,previous_met,previous_breached,previous_evidenced,previous_percent_met,"
            "change_percentage_points");
  // 3 breached is small, so 27 is hidden with it; the 30 evidenced stays.
  EXPECT_NE(csv.find("merseyside,2026-01/2026-01,2025-12/2025-12,first_contact,First contact within the service "
                     "level,svc-a,\"Alpha, the service\",all_streams,All streams,hidden,fewer than 5,30,,fewer than 5,"
                     "fewer than 5,fewer than 5,,\r\n"),
            std::string::npos)
      << csv;
  // All services by stream: the same one table's figures, suppressed alike.
  EXPECT_NE(csv.find(",first_contact,First contact within the service level,total,All services,victims_grant,"
                     "Victims' grant (Ministry of Justice),hidden,fewer than 5,30,,fewer than 5,fewer than 5,"
                     "fewer than 5,,\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find(",restorative_justice,Told about restorative justice,total,All services,all_streams,All streams,not "
                     "recorded,not "
                     "recorded,not recorded,,not recorded,not recorded,not recorded,,\r\n"),
            std::string::npos)
      << csv;
}

TEST(ComplianceCsv, PercentToOneDecimal) {
  EXPECT_EQ(decimal_field(67.46), "67.5");
  EXPECT_EQ(decimal_field(0.0812, 2), "0.08");
  EXPECT_EQ(decimal_field(std::nullopt), "");
}

}  // namespace
}  // namespace vg::app
