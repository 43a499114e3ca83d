#include "app/insight/cost_csv.h"

#include "app/insight/csv_lines.h"
#include "domain/insight/demand.h"

namespace vg::app {
namespace {

std::string pounds(const std::optional<std::int64_t>& pence) {
  if (!pence) return "";
  const auto p = *pence % 100;
  return std::to_string(*pence / 100) + "." + (p < 10 ? "0" : "") + std::to_string(p);
}

}  // namespace

std::string cost_csv(const insight::CostReport& r) {
  const auto t = r.threshold;
  const std::string period = insight::month_code(r.period.first) + "/" + insight::month_code(r.period.last);
  std::string out;
  csv_line(out, {"area", "period", "service_id", "service", "funding_stream", "funding_stream_label", "cases",
                 "supported", "improved_outcomes", "unit_cost_estimate", "cost_estimate", "per_case_estimate",
                 "per_supported_estimate", "per_improved_estimate", "partly_priced"});
  auto row = [&](const insight::CostRow& c, bool total) {
    csv_line(out, {r.area, period, total ? std::string("total") : c.service_id, c.service, c.funding_stream,
                   c.funding_stream_label, insight::cell_text(c.cases, t), insight::cell_text(c.supported, t),
                   insight::cell_text(c.improved, t), pounds(c.unit_cost), pounds(c.estimated_cost),
                   pounds(c.per_case), pounds(c.per_supported), pounds(c.per_improved),
                   c.partly_priced ? "yes" : "no"});
  };
  for (const auto& c : r.rows) row(c, false);
  row(r.total, true);
  return out;
}

}  // namespace vg::app
