#include "app/accounts/demo_accounts.h"

#include "domain/access/second_factor.h"

namespace vg::app {
namespace {

using accounts::Role;

// Fixed ids so `demo-data` can run again without creating duplicates. Invented organisations
// beside real public names, each marked "(demo)" so no one mistakes them for live accounts.
struct DemoOrganisation {
  const char* id;
  const char* name;
  const char* kind;
  std::vector<std::string> areas;               // what it serves
  std::vector<std::string> police_force_codes;  // a force's own
  // The directory organisation (config/areas/*/directory.json) a partner's staff work for:
  // casework needs to know which services' referrals are theirs.
  const char* directory_organization_id = "";
};

const std::vector<std::string> kAllAreas{"greater-manchester", "merseyside", "staffordshire"};

const DemoOrganisation kOrganisations[] = {
    {"7a1c0e52-3d4b-4c1e-9f00-000000000001", "Victim Gateway administration (demo)", "gateway",
     kAllAreas, {}},
    {"7a1c0e52-3d4b-4c1e-9f00-000000000002", "Victim Care Merseyside hub (demo)", "gateway",
     {"merseyside"}, {}},
    {"7a1c0e52-3d4b-4c1e-9f00-000000000003", "Merseyside Police (demo)", "police", {"merseyside"},
     {"E23000004"}},
    {"7a1c0e52-3d4b-4c1e-9f00-000000000004", "RASA Merseyside (demo)", "partner", {"merseyside"}, {},
     "068423b5-424a-469b-82ba-0fbe2519d480"},
    {"7a1c0e52-3d4b-4c1e-9f00-000000000005", "Office of the Police and Crime Commissioner (demo)",
     "commissioner", {"merseyside"}, {}},
};

struct DemoUser {
  const char* email;
  const char* name;
  const char* password;
  Role role;
  int organisation;
  // The TOTP key (base32) of a role that needs a second factor: invented and public, so a demo
  // user gets a code with `oathtool --totp -b KEY`. Empty for the other roles.
  const char* totp_secret = "";
};

// Demo passwords and keys are public (they are printed and in the README): never load demo data
// into a live deployment.
constexpr DemoUser kUsers[] = {
    {"admin@demo.victim-gateway.test", "Alex Admin", "demo-admin-password", Role::kAdministrator,
     0},
    {"advisor@demo.victim-gateway.test", "Sam Advisor", "demo-advisor-password",
     Role::kGatewayAdvisor, 1, "VGDEMOADVISORSECRETKEYTOTP234567"},
    {"leader@demo.victim-gateway.test", "Taylor Leader", "demo-leader-password", Role::kTeamLeader,
     1, "VGDEMOLEADERSECRETKEYTOTP2345672"},
    {"assessor@demo.victim-gateway.test", "Riley Assessor", "demo-assessor-password",
     Role::kRiskAssessor, 1, "VGDEMOASSESSORSECRETKEYTOTP23456"},
    {"police@demo.victim-gateway.test", "Jordan Police", "demo-police-password",
     Role::kPoliceReferrer, 2},
    {"partner@demo.victim-gateway.test", "Casey Partner", "demo-partner-password",
     Role::kPartnerCaseworker, 3, "VGDEMOPARTNERSECRETKEYTOTP234567"},
    {"commissioner@demo.victim-gateway.test", "Morgan Commissioner", "demo-commissioner-password",
     Role::kCommissioner, 4},
    {"auditor@demo.victim-gateway.test", "Robin Auditor", "demo-auditor-password", Role::kAuditor,
     0},
};

}  // namespace

Result<std::vector<DemoLogin>> load_demo_accounts(AccountService& accounts) {
  const std::string actor = "system:demo-data";
  for (const auto& org : kOrganisations) {
    VG_CHECK(accounts.create_organisation(
        {org.id, org.name, org.kind, org.areas, org.police_force_codes, org.directory_organization_id},
        actor));
  }
  for (const auto& u : kUsers) {
    auto created = accounts.create_user(
        {u.email, u.name, u.password, u.role, kOrganisations[u.organisation].id}, actor);
    if (!created && created.error().code != "conflict") return std::unexpected(created.error());
    // Pre-enrolled, so a demo user goes straight to the code page; run again, this puts the
    // documented key back (as the rest of the demo data is put back).
    if (access::needs_second_factor(u.role) && *u.totp_secret != '\0') {
      auto user = VG_TRY(accounts.find_user(u.email));
      VG_CHECK(accounts.enrol_with_secret(user.id, u.totp_secret, actor));
    }
  }
  return demo_logins();
}

std::vector<DemoLogin> demo_logins() {
  std::vector<DemoLogin> logins;
  for (const auto& u : kUsers) {
    logins.push_back({u.email, u.password, std::string(accounts::to_label(u.role)),
                      access::needs_second_factor(u.role) ? u.totp_secret : ""});
  }
  return logins;
}

}  // namespace vg::app
