#include "app/insight/cost_csv.h"

#include <gtest/gtest.h>

#include "support/insight_counts.h"

namespace vg::app {
namespace {

using namespace std::chrono;

insight::FactGroup group(std::string service, std::int64_t referrals, std::int64_t supported) {
  insight::FactGroup g;
  g.service_id = std::move(service);
  g.funding_stream = "victims_grant";
  g.referrals = referrals;
  g.supported = supported;
  return g;
}

TEST(CostCsv, EveryRowAndTheTotalAmountsInPoundsSuppressedCountsInWords) {
  const auto costs = insight::read_unit_costs("2026-01 2026-01 service svc-a 199.5 0\n").value();
  const auto report = testing::cost_of("merseyside", {year{2026} / January, year{2026} / January},
                                           {group("svc-a", 11, 3)}, costs, {{"svc-a", "Alpha, the service"}});
  const auto csv = cost_csv(report);
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "area,period,service_id,service,funding_stream,funding_stream_label,cases,supported,improved_outcomes,"
            "unit_cost_estimate,cost_estimate,per_case_estimate,per_supported_estimate,per_improved_estimate,"
            "partly_priced");
  EXPECT_NE(csv.find("merseyside,2026-01/2026-01,svc-a,\"Alpha, the service\",victims_grant,Victims' grant (Ministry "
                     "of Justice),11,fewer than 5,fewer than 5,199.50,2194.50,199.50,,,no\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find(",total,All services,,,11,fewer than 5,fewer than 5,,2194.50,199.50,,,no\r\n"), std::string::npos)
      << csv;
}

}  // namespace
}  // namespace vg::app
