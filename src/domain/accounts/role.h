// The roles people hold in the gateway. Pure values; no I/O.
// A role never widens what an organisation's data scope allows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vg::accounts {

enum class Role {
  kPoliceReferrer,      // police call handler / victim referral officer
  kGatewayAdvisor,      // advisor or Victim Service Coordinator: owns cases
  kRiskAssessor,
  kTeamLeader,          // allocation, capacity, quality
  kPartnerCaseworker,   // sees only referrals sent to their own organisation
  kCommissioner,        // aggregates only, never personal data
  kAdministrator,       // users, directory, routing rules, retention
  kAuditor,             // audit log, subject access requests
};

std::string_view to_code(Role role);                       // "gateway_advisor"
std::string_view to_label(Role role);                      // "Gateway advisor"
std::optional<Role> role_from_code(std::string_view code);

// What each role may do is the access table's (domain/access/access_table.h).
// Partner caseworkers' referrals are always "partner"; gateway staff choose the channel.
bool enters_partner_referrals(Role role);

}  // namespace vg::accounts
