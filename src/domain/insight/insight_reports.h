// The demand and support figures of one area and period, from the same counts: both are the
// all-streams figures of the period's split by funding stream (stream_split.h), suppressed as
// one, so a figure both publish (the referrals contacted, assessed and supported, the repeat
// victims) is hidden on both or on neither, and the one shown on one page can never recover a
// small figure the other hid. Pure.
#pragma once

#include <string>

#include "domain/insight/demand.h"
#include "domain/insight/support.h"

namespace vg::insight {

struct InsightReports {
  DemandReport demand;
  SupportReport support;
};

InsightReports insight_reports(const std::string& area, const MonthPeriod& period, const DemandCounts& current,
                               const MonthPeriod& previous_months, const DemandCounts& previous,
                               const FigureLabels& labels, int threshold = kDefaultSuppressionThreshold);

}  // namespace vg::insight
