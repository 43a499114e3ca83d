#include "app/casework/case_allocation.h"

#include <algorithm>

namespace vg::app {
namespace {

std::string allocation_detail(const std::string& from, const std::string& to) {
  return R"({"from":")" + from + R"(","to":")" + to + R"("})";
}

// The rule shared by both ways of allocating: `to` takes the case.
Result<CaseChangeMade> give_to(casework::CaseRecord& c, const std::string& to) {
  CaseChangeMade made;
  made.audit_detail = allocation_detail(c.allocated_to, to);
  if (c.allocated_to == to) return made;
  const bool hand_over = !c.allocated_to.empty();
  if (hand_over) ++c.handovers;
  made.events.push_back({0, {}, {}, {}, hand_over ? "handed_over" : "allocated", made.audit_detail});
  c.allocated_to = to;
  return made;
}

Result<std::vector<casework::Candidate>> candidates(store::UnitOfWork& unit, const std::string& team_id) {
  std::vector<casework::Candidate> out;
  const auto loads = VG_TRY(unit.cases().caseloads(team_id));
  for (auto& m : VG_TRY(unit.cases().team_members(team_id))) {
    auto load = std::find_if(loads.begin(), loads.end(), [&](const auto& l) { return l.user_id == m.user_id; });
    out.push_back({m.user_id, m.skills, m.capacity, load == loads.end() ? 0 : load->open_cases});
  }
  return out;
}

}  // namespace

Result<casework::CaseRecord> CaseAllocation::allocate(const access::Actor& actor, const std::string& case_id,
                                                      std::int64_t expected_version,
                                                      const std::string& user_id) {
  return change_case(store_, clock_, actor, access::Action::kAllocateCase, case_id, expected_version,
                     "case.allocate", [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
    const auto members = VG_TRY(unit.cases().team_members(c.team_id));
    const bool in_team = !c.team_id.empty() && std::any_of(members.begin(), members.end(),
                                                            [&](const auto& m) { return m.user_id == user_id; });
    auto user = VG_TRY(store_.accounts().find_user(user_id));
    if (!in_team || !user || !user->active) {
      return validation_failed({{"user_id", "not_in_team", "Choose a caseworker in the team that holds the case"}});
    }
    return give_to(c, user_id);
  });
}

Result<casework::CaseRecord> CaseAllocation::allocate_by_rule(const access::Actor& actor,
                                                              const std::string& case_id,
                                                              std::int64_t expected_version) {
  return change_case(store_, clock_, actor, access::Action::kAllocateCase, case_id, expected_version,
                     "case.allocate", [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
    if (c.team_id.empty()) {
      return fail("conflict", "No team holds this case yet", {{"user_id", "no_team", "No team holds this case yet"}});
    }
    auto team = VG_TRY(candidates(unit, c.team_id));
    // The present caseworker is not offered the case again.
    std::erase_if(team, [&](const auto& m) { return m.user_id == c.allocated_to; });
    auto offered = casework::offer_to(team, c.needs_skills);
    if (!offered) {
      return fail("conflict", "No caseworker in the team has room and the skills this case needs",
                  {{"user_id", "no_one_fits", "No caseworker in the team has room and the skills this case needs: choose one"}});
    }
    return give_to(c, *offered);
  });
}

Result<std::vector<CaseworkerLoad>> CaseAllocation::team_loads(const access::Actor& actor,
                                                               const std::string& team_id) {
  if (!access::role_may(actor.role, access::Action::kAllocateCase)) {
    return fail("forbidden", "Your role does not allow allocating cases");
  }
  auto team = VG_TRY(store_.cases().find_team(team_id));
  access::Subject subject;
  if (team) {
    subject.area = team->area;
    subject.organisations = {team->organisation_id};
  }
  if (!team || !access::decide(actor, access::Action::kAllocateCase, subject).allowed) {
    return not_found("The team");
  }
  const auto loads = VG_TRY(store_.cases().caseloads(team_id));
  std::vector<CaseworkerLoad> out;
  for (auto& m : VG_TRY(store_.cases().team_members(team_id))) {
    auto user = VG_TRY(store_.accounts().find_user(m.user_id));
    if (!user || !user->active) continue;
    auto load = std::find_if(loads.begin(), loads.end(), [&](const auto& l) { return l.user_id == m.user_id; });
    out.push_back({m, user->display_name, load == loads.end() ? 0 : load->open_cases});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.display_name < b.display_name; });
  return out;
}

}  // namespace vg::app
