// `victim-gateway demo-data`: loads the victim-support taxonomy, the three seed areas' directories
// (real organisation names, invented contact details marked as illustrative), the demo
// organisations and log-ins (printed at the end), and optionally N generated services for
// benchmarks. Safe to run again: everything has a fixed id and is updated in place, which undoes
// an operator's edits; `--if-empty` (what `make run` uses) loads nothing into a database that
// already holds a directory.
#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "app/accounts/account_service.h"
#include "app/accounts/demo_accounts.h"
#include "app/casework/demo_teams.h"
#include "app/clock.h"
#include "app/directory/area_directory_file.h"
#include "app/directory/directory_generator.h"
#include "app/directory/directory_admin.h"
#include "app/directory/directory_transfer.h"
#include "app/directory/local_authorities.h"
#include "app/intake/area_packs.h"
#include "app/intake/referral_intake.h"
#include "app/intake/referral_generator.h"
#include "app/read_file.h"
#include "cli/command_support.h"
#include "cli/config.h"

namespace vg::cli {
namespace {

constexpr const char* kAreas[] = {"greater-manchester", "merseyside", "staffordshire"};
constexpr const char* kActor = "system:demo-data";
constexpr int kGeneratedBatch = 1000;

struct DemoOptions {
  std::string config_dir;  // default: the configured one (VG_CONFIG_DIR, or the source's config/)
  int services = 0;
  std::uint64_t seed = 1;
  std::string area;        // referrals for this area only (default: all three)
  int referrals = 0;
  std::string feed_out;    // write the referrals as a CSV bulk feed instead of storing them
  bool if_empty = false;   // load only into a database with no directory yet
};

// One line a log-in: email, password, authenticator key ("-" for none), role. Tests read these
// lines (tests/support/demo_logins.mjs): the key is printed here and nowhere else.
void print_logins(const std::vector<app::DemoLogin>& logins) {
  std::cout << "demo log-ins (invented people; never use these in production; for a code, "
               "oathtool --totp -b KEY):\n  "
            << std::left << std::setw(40) << "email" << std::setw(28) << "password" << std::setw(34)
            << "authenticator key"
            << "role\n";
  for (const auto& login : logins) {
    std::cout << "  " << std::left << std::setw(40) << login.email << std::setw(28)
              << login.password << std::setw(34)
              << (login.totp_secret.empty() ? "-" : login.totp_secret) << login.role_label << "\n";
  }
}


bool report(const Result<void>& r, const std::string& what) {
  if (r) return true;
  std::cerr << "error: " << what << ": " << r.error().message << "\n";
  for (const auto& f : r.error().fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return false;
}

constexpr const char* kDemoPoliceOrganisation = "7a1c0e52-3d4b-4c1e-9f00-000000000003";
constexpr const char* kDemoGatewayOrganisation = "7a1c0e52-3d4b-4c1e-9f00-000000000001";


// Invented referrals: stored through the same intake as the API, or written as a feed file.
int demo_referrals(store::Store& store, const Clock& clock, const DemoOptions& options) {
  app::AreaPacks packs(store, clock, options.config_dir);
  app::SenderScopes scopes(store, clock);
  app::ReferralIntake intake(store, clock, packs, scopes);
  std::vector<std::string> areas;
  if (!options.area.empty()) {
    areas.push_back(options.area);
  } else {
    areas = {kAreas[0], kAreas[1], kAreas[2]};
  }
  std::ofstream feed;
  if (!options.feed_out.empty()) {
    feed.open(options.feed_out, std::ios::trunc);
    if (!feed) {
      std::cerr << "error: cannot write " << options.feed_out << "\n";
      return 1;
    }
    feed << app::referral_feed_header() << "\n";
  }
  std::int64_t stored = 0;
  for (std::size_t a = 0; a < areas.size(); ++a) {
    auto pack = packs.area_pack(areas[a]);
    if (!pack) {
      report(std::unexpected(pack.error()), "--area");
      return 2;
    }
    std::vector<std::string> districts;
    std::string force;
    for (const auto& la : app::local_authorities()) {
      if (app::area_id(la.police_force_area) != areas[a]) continue;
      districts.push_back(la.code);
      force = la.force_code;
    }
    app::ReferralGenerator generator(**pack, districts, force, options.seed + a);
    const int share = options.referrals / static_cast<int>(areas.size()) +
                      (a == 0 ? options.referrals % static_cast<int>(areas.size()) : 0);
    for (int i = 0; i < share; ++i) {
      auto referral = generator.next(!options.feed_out.empty());
      if (feed.is_open()) {
        feed << app::referral_feed_row(referral) << "\n";
        continue;
      }
      // Each channel from a sender that may use it: the demo force sends Merseyside's police
      // referrals (the other areas' become calls to the gateway), the public its self-referrals,
      // and the gateway the calls and partner agencies' referrals it takes.
      std::string channel(referral.at("channel").as_string());
      if (channel == "police" && areas[a] != "merseyside") referral["channel"] = channel = "phone";
      const char* sender = channel == "police" ? kDemoPoliceOrganisation
                           : channel == "self" ? ""
                                               : kDemoGatewayOrganisation;
      auto answer = intake.submit(boost::json::serialize(referral), sender, "", kActor);
      if (!answer) {
        report(std::unexpected(answer.error()), "demo referral " + std::to_string(i + 1));
        return 1;
      }
      ++stored;
    }
  }
  if (feed.is_open()) {
    std::cout << "demo referrals: " << options.referrals << " rows written to " << options.feed_out << "\n";
  } else {
    std::cout << "demo referrals: " << stored << " stored\n";
  }
  return 0;
}

int demo_data(const GlobalOptions& global, DemoOptions options) {
  if (options.config_dir.empty()) {
    auto config = load_config(global.config_path);
    if (failed(config)) return 1;
    options.config_dir = config->config_dir;
  }
  // Referrals it stores are sealed with the notes key, as the server's are.
  auto store = open_configured_store(global, 2, options.referrals > 0 && options.feed_out.empty());
  if (!store) return 1;
  SystemClock clock;
  // Referrals only (the directory and log-ins are loaded by a plain `demo-data` first).
  if (options.referrals > 0) return demo_referrals(*store, clock, options);
  app::TaxonomyCache taxonomy(*store, clock);
  app::DirectoryGeneration generation;
  app::DirectoryTransfer transfer(*store, clock, taxonomy, generation);
  app::DirectoryAdmin directory(*store, clock, taxonomy, generation);

  if (options.if_empty) {
    // Any directory organisation means someone (a first run, an import, /admin) has been here:
    // loading again would overwrite what they changed.
    auto held = store->directory().list_organizations({1, 1});
    if (!held) {
      report(std::unexpected(held.error()), "the directory");
      return 1;
    }
    if (held->total_items > 0) {
      std::cout << "demo data: not loaded: the database already holds a directory, kept as it is "
                   "(load it again with a plain `demo-data`)\n";
      print_logins(app::demo_logins());
      return 0;
    }
  }

  const std::filesystem::path root(options.config_dir);
  const auto taxonomy_file = root / "taxonomy" / "victim-support.json";
  auto taxonomy_text = app::read_file(taxonomy_file);
  if (!taxonomy_text) {
    std::cerr << "error: cannot read " << taxonomy_file << "\n";
    return 1;
  }
  if (auto imported = transfer.import_hsds(*taxonomy_text, kActor); !imported) {
    report(std::unexpected(imported.error()), taxonomy_file.string());
    return 1;
  }

  std::vector<std::string> organization_ids;
  int services = 0;
  for (const char* area : kAreas) {
    const auto file = root / "areas" / area / "directory.json";
    auto text = app::read_file(file);
    if (!text) {
      std::cerr << "error: cannot read " << file << "\n";
      return 1;
    }
    auto parsed = app::parse_area_directory(*text);
    if (!parsed) {
      report(std::unexpected(parsed.error()), file.string());
      return 1;
    }
    for (const auto& org : parsed->organizations) {
      auto saved = directory.save_organization(org, kActor);
      if (!saved) {
        report(std::unexpected(saved.error()), file.string() + " organisation " + org.id);
        return 1;
      }
      organization_ids.push_back(*saved);
    }
    auto saved = directory.save_services(parsed->services, kActor);
    if (!saved) {
      report(std::unexpected(saved.error()), file.string());
      return 1;
    }
    services += static_cast<int>(saved->size());
  }

  if (options.services > 0) {
    auto generated = app::generate_services(options.services, options.seed, organization_ids,
                                            *taxonomy.get());
    for (std::size_t start = 0; start < generated.size(); start += kGeneratedBatch) {
      const auto end = std::min(generated.size(), start + kGeneratedBatch);
      std::vector<app::ServiceForm> batch(generated.begin() + static_cast<std::ptrdiff_t>(start),
                                          generated.begin() + static_cast<std::ptrdiff_t>(end));
      if (auto saved = directory.save_services(batch, kActor); !saved) {
        report(std::unexpected(saved.error()), "generated services");
        return 1;
      }
    }
    services += options.services;
  }

  app::AreaPacks packs(*store, clock, options.config_dir);
  auto rules = packs.load_rule_sets(kActor);
  if (!rules) {
    report(std::unexpected(rules.error()), "routing rules");
    return 1;
  }

  app::AccountService accounts(*store, clock, app::AccountPolicy{});
  auto logins = app::load_demo_accounts(accounts);
  if (!logins) {
    report(std::unexpected(logins.error()), "demo accounts");
    return 1;
  }
  if (!report(app::load_demo_teams(*store, clock), "demo team")) return 1;
  std::sort(organization_ids.begin(), organization_ids.end());
  organization_ids.erase(std::unique(organization_ids.begin(), organization_ids.end()),
                         organization_ids.end());
  std::cout << "demo data: " << services << " services from " << organization_ids.size()
            << " organisations in 3 areas; routing rules";
  for (const auto& r : *rules) std::cout << " " << r.area << "@" << r.version;
  std::cout << "\n";
  print_logins(*logins);
  return 0;
}

}  // namespace

void register_demo_data(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand(
      "demo-data", "Load the demo directory, taxonomy and log-ins (invented contact details)");
  auto options = std::make_shared<DemoOptions>();
  cmd->add_option("--config-dir", options->config_dir,
                  "Folder holding taxonomy/ and areas/ (default: VG_CONFIG_DIR, else the source's config/)");
  cmd->add_option("--services", options->services,
                  "Also generate this many invented services (benchmarks)")
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--seed", options->seed, "Seed for generated services and referrals");
  cmd->add_option("--referrals", options->referrals,
                  "Generate this many invented referrals (after a plain demo-data run)")
      ->check(CLI::Range(0, 100000000));
  cmd->add_option("--area", options->area, "Area pack for --referrals (default: all three)");
  cmd->add_flag("--if-empty", options->if_empty,
                "Load nothing if the database already holds a directory (keeps an operator's edits)");
  cmd->add_option("--feed-out", options->feed_out,
                  "Write the --referrals as a CSV bulk feed to this file instead of storing them");
  on_run(cmd, [&global, options] { return demo_data(global, *options); });
}

}  // namespace vg::cli
