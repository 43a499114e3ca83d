// `victim-gateway demo-data`: loads the victim-support taxonomy, the three seed areas' directories
// (real organisation names, invented contact details marked as illustrative), the demo
// organisations and log-ins (printed at the end), and optionally N generated services for
// benchmarks. Safe to run again: everything has a fixed id and is updated in place.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "app/accounts/account_service.h"
#include "app/accounts/demo_accounts.h"
#include "app/clock.h"
#include "app/directory/area_directory_file.h"
#include "app/directory/directory_generator.h"
#include "app/directory/directory_service.h"
#include "cli/command_support.h"

namespace vg::cli {
namespace {

constexpr const char* kAreas[] = {"greater-manchester", "merseyside", "staffordshire"};
constexpr const char* kActor = "system:demo-data";
constexpr int kGeneratedBatch = 1000;

struct DemoOptions {
  std::string config_dir = std::string(VG_SOURCE_DIR) + "/config";
  int services = 0;
  std::uint64_t seed = 1;
};

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool report(const Result<void>& r, const std::string& what) {
  if (r) return true;
  std::cerr << "error: " << what << ": " << r.error().message << "\n";
  for (const auto& f : r.error().fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return false;
}

int demo_data(const GlobalOptions& global, const DemoOptions& options) {
  auto store = open_configured_store(global, 2);
  if (!store) return 1;
  SystemClock clock;
  app::DirectoryService directory(*store, clock);

  const std::filesystem::path root(options.config_dir);
  const auto taxonomy_file = root / "taxonomy" / "victim-support.json";
  auto taxonomy = read_file(taxonomy_file);
  if (!taxonomy) {
    std::cerr << "error: cannot read " << taxonomy_file << "\n";
    return 1;
  }
  if (auto imported = directory.import_hsds(*taxonomy, kActor); !imported) {
    report(std::unexpected(imported.error()), taxonomy_file.string());
    return 1;
  }

  std::vector<std::string> organization_ids;
  int services = 0;
  for (const char* area : kAreas) {
    const auto file = root / "areas" / area / "directory.json";
    auto text = read_file(file);
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
                                            *directory.taxonomy());
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

  app::AccountService accounts(*store, clock, app::AccountPolicy{});
  auto logins = app::load_demo_accounts(accounts);
  if (!logins) {
    report(std::unexpected(logins.error()), "demo accounts");
    return 1;
  }
  std::sort(organization_ids.begin(), organization_ids.end());
  organization_ids.erase(std::unique(organization_ids.begin(), organization_ids.end()),
                         organization_ids.end());
  std::cout << "demo data: " << services << " services from " << organization_ids.size()
            << " organisations in 3 areas\n";
  std::cout << "demo log-ins (invented people; never use these in production):\n  " << std::left
            << std::setw(40) << "email" << std::setw(28) << "password" << "role\n";
  for (const auto& login : *logins) {
    std::cout << "  " << std::left << std::setw(40) << login.email << std::setw(28) << login.password
              << login.role_label << "\n";
  }
  return 0;
}

}  // namespace

void register_demo_data(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand(
      "demo-data", "Load the demo directory, taxonomy and log-ins (invented contact details)");
  auto options = std::make_shared<DemoOptions>();
  cmd->add_option("--config-dir", options->config_dir,
                  "Folder holding taxonomy/ and areas/ (default: the source tree's config/)");
  cmd->add_option("--services", options->services,
                  "Also generate this many invented services (benchmarks)")
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--seed", options->seed, "Seed for generated services");
  cmd->callback([&global, options] {
    if (int rc = demo_data(global, *options); rc != 0) throw CLI::RuntimeError(rc);
  });
}

}  // namespace vg::cli
