#include "app/insight/commissioning_insight.h"

namespace vg::app {

CommissioningInsight::CommissioningInsight(store::Store& store, DemandInsight& demand,
                                           std::map<std::string, insight::UnitCosts> costs)
    : store_(store), demand_(demand), costs_(std::move(costs)) {}

Result<std::pair<std::string, insight::MonthPeriod>> CommissioningInsight::question(
    const access::Actor& actor, const std::vector<std::pair<std::string, std::string>>& params,
    const std::vector<std::string>& extra_allowed) {
  const auto asked = VG_TRY(demand_.ask(actor, params, extra_allowed));
  auto area = VG_TRY(demand_.area_for(actor, asked.area));
  const auto period = asked.period ? *asked.period : default_period(demand_.this_month());
  return std::pair{std::move(area), period};
}

Result<std::map<std::string, std::string>> CommissioningInsight::service_names(const std::vector<std::string>& ids) {
  std::map<std::string, std::string> names;
  for (const auto& id : ids) {
    if (id.empty() || names.contains(id)) continue;
    auto service = VG_TRY(store_.directory().find_service(id));
    names[id] = service ? service->name : id;
  }
  return names;
}

Result<std::map<std::string, std::string>> CommissioningInsight::service_names(
    const std::vector<insight::FactGroup>& groups) {
  std::vector<std::string> ids;
  for (const auto& g : groups) ids.push_back(g.service_id);
  return service_names(ids);
}

Result<insight::CostReport> CommissioningInsight::cost(const access::Actor& actor,
                                                       const std::vector<std::pair<std::string, std::string>>& params,
                                                       const std::vector<std::string>& extra_allowed) {
  const auto [area, period] = VG_TRY(question(actor, params, extra_allowed));
  const auto split = VG_TRY(demand_.split_for(area, period));
  const auto costs = costs_.find(area);
  return insight::cost_report(area, period, split, costs == costs_.end() ? insight::UnitCosts{} : costs->second,
                              VG_TRY(service_names(split.cost.services)), demand_.threshold());
}

Result<insight::ComplianceReport> CommissioningInsight::compliance(
    const access::Actor& actor, const std::vector<std::pair<std::string, std::string>>& params,
    const std::vector<std::string>& extra_allowed) {
  const auto [area, period] = VG_TRY(question(actor, params, extra_allowed));
  const auto previous = insight::previous_period(period);
  const auto now = VG_TRY(store_.insight().fact_groups(area, period));
  const auto before = VG_TRY(store_.insight().fact_groups(area, previous));
  auto names = VG_TRY(service_names(now));
  names.merge(VG_TRY(service_names(before)));
  return insight::compliance_report(area, period, now, previous, before, names, demand_.threshold());
}

bool CommissioningInsight::may_submit(const access::Actor& actor) {
  return access::role_may(actor.role, access::Action::kSubmitGrantReturn);
}

Result<insight::GrantReturn> CommissioningInsight::grant_return(
    const access::Actor& actor, const std::vector<std::pair<std::string, std::string>>& params,
    const std::vector<std::string>& extra_allowed) {
  if (!may_submit(actor)) return fail("forbidden", "Your role does not submit the grant return");
  const auto asked = VG_TRY(read_demand_query(params, demand_.this_month(), extra_allowed));
  std::string area = asked.area;
  if (area.empty()) {
    for (const auto& a : actor.areas) {
      if (access::decide(actor, access::Action::kSubmitGrantReturn, {a, {}, "", "", {}}).allowed) {
        area = a;
        break;
      }
    }
  }
  if (area.empty() || !access::decide(actor, access::Action::kSubmitGrantReturn, {area, {}, "", "", {}}).allowed) {
    return not_found("The grant return for this area");
  }
  const auto period = asked.period ? *asked.period : default_period(demand_.this_month());
  const auto groups = VG_TRY(store_.insight().fact_groups(area, period));
  const auto costs = costs_.find(area);
  return insight::grant_return(area, period, groups,
                               costs == costs_.end() ? std::map<std::string, std::string>{} : costs->second.stream_names);
}

}  // namespace vg::app
