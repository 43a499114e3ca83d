#include "domain/insight/insight_reports.h"

namespace vg::insight {

InsightReports insight_reports(const std::string& area, const MonthPeriod& period, const DemandCounts& current,
                               const MonthPeriod& previous_months, const DemandCounts& previous,
                               const FigureLabels& labels, int threshold) {
  return InsightReports{demand_report(area, period, current, previous_months, previous, labels, threshold),
                        support_report(area, period, current, previous_months, previous, labels, threshold)};
}

}  // namespace vg::insight
