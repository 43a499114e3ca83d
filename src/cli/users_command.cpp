// `victim-gateway users create|create-organisation|create-team|join-team|list|disable|enable|unlock|
// reset-password|reset-second-factor`: account administration from the shell. Passwords come from standard input
// or are generated; they are printed once and never logged. Every change is audited as
// "system:cli".
#include <iostream>
#include <string>

#include "app/accounts/account_service.h"
#include "app/casework/team_admin.h"
#include "app/clock.h"
#include "app/security/random_token.h"
#include "cli/command_support.h"
#include "cli/config.h"
#include "store/store.h"

namespace vg::cli {
namespace {

constexpr const char* kActor = "system:cli";

struct UsersCreateOptions {
  std::string email;
  std::string name;
  std::string role;
  std::string organisation_id;
  bool password_stdin = false;
};

struct OrganisationOptions {
  std::string id;
  std::string name;
  std::string kind = "partner";
  std::vector<std::string> areas;
  std::vector<std::string> police_force_codes;
  std::string directory_organization_id;
};

struct TeamOptions {
  std::string id;
  std::string name;
  std::string organisation_id;
  std::string area;
};

struct JoinTeamOptions {
  std::string email;
  std::string team_id;
  int capacity = 20;
};

// Names one existing user, by --email or --id.
struct UserChoice {
  std::string email;
  std::string id;
  std::string positional;       // reset-second-factor EMAIL
  bool password_stdin = false;  // reset-password only
};

// A password read from the first line of standard input, or a generated one shown once.
std::string password_for(bool from_stdin, bool& generated) {
  std::string password;
  generated = !from_stdin;
  if (from_stdin) {
    std::getline(std::cin, password);
  } else {
    password = app::random_hex(12);  // 96 bits, shown once
  }
  return password;
}

int create_user(const GlobalOptions& global, const UsersCreateOptions& opts) {
  auto role = accounts::role_from_code(opts.role);
  if (!role) {
    std::cerr << "error: --role must be one of police_referrer, gateway_advisor, risk_assessor, "
                 "team_leader, partner_caseworker, commissioner, administrator, auditor\n";
    return 2;
  }
  bool generated = false;
  const std::string password = password_for(opts.password_stdin, generated);
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    app::AccountService accounts(store, clock);
    auto user = accounts.create_user({opts.email, opts.name, password, *role, opts.organisation_id},
                                     kActor);
    if (failed(user)) return 1;
    std::cout << "created user " << user->id << " (" << accounts::to_code(user->role) << ")\n";
    if (generated) std::cout << "password (shown once): " << password << "\n";
    return 0;
  });
}

int create_organisation(const GlobalOptions& global, const OrganisationOptions& opts) {
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    app::AccountService accounts(store, clock);
    accounts::Organisation org{opts.id.empty() ? app::random_uuid() : opts.id, opts.name, opts.kind,
                               opts.areas, opts.police_force_codes, opts.directory_organization_id};
    if (failed(accounts.create_organisation(org, kActor))) return 1;
    std::cout << "organisation " << org.id << "\n";
    return 0;
  });
}

int create_team(const GlobalOptions& global, const TeamOptions& opts) {
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    const casework::Team team{opts.id.empty() ? app::random_uuid() : opts.id, opts.organisation_id, opts.area,
                              opts.name};
    if (failed(app::save_team(store, clock, team, kActor))) return 1;
    std::cout << "team " << team.id << "\n";
    return 0;
  });
}

int join_team(const GlobalOptions& global, const JoinTeamOptions& opts) {
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    app::AccountService accounts(store, clock);
    auto user = accounts.find_user(opts.email);
    if (failed(user)) return 1;
    if (failed(app::place_in_team(store, clock, user->id, opts.team_id, opts.capacity, kActor))) return 1;
    std::cout << "placed user " << user->id << " in team " << opts.team_id << "\n";
    return 0;
  });
}

int list_users(const GlobalOptions& global) {
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    app::AccountService accounts(store, clock);
    auto users = accounts.list_users();
    if (failed(users)) return 1;
    // Tab-separated with a header line, for people and for `cut`/`awk` alike.
    std::cout << "id\temail\tname\trole\torganisation_id\tactive\n";
    for (const auto& u : *users) {
      std::cout << u.id << '\t' << u.email << '\t' << u.display_name << '\t'
                << accounts::to_code(u.role) << '\t' << u.organisation_id << '\t'
                << (u.active ? "yes" : "no") << '\n';
    }
    return 0;
  });
}

enum class UserChange { kDisable, kEnable, kUnlock, kResetPassword, kResetSecondFactor };

int change_user(const GlobalOptions& global, UserChoice choice, UserChange change) {
  if (!choice.positional.empty() && choice.email.empty() && choice.id.empty()) {
    (choice.positional.find('@') != std::string::npos ? choice.email : choice.id) =
        choice.positional;
  } else if (!choice.positional.empty()) {
    std::cerr << "error: name the user once: EMAIL, --email or --id\n";
    return 2;
  }
  if (choice.email.empty() == choice.id.empty()) {
    std::cerr << "error: name the user with exactly one of --email or --id\n";
    return 2;
  }
  bool generated = false;
  std::string password;
  if (change == UserChange::kResetPassword) password = password_for(choice.password_stdin, generated);
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    app::AccountService accounts(store, clock);
    auto user = accounts.find_user(choice.email.empty() ? choice.id : choice.email);
    if (failed(user)) return 1;
    Result<void> done;
    const char* what = "";
    switch (change) {
      case UserChange::kDisable:
        done = accounts.set_active(user->id, false, kActor);
        what = "disabled user (every session ended)";
        break;
      case UserChange::kEnable:
        done = accounts.set_active(user->id, true, kActor);
        what = "enabled user";
        break;
      case UserChange::kUnlock:
        done = accounts.unlock(user->id, kActor);
        what = "unlocked user (sign-in waits lifted)";
        break;
      case UserChange::kResetPassword:
        done = accounts.reset_password(user->id, password, kActor);
        what = "reset the password of user (every session ended)";
        break;
      case UserChange::kResetSecondFactor:
        done = accounts.reset_second_factor(user->id, kActor);
        what =
            "reset the second factor of user (every session ended; they set up an "
            "authenticator app again at their next sign-in)";
        break;
    }
    if (failed(done)) return 1;
    std::cout << what << " " << user->id << "\n";
    if (generated) std::cout << "password (shown once): " << password << "\n";
    return 0;
  });
}

void add_user_choice(CLI::App* cmd, UserChoice& choice) {
  cmd->add_option("--email", choice.email, "The user's sign-in email address");
  cmd->add_option("--id", choice.id, "The user's id");
}

}  // namespace

void register_users(CLI::App& app, const GlobalOptions& global) {
  auto* users = app.add_subcommand("users", "Manage staff accounts and organisations");
  users->require_subcommand(1);

  auto user_opts = std::make_shared<UsersCreateOptions>();
  auto* create = users->add_subcommand("create", "Create a user (prints a generated password "
                                                 "unless --password-stdin is given)");
  create->add_option("--email", user_opts->email, "Sign-in email address")->required();
  create->add_option("--name", user_opts->name, "Display name")->required();
  create->add_option("--role", user_opts->role, "Role code, e.g. gateway_advisor")->required();
  create->add_option("--organisation", user_opts->organisation_id, "Organisation id")->required();
  create->add_flag("--password-stdin", user_opts->password_stdin,
                   "Read the password from the first line of standard input");
  on_run(create, [&global, user_opts] { return create_user(global, *user_opts); });

  auto org_opts = std::make_shared<OrganisationOptions>();
  auto* org = users->add_subcommand("create-organisation", "Create or rename an organisation");
  org->add_option("--id", org_opts->id, "Organisation id (default: a new UUID)");
  org->add_option("--name", org_opts->name, "Organisation name")->required();
  org->add_option("--kind", org_opts->kind, "gateway | police | partner | commissioner");
  org->add_option("--areas", org_opts->areas,
                  "Areas it serves, comma-separated (e.g. merseyside); a force defaults to its own")
      ->delimiter(',');
  org->add_option("--force-codes", org_opts->police_force_codes,
                  "A police force's own force codes, comma-separated (e.g. E23000004)")
      ->delimiter(',');
  org->add_option("--directory-organisation", org_opts->directory_organization_id,
                  "A partner's organisation in the directory, whose services' onward referrals it answers");
  on_run(org, [&global, org_opts] { return create_organisation(global, *org_opts); });

  auto team_opts = std::make_shared<TeamOptions>();
  auto* team = users->add_subcommand("create-team", "Create or rename a gateway organisation's team");
  team->add_option("--id", team_opts->id, "Team id (default: a new UUID)");
  team->add_option("--name", team_opts->name, "Team name")->required();
  team->add_option("--organisation", team_opts->organisation_id, "The gateway organisation's id")->required();
  team->add_option("--area", team_opts->area, "The area it serves (e.g. merseyside)")->required();
  on_run(team, [&global, team_opts] { return create_team(global, *team_opts); });

  auto join_opts = std::make_shared<JoinTeamOptions>();
  auto* join = users->add_subcommand("join-team", "Place a member of staff in their organisation's team");
  join->add_option("--email", join_opts->email, "The user's sign-in email address")->required();
  join->add_option("--team", join_opts->team_id, "Team id")->required();
  join->add_option("--capacity", join_opts->capacity, "Open cases they can hold (default 20)");
  on_run(join, [&global, join_opts] { return join_team(global, *join_opts); });

  auto* list = users->add_subcommand("list", "List every user: id, email, name, role, "
                                             "organisation id, active");
  on_run(list, [&global] { return list_users(global); });

  struct Change {
    const char* name;
    const char* help;
    UserChange change;
  };
  for (const Change& c :
       {Change{"disable", "Stop a user signing in and end every session of theirs at once",
               UserChange::kDisable},
        Change{"enable", "Let a disabled user sign in again", UserChange::kEnable},
        Change{"unlock", "Lift the waits that failed sign-ins put on a user's account",
               UserChange::kUnlock},
        Change{"reset-password",
               "Set a new password (generated and shown once unless --password-stdin is given) "
               "and end the user's sessions",
               UserChange::kResetPassword},
        Change{"reset-second-factor",
               "Forget a user's authenticator app and recovery codes (they lost them) and end "
               "their sessions: they set up a new app at their next sign-in",
               UserChange::kResetSecondFactor}}) {
    auto choice = std::make_shared<UserChoice>();
    auto* cmd = users->add_subcommand(c.name, c.help);
    add_user_choice(cmd, *choice);
    if (c.change == UserChange::kResetPassword) {
      cmd->add_flag("--password-stdin", choice->password_stdin,
                    "Read the password from the first line of standard input");
    }
    if (c.change == UserChange::kResetSecondFactor) {
      cmd->add_option("EMAIL", choice->positional, "The user's sign-in email address (or id)");
    }
    on_run(cmd, [&global, choice, change = c.change] {
      return change_user(global, *choice, change);
    });
  }
}

}  // namespace vg::cli
