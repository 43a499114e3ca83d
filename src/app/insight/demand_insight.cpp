#include "app/insight/demand_insight.h"

#include <algorithm>

#include "app/insight/area_in_scope.h"
#include "app/directory/local_authorities.h"
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
  const auto today = deadlines::london_date(clock_.now());
  return today.year() / today.month();
}

Result<std::string> DemandInsight::area_for(const access::Actor& actor, const std::string& asked) const {
  return area_in_scope(actor, access::Action::kReadInsight, asked, "Insight for this area");
}

Result<insight::DemandReport> DemandInsight::demand(const access::Actor& actor, const DemandQuestion& question) {
  const auto area = VG_TRY(area_for(actor, question.area));
  const auto period = question.period ? *question.period : default_period(this_month());
  const auto previous = insight::previous_period(period);
  const auto now = VG_TRY(store_.insight().demand(area, period));
  const auto before = VG_TRY(store_.insight().demand(area, previous));
  std::map<std::string, std::map<std::string, std::string>> labels;
  for (const auto& la : local_authorities()) labels["local_authority"][la.code] = la.name;
  auto report = insight::demand_report(area, period, now, previous, before, labels, threshold_);
  if (auto population = populations_.find(area); population != populations_.end()) {
    insight::add_per_thousand(report, population->second);
  }
  return report;
}

Result<insight::DemandReport> DemandInsight::demand(const access::Actor& actor,
                                                    const std::vector<std::pair<std::string, std::string>>& params,
                                                    const std::vector<std::string>& extra_allowed) {
  if (!access::role_may(actor.role, access::Action::kReadInsight)) {
    return fail("forbidden", "Your role does not allow this");
  }
  return demand(actor, VG_TRY(read_demand_query(params, this_month(), extra_allowed)));
}

}  // namespace vg::app
