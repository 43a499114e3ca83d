#include "app/insight/grant_return_csv.h"

#include <gtest/gtest.h>

namespace vg::app {
namespace {

using namespace std::chrono;

TEST(GrantReturnCsv, ExactCountsOneLinePerStreamMeasureAndOutcome) {
  insight::FactGroup g;
  g.service_id = "svc-a";
  g.funding_stream = "victims_grant";
  g.enhanced = true;
  g.referrals = 2;
  g.contacted = 1;
  g.closed = 2;
  g.outcomes = {{"safety", {{"yes", g.referrals}}}};
  const auto csv = grant_return_csv(
      insight::grant_return("merseyside", {year{2026} / January, year{2026} / March}, {g}));
  EXPECT_EQ(csv,
            "area,period,funding_stream,funding_stream_label,measure,need,outcome,basic,enhanced,total\r\n"
            "merseyside,2026-01/2026-03,victims_grant,Victims' grant (Ministry of Justice),referred,,,0,2,2\r\n"
            "merseyside,2026-01/2026-03,victims_grant,Victims' grant (Ministry of Justice),contacted,,,0,1,1\r\n"
            "merseyside,2026-01/2026-03,victims_grant,Victims' grant (Ministry of Justice),supported,,,0,0,0\r\n"
            "merseyside,2026-01/2026-03,victims_grant,Victims' grant (Ministry of Justice),closed,,,0,2,2\r\n"
            "merseyside,2026-01/2026-03,victims_grant,Victims' grant (Ministry of Justice),outcome,safety,yes,0,2,2\r\n"
            "merseyside,2026-01/2026-03,all,All funding streams,referred,,,0,2,2\r\n"
            "merseyside,2026-01/2026-03,all,All funding streams,contacted,,,0,1,1\r\n"
            "merseyside,2026-01/2026-03,all,All funding streams,supported,,,0,0,0\r\n"
            "merseyside,2026-01/2026-03,all,All funding streams,closed,,,0,2,2\r\n"
            "merseyside,2026-01/2026-03,all,All funding streams,outcome,safety,yes,0,2,2\r\n");
}

}  // namespace
}  // namespace vg::app
