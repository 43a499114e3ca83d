#include "app/insight/demand_insight.h"

#include <algorithm>

#include "app/insight/area_in_scope.h"
#include "app/directory/local_authorities.h"
#include "domain/casework/needs.h"
#include "domain/deadlines/working_days.h"

namespace vg::app {
namespace {

std::string area_name(const std::string& code) {
  for (const auto& la : local_authorities()) {
    if (area_id(la.police_force_area) == code) return la.police_force_area;
  }
  return code;
}

}  // namespace

DemandInsight::DemandInsight(store::Store& store, const Clock& clock, int threshold)
    : store_(store), clock_(clock), threshold_(std::max(2, threshold)) {}

std::vector<AreaChoice> DemandInsight::areas_of(const access::Actor& actor) const {
  std::vector<AreaChoice> out;
  for (auto& area : areas_in_scope(actor, access::Action::kReadInsight)) {
    auto name = area_name(area);
    out.push_back({std::move(area), std::move(name)});
  }
  return out;
}

std::chrono::year_month DemandInsight::this_month() const {
  return deadlines::london_month(clock_.now());
}

Result<std::string> DemandInsight::area_for(const access::Actor& actor, const std::string& asked) const {
  return area_in_scope(actor, access::Action::kReadInsight, asked, "Insight for this area");
}

Result<insight::DemandCounts> DemandInsight::counts_for(const std::string& area, const insight::MonthPeriod& period) {
  auto counts = VG_TRY(store_.insight().demand(area, period));
  insight::add_cost_counts(counts, VG_TRY(store_.insight().fact_groups(area, period)));
  return counts;
}

Result<void> DemandInsight::add_labels(insight::FigureLabels& labels, const insight::DemandCounts& counts) {
  if (!labels.contains("local_authority")) {
    for (const auto& la : local_authorities()) labels["local_authority"][la.code] = la.name;
    for (const auto& need : casework::default_need_domains()) labels["need"][need.code] = need.label;
  }
  // The services referred on to, by their directory names: the only services the figures name.
  auto onward = counts.by.find(insight::kOnwardReferrals);
  if (onward == counts.by.end()) return {};
  for (const auto& [code, n] : onward->second) {
    const auto service_id = insight::split_pair_code(code).first;
    if (labels["service"].contains(service_id)) continue;
    auto service = VG_TRY(store_.directory().find_service(service_id));
    labels["service"][service_id] = service ? service->name : service_id;
  }
  return {};
}

Result<insight::StreamSplit> DemandInsight::split_for(const std::string& area, const insight::MonthPeriod& period) {
  const auto counts = VG_TRY(counts_for(area, period));
  insight::FigureLabels labels;
  VG_CHECK(add_labels(labels, counts));
  return insight::stream_split(counts, labels, threshold_);
}

Result<insight::InsightReports> DemandInsight::reports(const access::Actor& actor, const DemandQuestion& question) {
  const auto area = VG_TRY(area_for(actor, question.area));
  const auto period = question.period ? *question.period : default_period(this_month());
  const auto previous = insight::previous_period(period);
  const auto now = VG_TRY(counts_for(area, period));
  const auto before = VG_TRY(counts_for(area, previous));
  // Each period's split orders its rows by these words; the other period's services among them
  // change nothing in it (a period's onward rows are its own services), so each period's figures
  // are as on any page that asks for that period alone (split_for).
  insight::FigureLabels labels;
  VG_CHECK(add_labels(labels, now));
  VG_CHECK(add_labels(labels, before));
  return insight::insight_reports(area, period, now, previous, before, labels, threshold_);
}

Result<insight::DemandReport> DemandInsight::demand(const access::Actor& actor, const DemandQuestion& question) {
  // Not VG_TRY on the reports: g++ 12 mishandles a moved-from vector out of its statement expression.
  auto both = reports(actor, question);
  if (!both) return std::unexpected(std::move(both.error()));
  auto report = std::move(both->demand);
  if (auto population = populations_.find(report.area); population != populations_.end()) {
    insight::add_per_thousand(report, population->second);
  }
  return report;
}

Result<insight::SupportReport> DemandInsight::support(const access::Actor& actor,
                                                      const std::vector<std::pair<std::string, std::string>>& params,
                                                      const std::vector<std::string>& extra_allowed) {
  const auto question = VG_TRY(ask(actor, params, extra_allowed));
  auto both = reports(actor, question);
  if (!both) return std::unexpected(std::move(both.error()));
  return std::move(both->support);
}

Result<insight::DemandReport> DemandInsight::demand(const access::Actor& actor,
                                                    const std::vector<std::pair<std::string, std::string>>& params,
                                                    const std::vector<std::string>& extra_allowed) {
  return demand(actor, VG_TRY(ask(actor, params, extra_allowed)));
}

Result<DemandQuestion> DemandInsight::ask(const access::Actor& actor,
                                          const std::vector<std::pair<std::string, std::string>>& params,
                                          const std::vector<std::string>& extra_allowed) const {
  if (!access::role_may(actor.role, access::Action::kReadInsight)) {
    return fail("forbidden", "Your role does not allow this");
  }
  return read_demand_query(params, this_month(), extra_allowed);
}

}  // namespace vg::app
