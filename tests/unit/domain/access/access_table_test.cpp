// The access table: the rules every line must keep (checked over the whole table, so a line
// added later is checked too), and the decisions it gives.
#include "domain/access/access_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>
#include <string>

namespace vg::access {
namespace {

constexpr std::array<std::string_view, 4> kAllKinds{"gateway", "police", "partner", "commissioner"};

// Someone holding `grant`'s role in an organisation of its first kind, in Merseyside.
Actor actor_for(const Grant& grant) {
  return Actor{grant.role, "user-1", "org-1", std::string(grant.kinds.front()), {"merseyside"}, "team-1"};
}

// A record in Merseyside that `actor` is every relationship to: its organisation's, its team's,
// allocated to it, and shared with it with consent.
Subject everything_to(const Actor& actor) {
  return Subject{"merseyside", {actor.organisation_id}, actor.team_id, actor.user_id,
                 {{actor.organisation_id, true}}};
}

TEST(AccessTableRules, EveryLineCanBeUsedBySomeoneItDescribes) {
  for (const auto& grant : grants()) {
    ASSERT_FALSE(grant.kinds.empty()) << to_code(grant.action);
    const auto actor = actor_for(grant);
    EXPECT_TRUE(decide(actor, grant.action, everything_to(actor)).allowed)
        << accounts::to_code(grant.role) << " " << to_code(grant.action);
  }
}

TEST(AccessTableRules, NothingCrossesAreas) {
  // However close the actor is to the record, another area's record is refused.
  for (const auto& grant : grants()) {
    const auto actor = actor_for(grant);
    auto subject = everything_to(actor);
    subject.area = "staffordshire";
    EXPECT_FALSE(decide(actor, grant.action, subject).allowed)
        << accounts::to_code(grant.role) << " " << to_code(grant.action);
    subject.area = "";
    EXPECT_FALSE(decide(actor, grant.action, subject).allowed) << "a record with no area";
  }
}

TEST(AccessTableRules, NoOrganisationReadsAnothersVictimsExceptThroughAConsentedShare) {
  for (const auto& grant : grants()) {
    if (!reveals_personal_data(grant.action)) continue;
    EXPECT_NE(grant.scope, Scope::kArea) << "an area-wide line would show every organisation's victims";
    const auto actor = actor_for(grant);
    // Another organisation's record, in the actor's own area and team, shared without consent.
    Subject theirs{"merseyside", {"org-2"}, actor.team_id, actor.user_id, {{actor.organisation_id, false}}};
    EXPECT_FALSE(decide(actor, grant.action, theirs).allowed)
        << accounts::to_code(grant.role) << " " << to_code(grant.action);
    theirs.shares = {{actor.organisation_id, true}};
    // With consent, only a line that reaches consented shares lets it through.
    bool through_shares = false;
    for (const auto& other : grants()) {
      through_shares |= other.role == grant.role && other.action == grant.action &&
                        other.scope == Scope::kSharedWithConsent && other.kinds.front() == grant.kinds.front();
    }
    EXPECT_EQ(decide(actor, grant.action, theirs).allowed, through_shares)
        << accounts::to_code(grant.role) << " " << to_code(grant.action);
  }
}

TEST(AccessTableRules, CommissionersAdministratorsAndAuditorsNeverReachPersonalData) {
  for (const auto& grant : grants()) {
    if (grant.role == Role::kCommissioner || grant.role == Role::kAdministrator || grant.role == Role::kAuditor) {
      EXPECT_FALSE(reveals_personal_data(grant.action)) << accounts::to_code(grant.role) << " "
                                                        << to_code(grant.action);
    }
  }
  for (const Action action : all_actions()) {
    if (!reveals_personal_data(action)) continue;
    for (const Role role : {Role::kCommissioner, Role::kAdministrator, Role::kAuditor}) {
      for (const auto kind : kAllKinds) {
        const Actor actor{role, "user-1", "org-1", std::string(kind), {"merseyside"}, "team-1"};
        EXPECT_FALSE(decide(actor, action, everything_to(actor)).allowed);
      }
    }
  }
}

TEST(AccessTableRules, ARoleHeldInTheWrongKindOfOrganisationGrantsNothing) {
  // A gateway advisor's role given by mistake to a partner's user must not open the area's
  // referrals to that partner.
  for (const auto& grant : grants()) {
    for (const auto kind : kAllKinds) {
      if (std::find(grant.kinds.begin(), grant.kinds.end(), kind) != grant.kinds.end()) continue;
      Actor actor = actor_for(grant);
      actor.organisation_kind = std::string(kind);
      bool some_line_fits = false;
      for (const auto& other : grants()) {
        some_line_fits |= other.role == grant.role && other.action == grant.action &&
                          std::find(other.kinds.begin(), other.kinds.end(), kind) != other.kinds.end();
      }
      if (!some_line_fits) {
        EXPECT_FALSE(decide(actor, grant.action, everything_to(actor)).allowed);
      }
    }
  }
}

TEST(AccessTableRules, EveryActionHasItsOwnCode) {
  std::set<std::string_view> codes;
  for (const Action action : all_actions()) {
    EXPECT_FALSE(to_code(action).empty());
    EXPECT_TRUE(codes.insert(to_code(action)).second) << to_code(action);
  }
}

TEST(AccessDecision, APartnerSeesWhatWasSharedWithItOnlyWithConsent) {
  const Actor partner{Role::kPartnerCaseworker, "user-p", "org-rasa", "partner", {"merseyside"}, ""};
  Subject referral{"merseyside", {"org-police", "org-gateway"}, "", "", {{"org-rasa", false}}};
  auto refused = decide(partner, Action::kReadReferral, referral);
  EXPECT_FALSE(refused.allowed);
  EXPECT_FALSE(refused.reason.empty());
  referral.shares[0].consented = true;
  auto allowed = decide(partner, Action::kReadReferral, referral);
  EXPECT_TRUE(allowed.allowed);
  EXPECT_EQ(allowed.via, Scope::kSharedWithConsent);
  EXPECT_TRUE(decide(partner, Action::kWorkCase, referral).allowed);
  EXPECT_FALSE(decide(partner, Action::kAllocateCase, referral).allowed);
}

TEST(AccessDecision, OnlyAPartnerAnswersAnOnwardReferralAndOnlyOneSharedWithItWithConsent) {
  const Actor partner{Role::kPartnerCaseworker, "user-p", "org-rasa", "partner", {"merseyside"}, ""};
  Subject onward{"merseyside", {}, "", "", {{"org-rasa", true}}};
  EXPECT_EQ(decide(partner, Action::kAnswerOnwardReferral, onward).via, Scope::kSharedWithConsent);
  onward.shares[0].consented = false;  // consent withdrawn: nothing more reaches the partner
  EXPECT_FALSE(decide(partner, Action::kAnswerOnwardReferral, onward).allowed);
  const Actor other{Role::kPartnerCaseworker, "user-o", "org-other", "partner", {"merseyside"}, ""};
  EXPECT_FALSE(decide(other, Action::kAnswerOnwardReferral, Subject{"merseyside", {}, "", "", {{"org-rasa", true}}}).allowed);
  for (auto role : {Role::kGatewayAdvisor, Role::kRiskAssessor, Role::kTeamLeader, Role::kCommissioner,
                    Role::kAdministrator, Role::kAuditor}) {
    EXPECT_FALSE(role_may(role, Action::kAnswerOnwardReferral)) << accounts::to_code(role);
  }
  EXPECT_TRUE(reveals_personal_data(Action::kAnswerOnwardReferral));
}

TEST(AccessDecision, GatewayStaffTakeChatsFromTheirAreasQueueAndOnlyTheTakerReadsOne) {
  const Actor advisor{Role::kGatewayAdvisor, "user-a", "org-gateway", "gateway", {"merseyside"}, "team-1"};
  // The queue shows wait times only: any gateway advisor or team leader of the area may take.
  EXPECT_EQ(decide(advisor, Action::kTakeChat, {"merseyside", {}, "", "", {}}).via, Scope::kArea);
  EXPECT_FALSE(decide(advisor, Action::kTakeChat, {"staffordshire", {}, "", "", {}}).allowed);
  EXPECT_FALSE(reveals_personal_data(Action::kTakeChat));
  EXPECT_TRUE(reveals_personal_data(Action::kAnswerChat));
  // A taken chat is the taker's alone, not their organisation's or team's.
  const Subject mine{"merseyside", {"org-gateway"}, "", "user-a", {}};
  EXPECT_EQ(decide(advisor, Action::kAnswerChat, mine).via, Scope::kAllocatedToMe);
  EXPECT_FALSE(decide(advisor, Action::kAnswerChat, {"merseyside", {"org-gateway"}, "team-1", "user-b", {}}).allowed);
  EXPECT_FALSE(decide(advisor, Action::kAnswerChat, {"merseyside", {"org-gateway"}, "", "", {}}).allowed)
      << "a waiting chat is read by nobody until it is taken";
  const Actor leader{Role::kTeamLeader, "user-l", "org-gateway", "gateway", {"merseyside"}, "team-1"};
  EXPECT_TRUE(decide(leader, Action::kTakeChat, {"merseyside", {}, "", "", {}}).allowed);
  EXPECT_FALSE(decide(leader, Action::kAnswerChat, mine).allowed);
  for (Role r : {Role::kRiskAssessor, Role::kPartnerCaseworker, Role::kPoliceReferrer, Role::kCommissioner,
                 Role::kAdministrator, Role::kAuditor}) {
    EXPECT_FALSE(role_may(r, Action::kTakeChat)) << accounts::to_code(r);
    EXPECT_FALSE(role_may(r, Action::kAnswerChat)) << accounts::to_code(r);
  }
  // The role held in a partner organisation grants nothing.
  const Actor misplaced{Role::kGatewayAdvisor, "user-a", "org-partner", "partner", {"merseyside"}, ""};
  EXPECT_FALSE(decide(misplaced, Action::kTakeChat, {"merseyside", {}, "", "", {}}).allowed);
}

TEST(AccessDecision, OnlyTeamLeadersHoldTheirOrganisationsCases) {
  const Actor leader{Role::kTeamLeader, "user-l", "org-gateway", "gateway", {"merseyside"}, "team-1"};
  EXPECT_EQ(decide(leader, Action::kHoldCase, {"merseyside", {"org-police", "org-gateway"}, "team-2", "", {}}).via,
            Scope::kOwnOrganisation);
  EXPECT_FALSE(decide(leader, Action::kHoldCase, {"merseyside", {"org-police", "org-other"}, "", "", {}}).allowed);
  EXPECT_FALSE(decide(leader, Action::kHoldCase, {"staffordshire", {"org-gateway"}, "", "", {}}).allowed);
  EXPECT_FALSE(reveals_personal_data(Action::kHoldCase));
  EXPECT_EQ(to_code(Action::kHoldCase), "hold_case");
  for (Role r : {Role::kGatewayAdvisor, Role::kRiskAssessor, Role::kPartnerCaseworker, Role::kPoliceReferrer,
                 Role::kCommissioner, Role::kAdministrator, Role::kAuditor}) {
    EXPECT_FALSE(role_may(r, Action::kHoldCase)) << accounts::to_code(r);
  }
}

TEST(AccessDecision, OnlyTeamLeadersAnswerSubjectAccessAndErasureForTheirOrganisation) {
  const Actor leader{Role::kTeamLeader, "user-l", "org-gateway", "gateway", {"merseyside"}, "team-1"};
  for (Action a : {Action::kExportSubjectAccess, Action::kEraseOnRequest}) {
    EXPECT_EQ(decide(leader, a, {"merseyside", {"org-police", "org-gateway"}, "team-2", "", {}}).via,
              Scope::kOwnOrganisation);
    EXPECT_FALSE(decide(leader, a, {"merseyside", {"org-police", "org-other"}, "", "", {}}).allowed);
    EXPECT_FALSE(decide(leader, a, {"staffordshire", {"org-gateway"}, "", "", {}}).allowed);
    const Actor partner_lead{Role::kTeamLeader, "user-p", "org-partner", "partner", {"merseyside"}, ""};
    EXPECT_FALSE(decide(partner_lead, a, {"merseyside", {"org-partner"}, "", "", {}}).allowed);
    for (Role r : {Role::kGatewayAdvisor, Role::kRiskAssessor, Role::kPartnerCaseworker, Role::kPoliceReferrer,
                   Role::kCommissioner, Role::kAdministrator, Role::kAuditor}) {
      EXPECT_FALSE(role_may(r, a)) << accounts::to_code(r);
    }
  }
  EXPECT_TRUE(reveals_personal_data(Action::kExportSubjectAccess));
  EXPECT_EQ(to_code(Action::kExportSubjectAccess), "export_subject_access");
  EXPECT_EQ(to_code(Action::kEraseOnRequest), "erase_on_request");
}

TEST(AccessDecision, AnAdvisorReadsTheGatewaysReferralsButWorksOnlyTheirOwnCases) {
  const Actor advisor{Role::kGatewayAdvisor, "user-a", "org-gateway", "gateway", {"merseyside"}, "team-1"};
  Subject referral{"merseyside", {"org-police", "org-gateway"}, "team-1", "user-b", {}};
  EXPECT_TRUE(decide(advisor, Action::kReadReferral, referral).allowed);
  EXPECT_FALSE(decide(advisor, Action::kWorkCase, referral).allowed);
  referral.allocated_to = "user-a";
  auto allowed = decide(advisor, Action::kWorkCase, referral);
  EXPECT_TRUE(allowed.allowed);
  EXPECT_EQ(allowed.via, Scope::kAllocatedToMe);
}

TEST(AccessDecision, AdvisorsAndAssessorsReadAnotherTeamsCaseOnlyByBreakGlass) {
  for (const Role role : {Role::kGatewayAdvisor, Role::kRiskAssessor}) {
    const Actor reader{role, "user-a", "org-gateway", "gateway", {"merseyside"}, "team-1"};
    const auto via = [&](const std::string& team, const std::string& allocated_to) {
      return decide(reader, Action::kReadReferral,
                    {"merseyside", {"org-police", "org-gateway"}, team, allocated_to, {}}).via;
    };
    EXPECT_EQ(via("team-1", "user-b"), Scope::kOwnTeam) << accounts::to_code(role);
    EXPECT_EQ(via("team-2", "user-a"), Scope::kAllocatedToMe) << "their own case, whichever team holds it";
    EXPECT_EQ(via("team-2", "user-b"), Scope::kBreakGlass) << "another team's case: only with a reason";
    EXPECT_EQ(via("team-2", ""), Scope::kBreakGlass);
    EXPECT_EQ(via("", ""), Scope::kBreakGlass) << "a case held by no team";
    // Nothing outside the organisation, break glass or not.
    EXPECT_FALSE(decide(reader, Action::kReadReferral, {"merseyside", {"org-police", "org-other"}, "team-2", "", {}}).allowed);
    // Break glass reads; it never works the case.
    EXPECT_FALSE(decide(reader, Action::kWorkCase, {"merseyside", {"org-gateway"}, "team-2", "user-b", {}}).allowed);
  }
  // A reader in no team reaches only cases allocated to them as of right.
  const Actor teamless{Role::kGatewayAdvisor, "user-a", "org-gateway", "gateway", {"merseyside"}, ""};
  EXPECT_EQ(decide(teamless, Action::kReadReferral, {"merseyside", {"org-gateway"}, "", "", {}}).via, Scope::kBreakGlass);
  EXPECT_EQ(to_code(Scope::kBreakGlass), "break_glass");
}

TEST(AccessDecision, TeamLeadersOverseeEveryTeamOfTheirOrganisationAsOfRight) {
  const Actor leader{Role::kTeamLeader, "user-l", "org-gateway", "gateway", {"merseyside"}, "team-1"};
  const Subject other_team{"merseyside", {"org-police", "org-gateway"}, "team-2", "user-b", {}};
  EXPECT_EQ(decide(leader, Action::kReadReferral, other_team).via, Scope::kOwnOrganisation);
  EXPECT_TRUE(decide(leader, Action::kAllocateCase, other_team).allowed);
}

TEST(AccessTableRules, BreakGlassOnlyReadsAndIsTheLastLineOfItsRoleAndAction) {
  // Last, so that a nearer relationship (own team, own case) is the `via` whenever there is one.
  const auto lines = grants();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].scope != Scope::kBreakGlass) continue;
    EXPECT_EQ(lines[i].action, Action::kReadReferral) << accounts::to_code(lines[i].role);
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      EXPECT_FALSE(lines[j].role == lines[i].role && lines[j].action == lines[i].action)
          << accounts::to_code(lines[i].role) << ": a line after break glass is never reached";
    }
  }
}

TEST(AccessDecision, PoliceReachOnlyTheProgressOfTheirOwnReferrals) {
  const Actor police{Role::kPoliceReferrer, "user-c", "org-merseyside-police", "police", {"merseyside"}, ""};
  for (const Action action : all_actions()) {
    const bool allowed = decide(police, action, {"merseyside", {"org-merseyside-police"}, "", "user-c", {}}).allowed;
    EXPECT_EQ(allowed, action == Action::kReadReferralStatus)
        << to_code(action) << ": police send through the API and may ask only how far it came";
  }
  EXPECT_FALSE(decide(police, Action::kReadReferralStatus, {"merseyside", {"org-other-sender"}, "", "", {}}).allowed)
      << "another sender's referral";
}

TEST(AccessDecision, ACommissionerReadsInsightForItsOwnAreaOnly) {
  const Actor opcc{Role::kCommissioner, "user-d", "org-opcc", "commissioner", {"merseyside"}, ""};
  EXPECT_TRUE(decide(opcc, Action::kReadInsight, {"merseyside", {}, "", "", {}}).allowed);
  EXPECT_FALSE(decide(opcc, Action::kReadInsight, {"greater-manchester", {}, "", "", {}}).allowed);
}

TEST(AccessDecision, OnlyACommissionersOfficeSubmitsItsOwnAreasGrantReturn) {
  const Actor opcc{Role::kCommissioner, "user-d", "org-opcc", "commissioner", {"merseyside"}, ""};
  EXPECT_EQ(decide(opcc, Action::kSubmitGrantReturn, {"merseyside", {}, "", "", {}}).via, Scope::kArea);
  EXPECT_FALSE(decide(opcc, Action::kSubmitGrantReturn, {"greater-manchester", {}, "", "", {}}).allowed);
  EXPECT_FALSE(reveals_personal_data(Action::kSubmitGrantReturn));
  EXPECT_EQ(to_code(Action::kSubmitGrantReturn), "submit_grant_return");
  for (Role r : {Role::kGatewayAdvisor, Role::kRiskAssessor, Role::kTeamLeader, Role::kPartnerCaseworker,
                 Role::kPoliceReferrer, Role::kAdministrator, Role::kAuditor}) {
    EXPECT_FALSE(role_may(r, Action::kSubmitGrantReturn)) << accounts::to_code(r);
  }
  // The role given to someone outside a commissioner's office grants nothing.
  const Actor misplaced{Role::kCommissioner, "user-e", "org-gateway", "gateway", {"merseyside"}, ""};
  EXPECT_FALSE(decide(misplaced, Action::kSubmitGrantReturn, {"merseyside", {}, "", "", {}}).allowed);
}

// What the pages offer a role (links, menus) follows role_may; these were role.h's own rules
// before the table, kept with the same meaning.
TEST(AccessRoleMay, OnlyAdministratorsEditTheDirectory) {
  EXPECT_TRUE(role_may(Role::kAdministrator, Action::kEditDirectory));
  EXPECT_FALSE(role_may(Role::kCommissioner, Action::kEditDirectory));
  EXPECT_FALSE(role_may(Role::kPartnerCaseworker, Action::kEditDirectory));
}

TEST(AccessRoleMay, AuditorsReadTheAuditLog) {
  EXPECT_TRUE(role_may(Role::kAuditor, Action::kReadAudit));
  EXPECT_FALSE(role_may(Role::kGatewayAdvisor, Action::kReadAudit));
}

TEST(AccessRoleMay, OnlyAdministratorsSeeAndRetryFailedJobs) {
  EXPECT_EQ(to_code(Action::kRunJobs), "run_jobs");
  EXPECT_FALSE(reveals_personal_data(Action::kRunJobs));
  for (Role r : {Role::kGatewayAdvisor, Role::kRiskAssessor, Role::kTeamLeader,
                 Role::kPartnerCaseworker, Role::kPoliceReferrer, Role::kCommissioner,
                 Role::kAuditor}) {
    EXPECT_FALSE(role_may(r, Action::kRunJobs)) << accounts::to_code(r);
  }
  const Actor admin{Role::kAdministrator, "user-a", "org-gw", "gateway", {"merseyside"}, ""};
  EXPECT_TRUE(decide(admin, Action::kRunJobs, {"merseyside", {}, "", "", {}}).allowed);
  const Actor partner_admin{Role::kAdministrator, "user-b", "org-p", "partner", {"merseyside"}, ""};
  EXPECT_FALSE(decide(partner_admin, Action::kRunJobs, {"merseyside", {}, "", "", {}}).allowed);
}

TEST(AccessRoleMay, GatewayStaffAndPartnersEnterReferralsOnTheFormOthersDoNot) {
  for (Role r : {Role::kGatewayAdvisor, Role::kRiskAssessor, Role::kTeamLeader, Role::kPartnerCaseworker}) {
    EXPECT_TRUE(role_may(r, Action::kEnterReferral)) << accounts::to_code(r);
  }
  for (Role r : {Role::kPoliceReferrer, Role::kCommissioner, Role::kAdministrator, Role::kAuditor}) {
    EXPECT_FALSE(role_may(r, Action::kEnterReferral)) << accounts::to_code(r);
  }
}

}  // namespace
}  // namespace vg::access
