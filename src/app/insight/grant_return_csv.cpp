#include "app/insight/grant_return_csv.h"

#include "app/insight/csv_lines.h"

namespace vg::app {

std::string grant_return_csv(const insight::GrantReturn& r) {
  const std::string period = insight::month_code(r.period.first) + "/" + insight::month_code(r.period.last);
  std::string out;
  csv_line(out, {"area", "period", "funding_stream", "funding_stream_label", "measure", "need", "outcome", "basic",
                 "enhanced", "total"});
  auto line = [&](const insight::GrantReturnLine& l, const std::string& measure, const std::string& need,
                  const std::string& outcome, const insight::RightsSplit& n) {
    csv_line(out, {r.area, period, l.funding_stream, l.label, measure, need, outcome, std::to_string(n.basic),
                   std::to_string(n.enhanced), std::to_string(n.all())});
  };
  auto lines = [&](const insight::GrantReturnLine& l) {
    line(l, "referred", "", "", l.referred);
    line(l, "contacted", "", "", l.contacted);
    line(l, "supported", "", "", l.supported);
    line(l, "closed", "", "", l.closed);
    for (const auto& [need, by_outcome] : l.outcomes) {
      for (const auto& [outcome, n] : by_outcome) line(l, "outcome", need, outcome, n);
    }
  };
  for (const auto& l : r.streams) lines(l);
  lines(r.all);
  return out;
}

}  // namespace vg::app
