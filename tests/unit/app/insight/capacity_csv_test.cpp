#include "app/insight/capacity_csv.h"

#include <gtest/gtest.h>

namespace vg::app {
namespace {

using namespace std::chrono;

TEST(CapacityCsv, OneLinePerServiceAndTeamWithSmallCountsInWords) {
  const auto r = insight::capacity_report("merseyside", year{2026} / December / 6,
                                          {{"svc-a", "Alpha, Support", 0, 11}, {"svc-z", "Zeta", 40, 30}},
                                          {{"team-1", "North team", 1, 20, 2}});
  const auto csv = capacity_csv(r);
  EXPECT_EQ(csv,
            "area,as_at,kind,code,label,caseworkers,capacity,open_cases,percent_used\r\n"
            "merseyside,2026-12-06,service,svc-a,\"Alpha, Support\",,,11,\r\n"
            "merseyside,2026-12-06,service,svc-z,Zeta,,40,30,75.0\r\n"
            "merseyside,2026-12-06,team,team-1,North team,1,20,fewer than 5,\r\n");
}

}  // namespace
}  // namespace vg::app
