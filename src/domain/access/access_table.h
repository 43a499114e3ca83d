// Who may do what: one table of role × action × relationship to the record, and the one decision
// every use case asks ("may this actor do this to this record?"). Pure rules; no I/O.
//
// Three rules hold for every line, and tests/unit/domain/access check them over the table itself:
// - Nothing crosses areas. Each area is a separate police and crime commissioner's service: a
//   record outside the actor's organisation's areas is refused whatever the line says.
// - No organisation reads another's victims except through a share the victim consented to.
//   A referral belongs to the organisation that sent it and to the area's gateway that holds
//   it; everyone else reaches it only as a consented share, or as a case allocated to them.
// - Commissioners, administrators and auditors never reach a victim's personal data.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/role.h"

namespace vg::access {

using accounts::Role;

enum class Action {
  kEnterReferral,     // take a referral on the staff form (phone, chat, partner)
  kReadReferral,      // see a referral or case with the victim's details
  kAllocateCase,      // give a case to a caseworker, or take it back
  kWorkCase,          // contact attempts, consent, needs, plan, onward referrals, notes
  kReadInsight,       // de-identified figures: demand, timeliness, outcomes, cost
  kEditDirectory,     // organisations and services in the public directory
  kLoadRoutingRules,  // a new version of an area's routing rules
  kManageUsers,       // staff accounts and their roles
  kManageApiKeys,     // keys that police and partner systems send referrals with
  kReadAudit,         // the audit log (who did what; no victim's details)
  kReadReferralStatus,  // how far a referral one sent has come (received ... closed), no details
  kRunJobs,           // see failed background jobs and try them again (ids and codes only)
  kAnswerOnwardReferral,  // a partner's inbox: see a referral sent on to it, accept, decline, complete
  kTakeChat,    // see an area's chat queue (wait times only, no words) and take a chat from it
  kAnswerChat,  // read and write a chat one has taken, and end it
  kHoldCase,    // place or lift a legal hold, which stops retention erasing a case (codes only)
  kExportSubjectAccess,  // find everything held about a person and export it (a subject access request)
  kEraseOnRequest,       // erase a person's personal data on their request, where the law allows
  kSubmitGrantReturn,  // the exact, unsuppressed grant return figures for the Ministry of Justice
};

// What the actor must be to the record, beyond sharing its area.
enum class Scope {
  kArea,                // anything in the actor's areas: only for actions with no victim data
  kOwnOrganisation,     // the record belongs to the actor's organisation (sender or holder)
  kOwnTeam,             // the case is held by the actor's team
  kAllocatedToMe,       // the case is allocated to the actor
  kSharedWithConsent,   // the record was shared with the actor's organisation, with consent
  // The record belongs to the actor's organisation but not to their team or to them: allowed
  // only by break glass, with a reason the person records first (app/casework/break_glass.h
  // asks for it; the table only says that this is the right being used). Always the last line
  // of its role and action, so a nearer relationship is reported when there is one.
  kBreakGlass,
};

// One line of the table: `role` may do `action` to records it is `scope` to, when its
// organisation is of one of `kinds` (a role held in the wrong kind of organisation, such as a
// gateway advisor's role given to a partner's user, grants nothing).
struct Grant {
  Role role;
  Action action;
  Scope scope;
  std::span<const std::string_view> kinds;
};

// Who is asking. A person's role and organisation, or an API key's organisation (acting as
// the role its organisation's kind sends with), or a named background job.
struct Actor {
  Role role = Role::kGatewayAdvisor;
  std::string user_id;  // empty for an API key or a job
  std::string organisation_id;
  std::string organisation_kind;  // gateway | police | partner | commissioner
  std::vector<std::string> areas;  // area pack ids the organisation serves
  std::string team_id;             // empty: in no team
};

// An organisation a record was shared with, and whether the victim consented to that share.
struct Share {
  std::string organisation_id;
  bool consented = false;
};

// What the decision needs to know about the record acted on. For an action on no particular
// record (entering a new referral, reading insight for an area) only `area` is set.
struct Subject {
  std::string area;
  std::vector<std::string> organisations;  // the sender's and the holder's
  std::string team_id;
  std::string allocated_to;  // user id
  std::vector<Share> shares;
};

struct Decision {
  bool allowed = false;
  std::optional<Scope> via;  // the relationship that allowed it
  std::string_view reason;   // why not, in words for the audit log and problem+json (never data)
};

// The whole table, in the order it is printed.
std::span<const Grant> grants();

// May `actor` do `action` to `subject`? Refused when the subject is outside the actor's areas,
// or no line of the table for the actor's role and organisation kind reaches the subject.
Decision decide(const Actor& actor, Action action, const Subject& subject);

// Does the role have any line for the action (for showing a link or a menu entry; the use case
// still decides on the record)?
bool role_may(Role role, Action action);

// Does the action show a victim's personal data?
bool reveals_personal_data(Action action);

std::string_view to_code(Action action);  // "read_referral"
std::string_view to_code(Scope scope);    // "own_organisation"
std::span<const Action> all_actions();

}  // namespace vg::access
