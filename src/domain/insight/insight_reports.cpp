#include "domain/insight/insight_reports.h"

namespace vg::insight {
namespace {

// The shared figures the demand report does not show, per period.
HiddenTotals hidden_in(const DemandReport& demand) {
  HiddenTotals out;
  auto note = [&](const Cell& current, const Cell& previous, const std::string& code) {
    if (!current.shown()) out[0].insert(code);
    if (!previous.shown()) out[1].insert(code);
  };
  note(demand.referrals.current, demand.referrals.previous, "referrals");
  for (const auto& rate : demand.rates) {
    if (rate.code == "contact") note(rate.current, rate.previous, "contacted");
    if (rate.code == "support") note(rate.current, rate.previous, "supported");
  }
  for (const auto& table : demand.tables) {
    if (table.code != "flags") continue;
    for (const auto& row : table.rows) {
      if (row.code == "repeat_victim") note(row.current, row.previous, "repeat_victim");
    }
  }
  return out;
}

// Adds `more` to `into`; whether anything was new.
bool merge(HiddenTotals& into, const HiddenTotals& more) {
  bool grew = false;
  for (int period = 0; period < 2; ++period) {
    for (const auto& code : more[period]) grew = into[period].insert(code).second || grew;
  }
  return grew;
}

}  // namespace

InsightReports insight_reports(const std::string& area, const MonthPeriod& period, const DemandCounts& current,
                               const MonthPeriod& previous_months, const DemandCounts& previous,
                               const FigureLabels& labels, int threshold) {
  // Hiding only ever grows, over a handful of shared figures, so this ends; each round works both
  // reports out again with everything either has hidden so far.
  HiddenTotals hidden;
  InsightReports out;
  for (;;) {
    out.demand = demand_report(area, period, current, previous_months, previous, labels, threshold, hidden);
    bool grew = merge(hidden, hidden_in(out.demand));
    out.support = support_report(area, period, current, previous_months, previous, labels, threshold, hidden);
    grew = merge(hidden, hidden_totals_of(out.support)) || grew;
    if (!grew) return out;
  }
}

}  // namespace vg::insight
