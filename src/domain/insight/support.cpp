#include "domain/insight/support.h"

namespace vg::insight {
std::string days_band(std::int64_t days) {
  if (days <= 0) return "0";
  if (days == 1) return "1";
  if (days == 2) return "2";
  if (days <= 5) return "3_to_5";
  if (days <= 10) return "6_to_10";
  if (days <= 20) return "11_to_20";
  return "over_20";
}

std::string pair_code(const std::string& first, const std::string& second) { return first + ":" + second; }

std::pair<std::string, std::string> split_pair_code(const std::string& code) {
  const auto at = code.rfind(':');
  if (at == std::string::npos) return {code, ""};
  return {code.substr(0, at), code.substr(at + 1)};
}

SupportReport support_report(const std::string& area, const MonthPeriod& period, const DemandCounts& current,
                             const MonthPeriod& previous_months, const DemandCounts& previous,
                             const FigureLabels& labels, int threshold) {
  // Each period's figures are the all-streams figures of its split by funding stream, worked out
  // for that period alone, as on the demand page.
  return support_report(area, period, stream_split(current, labels, threshold), previous_months,
                        stream_split(previous, labels, threshold), labels, threshold);
}

SupportReport support_report(const std::string& area, const MonthPeriod& period, StreamSplit now,
                             const MonthPeriod& previous_months, StreamSplit before, const FigureLabels& labels,
                             int threshold) {
  SupportReport report;
  report.area = area;
  report.period = period;
  report.previous = previous_months;
  report.threshold = threshold;
  for (const auto& code : kDaysTakenCodes) {
    report.days.push_back(split_figure_table(code, support_title(code), now, before, labels, code, kDaysBands));
  }
  report.repeat_victims = split_figure_table(kRepeatByOffenceGroup, support_title(kRepeatByOffenceGroup), now, before,
                                             labels, "offence_group");
  report.needs = std::move(now.needs);
  report.outcomes = std::move(now.outcomes);
  report.onward = std::move(now.onward);
  report.needs_before = std::move(before.needs);
  report.outcomes_before = std::move(before.outcomes);
  report.onward_before = std::move(before.onward);
  return report;
}

}  // namespace vg::insight
