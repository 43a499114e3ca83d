#include "app/insight/capacity_insight.h"

#include "domain/deadlines/working_days.h"

namespace vg::app {

CapacityInsight::CapacityInsight(store::Store& store, AreaPacks& packs, DemandInsight& demand, const Clock& clock)
    : store_(store), packs_(packs), demand_(demand), clock_(clock) {}

Result<insight::CapacityReport> CapacityInsight::capacity(
    const access::Actor& actor, const std::vector<std::pair<std::string, std::string>>& params) {
  if (!access::role_may(actor.role, access::Action::kReadInsight)) {
    return fail("forbidden", "Your role does not allow this");  // before its parameters are read
  }
  std::vector<FieldError> period_given;
  for (const auto& [name, value] : params) {
    if (name == "from" || name == "to") {
      period_given.push_back({name, "unknown_parameter", "Capacity is as it stands now: give no months"});
    }
  }
  if (!period_given.empty()) return validation_failed(std::move(period_given), "The question is not valid");
  const auto question = VG_TRY(demand_.ask(actor, params));
  const auto area = VG_TRY(demand_.area_for(actor, question.area));

  std::vector<insight::ServiceLoad> services;
  if (auto pack = packs_.area_pack(area); pack && *pack) {
    const auto live = VG_TRY(packs_.live_services(**pack));
    for (const auto& s : live.all()) services.push_back({s.id, s.name, s.capacity, s.open_cases});
  } else if (!pack && pack.error().code != "validation_failed") {  // an area with no routing pack: no services
    return std::unexpected(std::move(pack.error()));
  }
  std::vector<insight::TeamLoad> teams;
  for (const auto& team : VG_TRY(store_.cases().list_teams())) {
    if (team.area != area) continue;
    insight::TeamLoad load{team.id, team.name, 0, 0, 0};
    for (const auto& member : VG_TRY(store_.cases().team_members(team.id))) {
      ++load.caseworkers;
      load.capacity += member.capacity;
    }
    for (const auto& caseload : VG_TRY(store_.cases().caseloads(team.id))) load.open_cases += caseload.open_cases;
    teams.push_back(std::move(load));
  }
  return insight::capacity_report(area, deadlines::london_date(clock_.now()), std::move(services), std::move(teams),
                                  demand_.threshold());
}

}  // namespace vg::app
