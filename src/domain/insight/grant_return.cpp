#include "domain/insight/grant_return.h"

#include "domain/insight/funding_stream.h"

namespace vg::insight {
namespace {

void add(RightsSplit& split, bool enhanced, std::int64_t n) { (enhanced ? split.enhanced : split.basic) += n; }

void add_group(GrantReturnLine& line, const FactGroup& g) {
  add(line.referred, g.enhanced, g.referrals);
  add(line.contacted, g.enhanced, g.contacted);
  add(line.supported, g.enhanced, g.supported);
  add(line.closed, g.enhanced, g.closed);
  for (const auto& [need, counts] : g.outcomes) {
    for (const auto& [outcome, n] : counts) add(line.outcomes[need][outcome], g.enhanced, n);
  }
}

}  // namespace

GrantReturn grant_return(const std::string& area, const MonthPeriod& period, const std::vector<FactGroup>& groups,
                         const std::map<std::string, std::string>& stream_names) {
  GrantReturn out;
  out.area = area;
  out.period = period;
  out.all.funding_stream = "all";
  out.all.label = "All funding streams";
  std::map<std::string, GrantReturnLine> by_stream;
  for (const auto& g : groups) {
    auto& line = by_stream[g.funding_stream];
    add_group(line, g);
    add_group(out.all, g);
  }
  for (auto& [code, line] : by_stream) {
    line.funding_stream = code;
    line.label = funding_stream_label(code, stream_names);
    out.streams.push_back(std::move(line));
  }
  return out;
}

}  // namespace vg::insight
