// `victim-gateway api-keys create --org ID [--label TEXT]` and `api-keys revoke KEY-ID`: the keys
// police and partner case systems send referrals with. The secret is printed once, at creation;
// only its hash is stored, so a lost key is revoked and replaced, never recovered.
#include <iostream>

#include "app/clock.h"
#include "app/intake/api_keys.h"
#include "cli/command_support.h"
#include "cli/config.h"

namespace vg::cli {
namespace {

struct KeyOptions {
  std::string organisation_id;
  std::string label;
  std::string key_id;
};

int create_key(const GlobalOptions& global, const KeyOptions& options) {
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    app::ApiKeys keys(store, clock);
    auto key = keys.create_api_key(options.organisation_id, options.label, "system:api-keys");
    if (failed(key)) return 1;
    std::cout << "api key " << key->key.id << " for organisation " << key->key.organisation_id
              << "\n"
              << "secret (shown once; send it as 'Authorization: Bearer SECRET'):\n"
              << key->secret << "\n";
    return 0;
  });
}

int revoke_key(const GlobalOptions& global, const KeyOptions& options) {
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    app::ApiKeys keys(store, clock);
    if (failed(keys.revoke_api_key(options.key_id, "system:api-keys"))) return 1;
    std::cout << "revoked api key " << options.key_id << "\n";
    return 0;
  });
}

}  // namespace

void register_api_keys(CLI::App& app, const GlobalOptions& global) {
  auto* keys = app.add_subcommand("api-keys", "Create or revoke API keys for referral senders");
  keys->require_subcommand(1);
  auto options = std::make_shared<KeyOptions>();
  auto* create = keys->add_subcommand("create", "Create a key for an organisation (prints the secret once)");
  create->add_option("--org", options->organisation_id, "Organisation id")->required();
  create->add_option("--label", options->label, "What the key is for, e.g. the force's case system");
  on_run(create, [&global, options] { return create_key(global, *options); });
  auto* revoke = keys->add_subcommand("revoke", "Revoke a key: it stops working at once");
  revoke->add_option("KEY_ID", options->key_id, "The key's id")->required();
  on_run(revoke, [&global, options] { return revoke_key(global, *options); });
}

}  // namespace vg::cli
