#include "domain/access/access_table.h"

#include <algorithm>
#include <array>
#include <utility>

namespace vg::access {
namespace {

constexpr std::array<std::string_view, 1> kGateway{"gateway"};
constexpr std::array<std::string_view, 1> kPartner{"partner"};
constexpr std::array<std::string_view, 1> kPolice{"police"};
constexpr std::array<std::string_view, 1> kCommissioning{"commissioner"};
constexpr std::array<std::string_view, 2> kGatewayOrCommissioning{"gateway", "commissioner"};

// The table. Read a line as "a <role> in a <kind> organisation may <action> what is <scope>".
constexpr std::array kGrants{
    // Police send through the API (an API key acting as the force's referrer) and may ask how
    // far their own referrals have come, to tell the victim as the Victims' Code requires; never
    // what the victim told the gateway.
    Grant{Role::kPoliceReferrer, Action::kReadReferralStatus, Scope::kOwnOrganisation, kPolice},
    // The gateway holds every referral of its area and works the cases allocated to it. Its
    // advisors and assessors read their team's cases and their own as of right; another team's
    // case only by break glass, with a recorded reason (the issue: every read outside one's team
    // says why). Team leaders oversee and allocate across the organisation, so read it all.
    Grant{Role::kGatewayAdvisor, Action::kEnterReferral, Scope::kArea, kGateway},
    Grant{Role::kGatewayAdvisor, Action::kReadReferral, Scope::kOwnTeam, kGateway},
    Grant{Role::kGatewayAdvisor, Action::kReadReferral, Scope::kAllocatedToMe, kGateway},
    Grant{Role::kGatewayAdvisor, Action::kReadReferral, Scope::kBreakGlass, kGateway},
    Grant{Role::kGatewayAdvisor, Action::kWorkCase, Scope::kAllocatedToMe, kGateway},
    Grant{Role::kRiskAssessor, Action::kEnterReferral, Scope::kArea, kGateway},
    Grant{Role::kRiskAssessor, Action::kReadReferral, Scope::kOwnTeam, kGateway},
    Grant{Role::kRiskAssessor, Action::kReadReferral, Scope::kAllocatedToMe, kGateway},
    Grant{Role::kRiskAssessor, Action::kReadReferral, Scope::kBreakGlass, kGateway},
    Grant{Role::kRiskAssessor, Action::kWorkCase, Scope::kOwnTeam, kGateway},
    Grant{Role::kTeamLeader, Action::kEnterReferral, Scope::kArea, kGateway},
    Grant{Role::kTeamLeader, Action::kReadReferral, Scope::kOwnOrganisation, kGateway},
    Grant{Role::kTeamLeader, Action::kAllocateCase, Scope::kOwnOrganisation, kGateway},
    Grant{Role::kTeamLeader, Action::kWorkCase, Scope::kOwnTeam, kGateway},
    // Live chat (issue 16): advisors and team leaders answer the area's queue, which shows how
    // long each chat has waited and nothing a victim wrote; a chat once taken is read and written
    // by the one who took it.
    Grant{Role::kGatewayAdvisor, Action::kTakeChat, Scope::kArea, kGateway},
    Grant{Role::kGatewayAdvisor, Action::kAnswerChat, Scope::kAllocatedToMe, kGateway},
    Grant{Role::kTeamLeader, Action::kTakeChat, Scope::kArea, kGateway},
    Grant{Role::kTeamLeader, Action::kAnswerChat, Scope::kAllocatedToMe, kGateway},
    // A partner sees what it sent, and what was shared with it with the victim's consent.
    Grant{Role::kPartnerCaseworker, Action::kEnterReferral, Scope::kArea, kPartner},
    Grant{Role::kPartnerCaseworker, Action::kReadReferral, Scope::kOwnOrganisation, kPartner},
    Grant{Role::kPartnerCaseworker, Action::kReadReferral, Scope::kSharedWithConsent, kPartner},
    Grant{Role::kPartnerCaseworker, Action::kWorkCase, Scope::kSharedWithConsent, kPartner},
    Grant{Role::kPartnerCaseworker, Action::kReadReferralStatus, Scope::kOwnOrganisation, kPartner},
    // Onward referrals reach a partner only as a consented share (never its whole case).
    Grant{Role::kPartnerCaseworker, Action::kAnswerOnwardReferral, Scope::kSharedWithConsent, kPartner},
    // Commissioners see figures, never people.
    Grant{Role::kCommissioner, Action::kReadInsight, Scope::kArea, kCommissioning},
    // Administrators run the service for their area; auditors read who did what.
    Grant{Role::kAdministrator, Action::kEditDirectory, Scope::kArea, kGateway},
    Grant{Role::kAdministrator, Action::kLoadRoutingRules, Scope::kArea, kGateway},
    Grant{Role::kAdministrator, Action::kManageUsers, Scope::kArea, kGateway},
    Grant{Role::kAdministrator, Action::kManageApiKeys, Scope::kArea, kGateway},
    Grant{Role::kAdministrator, Action::kReadAudit, Scope::kArea, kGateway},
    Grant{Role::kAdministrator, Action::kRunJobs, Scope::kArea, kGateway},
    Grant{Role::kAuditor, Action::kReadAudit, Scope::kArea, kGatewayOrCommissioning},
    // Legal holds (issue 17): the team leaders who oversee their organisation's cases hold one
    // when a prosecution, a complaint or a subject access request needs it kept, and lift it.
    Grant{Role::kTeamLeader, Action::kHoldCase, Scope::kOwnOrganisation, kGateway},
    // Subject access and erasure on request (issue 17): the gateway answers for what it holds,
    // and its team leaders already read all of it (the organisation names them to its data
    // protection officer). Auditors and administrators, who must never reach a victim's details,
    // cannot; nor can a partner, which answers for its own records in its own system.
    Grant{Role::kTeamLeader, Action::kExportSubjectAccess, Scope::kOwnOrganisation, kGateway},
    Grant{Role::kTeamLeader, Action::kEraseOnRequest, Scope::kOwnOrganisation, kGateway},
    // The grant return (issue 15): the commissioner's office returns its area's exact figures to
    // the Ministry of Justice, so only its commissioners read them unsuppressed; counts only.
    Grant{Role::kCommissioner, Action::kSubmitGrantReturn, Scope::kArea, kCommissioning},
};

constexpr std::array kActions{
    std::pair{Action::kEnterReferral, std::string_view("enter_referral")},
    std::pair{Action::kReadReferral, std::string_view("read_referral")},
    std::pair{Action::kAllocateCase, std::string_view("allocate_case")},
    std::pair{Action::kWorkCase, std::string_view("work_case")},
    std::pair{Action::kReadInsight, std::string_view("read_insight")},
    std::pair{Action::kEditDirectory, std::string_view("edit_directory")},
    std::pair{Action::kLoadRoutingRules, std::string_view("load_routing_rules")},
    std::pair{Action::kManageUsers, std::string_view("manage_users")},
    std::pair{Action::kManageApiKeys, std::string_view("manage_api_keys")},
    std::pair{Action::kReadAudit, std::string_view("read_audit")},
    std::pair{Action::kReadReferralStatus, std::string_view("read_referral_status")},
    std::pair{Action::kRunJobs, std::string_view("run_jobs")},
    std::pair{Action::kAnswerOnwardReferral, std::string_view("answer_onward_referral")},
    std::pair{Action::kTakeChat, std::string_view("take_chat")},
    std::pair{Action::kAnswerChat, std::string_view("answer_chat")},
    std::pair{Action::kHoldCase, std::string_view("hold_case")},
    std::pair{Action::kExportSubjectAccess, std::string_view("export_subject_access")},
    std::pair{Action::kEraseOnRequest, std::string_view("erase_on_request")},
    std::pair{Action::kSubmitGrantReturn, std::string_view("submit_grant_return")},
};

constexpr std::array<Action, kActions.size()> kActionList = [] {
  std::array<Action, kActions.size()> out{};
  for (std::size_t i = 0; i < kActions.size(); ++i) out[i] = kActions[i].first;
  return out;
}();

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return !item.empty() && std::find(list.begin(), list.end(), item) != list.end();
}

bool kind_fits(const Grant& grant, const std::string& kind) {
  return std::find(grant.kinds.begin(), grant.kinds.end(), kind) != grant.kinds.end();
}

bool reaches(const Actor& actor, Scope scope, const Subject& subject) {
  const bool own = contains(subject.organisations, actor.organisation_id);
  switch (scope) {
    case Scope::kArea:
      return true;  // the area itself is checked for every line
    case Scope::kOwnOrganisation:
    case Scope::kBreakGlass:  // as wide as the organisation; the reason is asked for above the table
      return own;
    case Scope::kOwnTeam:
      return own && !actor.team_id.empty() && actor.team_id == subject.team_id;
    case Scope::kAllocatedToMe:
      return own && !actor.user_id.empty() && actor.user_id == subject.allocated_to;
    case Scope::kSharedWithConsent:
      return std::any_of(subject.shares.begin(), subject.shares.end(), [&](const Share& s) {
        return s.consented && !actor.organisation_id.empty() && s.organisation_id == actor.organisation_id;
      });
  }
  return false;
}

}  // namespace

std::span<const Grant> grants() { return kGrants; }

Decision decide(const Actor& actor, Action action, const Subject& subject) {
  if (!contains(actor.areas, subject.area)) {
    return {false, std::nullopt, "outside the areas your organisation serves"};
  }
  bool has_line = false;
  for (const auto& grant : kGrants) {
    if (grant.role != actor.role || grant.action != action || !kind_fits(grant, actor.organisation_kind)) continue;
    has_line = true;
    if (reaches(actor, grant.scope, subject)) return {true, grant.scope, {}};
  }
  if (!has_line) return {false, std::nullopt, "your role does not allow this"};
  return {false, std::nullopt, "this record is not yours, your team's or shared with your organisation"};
}

bool role_may(Role role, Action action) {
  return std::any_of(kGrants.begin(), kGrants.end(),
                     [&](const Grant& g) { return g.role == role && g.action == action; });
}

bool reveals_personal_data(Action action) {
  return action == Action::kReadReferral || action == Action::kWorkCase || action == Action::kAllocateCase ||
         action == Action::kAnswerOnwardReferral || action == Action::kAnswerChat ||
         action == Action::kExportSubjectAccess;
}

std::string_view to_code(Action action) {
  for (const auto& [a, code] : kActions) {
    if (a == action) return code;
  }
  std::unreachable();
}

std::string_view to_code(Scope scope) {
  switch (scope) {
    case Scope::kArea: return "area";
    case Scope::kOwnOrganisation: return "own_organisation";
    case Scope::kOwnTeam: return "own_team";
    case Scope::kAllocatedToMe: return "allocated_to_me";
    case Scope::kSharedWithConsent: return "shared_with_consent";
    case Scope::kBreakGlass: return "break_glass";
  }
  std::unreachable();
}

std::span<const Action> all_actions() { return kActionList; }

}  // namespace vg::access
