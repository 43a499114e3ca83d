// The counts behind the cost estimates (cost.h) of one period, suppressed as part of the period's
// split by funding stream (stream_split.h): for each measure (the cases routing gave a service,
// the victims of them supported, their needs better able to cope and recover at close) a table of
// services by stream. Each stream's column adds up to a figure other pages may publish (the
// referrals of the stream, when routing gave every one of them a service; its supported), so the
// columns' totals and the measure's total go by those figures' names (shared_figures.h): a stream's
// supported the streams page hides cannot be had by adding up the cost page's rows, and a total the
// cost rows must hide is hidden on the other pages too. Pure.
#pragma once

#include <string>
#include <vector>

#include "domain/insight/demand_counts.h"
#include "domain/insight/shared_figures.h"

namespace vg::insight {

// The measures, in order: the DemandCounts dimension (value: service id) each is counted under.
inline const std::vector<std::string> kCostMeasures = {"cost_cases", "cost_supported", "cost_improved"};

struct CostSplit {
  std::vector<std::string> services;  // rows, by id (an order no page's words can change)
  std::vector<std::string> streams;   // columns, in funding order
  std::vector<SuppressedTable> measures;  // kCostMeasures' order: [service][stream], columns totalled
  std::vector<Cell> totals;               // each measure over every service and stream
};

// One round of the split's suppression (shared_figures.h).
CostSplit cost_split(const DemandCounts& counts, int threshold, HiddenFigures& hidden);

}  // namespace vg::insight
