#include "domain/insight/compliance.h"

#include <algorithm>
#include <set>
#include <utility>

#include "domain/insight/funding_stream.h"
#include "domain/insight/shared_figures.h"

namespace vg::insight {
namespace {

// The group's count for an entitlement.
MetCount count_of(const FactGroup& g, const std::string& code) {
  if (code == "police_referral") return g.police_referral;
  if (code == "first_contact") return g.first_contact;
  if (code == "needs_assessment") return g.needs_assessment;
  if (code == "restorative_justice") return g.restorative_justice;
  if (code == "enhanced_rights") return g.enhanced ? g.first_contact : MetCount{};
  return {};
}

// service id (or funding stream, `key`) -> the entitlement's counts over the groups.
std::map<std::string, MetCount> by_key(const std::vector<FactGroup>& groups, const std::string& code,
                                       std::string FactGroup::*key) {
  std::map<std::string, MetCount> out;
  for (const auto& g : groups) {
    const auto n = count_of(g, code);
    if (n.met == 0 && n.breached == 0) continue;
    auto& sum = out[g.*key];
    sum.met += n.met;
    sum.breached += n.breached;
  }
  return out;
}

std::optional<double> percent(const Cell& met, const Cell& evidenced) {
  if (!met.shown() || !evidenced.shown() || evidenced.value == 0) return std::nullopt;
  return 100.0 * static_cast<double>(met.value) / static_cast<double>(evidenced.value);
}

ComplianceFigures figures(const Cell& met, const Cell& breached, const Cell& evidenced) {
  return {met, breached, evidenced, percent(met, evidenced)};
}

void set_change(ComplianceLine& line) {
  if (line.current.percent_met && line.previous.percent_met) {
    line.change_points = *line.current.percent_met - *line.previous.percent_met;
  }
}

// The streams either period evidenced, in funding order.
std::vector<std::string> streams_of(const std::map<std::string, MetCount>& now,
                                    const std::map<std::string, MetCount>& then) {
  std::set<std::string> codes;
  for (const auto* counts : {&now, &then}) {
    for (const auto& [code, n] : *counts) codes.insert(code);
  }
  return in_funding_order(codes);
}

// Rows `keys` of `counts` by met and breached, totalled both ways; its all line goes by the names
// the other table's does.
SharedTable met_table(const std::vector<std::string>& keys, const std::map<std::string, MetCount>& counts) {
  SharedTable t;
  for (const auto& key : keys) {
    auto it = counts.find(key);
    const auto n = it == counts.end() ? MetCount{} : it->second;
    t.counts.push_back({n.met, n.breached});
  }
  t.column_totals = {{"met"}, {"breached"}};
  t.grand_total = {"evidenced"};
  return t;
}

// One period's two tables, suppressed until they agree on their shared line.
std::pair<SuppressedTable, SuppressedTable> suppressed_pair(const SharedTable& services, const SharedTable& streams,
                                                            int threshold) {
  HiddenFigures hidden;
  std::pair<SuppressedTable, SuppressedTable> out;
  do {
    hidden.grew = false;
    out.first = suppress_shared(services, threshold, hidden);
    out.second = suppress_shared(streams, threshold, hidden);
  } while (hidden.grew);
  return out;
}

}  // namespace

std::string entitlement_label(const std::string& code) {
  static const std::map<std::string, std::string> labels = {
      {"police_referral", "Referred to support within 2 working days of the report"},
      {"first_contact", "First contact within the service level"},
      {"needs_assessment", "Needs assessed within the service level"},
      {"restorative_justice", "Told about restorative justice"},
      {"enhanced_rights", "Enhanced-rights victims identified and contacted within the enhanced level"},
  };
  auto it = labels.find(code);
  return it == labels.end() ? code : it->second;
}

ComplianceReport compliance_report(const std::string& area, const MonthPeriod& period,
                                   const std::vector<FactGroup>& current, const MonthPeriod& previous_months,
                                   const std::vector<FactGroup>& before,
                                   const std::map<std::string, std::string>& service_names, int threshold) {
  ComplianceReport report{area, period, previous_months, threshold, {}};
  auto name_of = [&](const std::string& id) {
    if (id.empty()) return std::string("No service (signposted or waiting)");
    auto it = service_names.find(id);
    return it == service_names.end() ? id : it->second;
  };
  for (const auto& code : kEntitlementCodes) {
    EntitlementCompliance e;
    e.code = code;
    e.label = entitlement_label(code);
    const auto now = by_key(current, code, &FactGroup::service_id);
    const auto then = by_key(before, code, &FactGroup::service_id);
    std::set<std::string> ids;
    for (const auto& [id, n] : now) ids.insert(id);
    for (const auto& [id, n] : then) ids.insert(id);
    std::vector<std::string> ordered(ids.begin(), ids.end());
    std::stable_sort(ordered.begin(), ordered.end(),
                     [&](const std::string& a, const std::string& b) { return name_of(a) < name_of(b); });
    e.recorded = !ordered.empty();
    e.all.service = "All services";
    if (!e.recorded) {
      const Cell none{0, CellState::kSmall};
      e.all.current = e.all.previous = figures(none, none, none);
      report.entitlements.push_back(std::move(e));
      continue;
    }
    // Two tables per period: services, and streams, by met and breached, totalled both ways (a
    // row's evidenced, all services' met and breached, and everything evidenced), so no
    // published total recovers a hidden count. The periods are never added together.
    const auto streams_now = by_key(current, code, &FactGroup::funding_stream);
    const auto streams_then = by_key(before, code, &FactGroup::funding_stream);
    const auto streams = streams_of(streams_now, streams_then);
    const auto [t_now, s_now] =
        suppressed_pair(met_table(ordered, now), met_table(streams, streams_now), threshold);
    const auto [t_then, s_then] =
        suppressed_pair(met_table(ordered, then), met_table(streams, streams_then), threshold);
    // Row i of a period's two tables, as one line.
    auto line_of = [](ComplianceLine line, const SuppressedTable& now_table, const SuppressedTable& then_table,
                      std::size_t i) {
      line.current = figures(now_table.cells[i][0], now_table.cells[i][1], now_table.row_totals[i]);
      line.previous = figures(then_table.cells[i][0], then_table.cells[i][1], then_table.row_totals[i]);
      set_change(line);
      return line;
    };
    for (std::size_t i = 0; i < ordered.size(); ++i) {
      e.services.push_back(line_of({ordered[i], name_of(ordered[i]), "", "", {}, {}, {}}, t_now, t_then, i));
    }
    for (std::size_t i = 0; i < streams.size(); ++i) {
      e.streams.push_back(
          line_of({"", "All services", streams[i], funding_stream_label(streams[i]), {}, {}, {}}, s_now, s_then, i));
    }
    e.all.current = figures(t_now.column_totals[0], t_now.column_totals[1], t_now.grand_total);
    e.all.previous = figures(t_then.column_totals[0], t_then.column_totals[1], t_then.grand_total);
    set_change(e.all);
    report.entitlements.push_back(std::move(e));
  }
  return report;
}

}  // namespace vg::insight
