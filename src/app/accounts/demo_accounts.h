// Demo organisations and users for `demo-data` (invented people only). The log-ins, with the
// documented TOTP keys of roles that need a second factor, are printed by `make run` and listed
// in the README; never loaded in production unless asked for.
#pragma once

#include <string>
#include <vector>

#include "app/accounts/account_service.h"
#include "domain/result.h"

namespace vg::app {

struct DemoLogin {
  std::string email;
  std::string password;
  std::string role_label;
  std::string totp_secret;  // base32; empty when the role signs in without a second factor
};

// Creates the demo organisations and one user per role; skips any that already exist. Users whose
// role needs a second factor are enrolled with their documented key.
Result<std::vector<DemoLogin>> load_demo_accounts(AccountService& accounts);

// The demo log-ins as load_demo_accounts creates them, without touching any store.
std::vector<DemoLogin> demo_logins();

}  // namespace vg::app
