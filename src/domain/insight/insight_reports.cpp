#include "domain/insight/insight_reports.h"

namespace vg::insight {

InsightReports insight_reports(const std::string& area, const MonthPeriod& period, const DemandCounts& current,
                               const MonthPeriod& previous_months, const DemandCounts& previous,
                               const FigureLabels& labels, int threshold) {
  // Each period split once, for both pages.
  auto now = stream_split(current, labels, threshold);
  auto before = stream_split(previous, labels, threshold);
  auto support = support_report(area, period, now, previous_months, before, labels, threshold);
  return InsightReports{
      demand_report(area, period, std::move(now), previous_months, before, labels, threshold), std::move(support)};
}

}  // namespace vg::insight
