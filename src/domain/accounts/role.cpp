#include "domain/accounts/role.h"

#include <array>
#include <utility>

namespace vg::accounts {
namespace {

struct RoleNames {
  Role role;
  std::string_view code;
  std::string_view label;
};

constexpr std::array kRoles{
    RoleNames{Role::kPoliceReferrer, "police_referrer", "Police referrer"},
    RoleNames{Role::kGatewayAdvisor, "gateway_advisor", "Gateway advisor"},
    RoleNames{Role::kRiskAssessor, "risk_assessor", "Risk assessor"},
    RoleNames{Role::kTeamLeader, "team_leader", "Team leader"},
    RoleNames{Role::kPartnerCaseworker, "partner_caseworker", "Partner caseworker"},
    RoleNames{Role::kCommissioner, "commissioner", "Commissioner"},
    RoleNames{Role::kAdministrator, "administrator", "Administrator"},
    RoleNames{Role::kAuditor, "auditor", "Auditor"},
};

const RoleNames& names_of(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r;
  }
  std::unreachable();
}

}  // namespace

std::string_view to_code(Role role) { return names_of(role).code; }
std::string_view to_label(Role role) { return names_of(role).label; }

std::optional<Role> role_from_code(std::string_view code) {
  for (const auto& r : kRoles) {
    if (r.code == code) return r.role;
  }
  return std::nullopt;
}

bool enters_partner_referrals(Role role) { return role == Role::kPartnerCaseworker; }

}  // namespace vg::accounts
