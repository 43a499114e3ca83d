#include "domain/insight/cost_split.h"

#include <set>

#include "domain/insight/funding_stream.h"

namespace vg::insight {
namespace {

// The figure each measure's columns and total add up to, by the name other pages publish it under.
const std::vector<std::string> kMeasureNames = {"referrals", "supported", "improved"};

}  // namespace

CostSplit cost_split(const DemandCounts& counts, int threshold, HiddenFigures& hidden) {
  CostSplit out;
  std::set<std::string> services, streams;
  for (const auto& [stream, figures] : counts.by_stream) {
    for (const auto& measure : kCostMeasures) {
      auto it = figures.find(measure);
      if (it == figures.end()) continue;
      streams.insert(stream);
      for (const auto& [service, n] : it->second) services.insert(service);
    }
  }
  out.services.assign(services.begin(), services.end());
  out.streams = in_funding_order(streams);
  // A service and stream with nothing counted in any measure has no row on the cost page: its 0s
  // are known, not protected.
  std::vector<std::vector<bool>> absent;
  for (const auto& service : out.services) {
    std::vector<bool> line;
    for (const auto& stream : out.streams) {
      bool counted = false;
      for (const auto& measure : kCostMeasures) counted = counted || figure_of(counts, stream, measure, service) > 0;
      line.push_back(!counted);
    }
    absent.push_back(std::move(line));
  }
  for (std::size_t m = 0; m < kCostMeasures.size(); ++m) {
    SharedTable by_service;
    by_service.rows_totalled = false;
    by_service.rules.absent = absent;
    for (const auto& service : out.services) {
      std::vector<std::int64_t> line;
      for (const auto& stream : out.streams) line.push_back(figure_of(counts, stream, kCostMeasures[m], service));
      by_service.counts.push_back(std::move(line));
    }
    // The streams' totals as one row adding up to the measure's total.
    SharedTable totals;
    totals.columns_totalled = false;
    totals.counts.emplace_back();
    totals.cells.emplace_back();
    for (std::size_t c = 0; c < out.streams.size(); ++c) {
      by_service.column_totals.push_back({in_stream(kMeasureNames[m], out.streams[c])});
      std::int64_t sum = 0;
      for (const auto& line : by_service.counts) sum += line[c];
      totals.counts[0].push_back(sum);
      totals.cells[0].push_back(by_service.column_totals.back());
    }
    totals.row_totals = {{kMeasureNames[m]}};
    out.measures.push_back(suppress_shared(by_service, threshold, hidden));
    out.totals.push_back(suppress_shared(totals, threshold, hidden).row_totals[0]);
  }
  return out;
}

}  // namespace vg::insight
