// `victim-gateway users create|create-organisation`: account administration from the shell.
// Passwords come from standard input or are generated; they are printed once and never logged.
#include <iostream>
#include <string>

#include "app/accounts/account_service.h"
#include "app/clock.h"
#include "app/security/random_token.h"
#include "cli/command_support.h"
#include "cli/config.h"
#include "store/store.h"

namespace vg::cli {
namespace {

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
};

int create_user(const GlobalOptions& global, const UsersCreateOptions& opts) {
  auto role = accounts::role_from_code(opts.role);
  if (!role) {
    std::cerr << "error: --role must be one of police_referrer, gateway_advisor, risk_assessor, "
                 "team_leader, partner_caseworker, commissioner, administrator, auditor\n";
    return 2;
  }
  std::string password;
  bool generated = false;
  if (opts.password_stdin) {
    std::getline(std::cin, password);
  } else {
    password = app::random_hex(12);  // 96 bits, shown once
    generated = true;
  }
  auto store = open_configured_store(global);
  if (!store) return 1;
  SystemClock clock;
  app::AccountService accounts(*store, clock);
  auto user = accounts.create_user({opts.email, opts.name, password, *role, opts.organisation_id},
                                   "system:cli");
  if (!user) {
    print_error(user.error());
    return 1;
  }
  std::cout << "created user " << user->id << " (" << accounts::to_code(user->role) << ")\n";
  if (generated) std::cout << "password (shown once): " << password << "\n";
  return 0;
}

int create_organisation(const GlobalOptions& global, const OrganisationOptions& opts) {
  auto store = open_configured_store(global);
  if (!store) return 1;
  SystemClock clock;
  app::AccountService accounts(*store, clock);
  accounts::Organisation org{opts.id.empty() ? app::random_uuid() : opts.id, opts.name, opts.kind,
                             opts.areas, opts.police_force_codes};
  if (auto r = accounts.create_organisation(org, "system:cli"); !r) {
    print_error(r.error());
    return 1;
  }
  std::cout << "organisation " << org.id << "\n";
  return 0;
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
  create->callback([&global, user_opts] {
    if (int rc = create_user(global, *user_opts); rc != 0) throw CLI::RuntimeError(rc);
  });

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
  org->callback([&global, org_opts] {
    if (int rc = create_organisation(global, *org_opts); rc != 0) throw CLI::RuntimeError(rc);
  });
}

}  // namespace vg::cli
