// `victim-gateway rules load [--area A]` loads each area's routing rules file
// (config/areas/AREA/routing.json) into the database as a new version, after checking the whole
// pack; running servers use it within seconds. `rules list --area A` shows the versions held,
// newest (in force) first. Changed rules need a new "version" in the file: the old version's
// rules stay as they were, because referrals name the version that routed them.
#include <iostream>

#include "app/clock.h"
#include "app/intake/area_pack.h"
#include "app/intake/area_packs.h"
#include "cli/command_support.h"
#include "cli/config.h"

namespace vg::cli {
namespace {

struct RulesOptions {
  std::string area;
};

int load_rules(const GlobalOptions& global, const RulesOptions& options) {
  auto config = load_config(global.config_path);
  if (failed(config)) return 1;
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    app::AreaPacks packs(store, clock, config->config_dir);
    auto loaded = packs.load_rule_sets("system:rules-load", options.area);
    if (failed(loaded)) return 1;
    for (const auto& l : *loaded) {
      std::cout << l.area << ": version " << l.version
                << (l.added ? " loaded, now in force" : " already loaded")
                << "\n";
    }
    return 0;
  });
}

int list_rules(const GlobalOptions& global, const RulesOptions& options) {
  auto store = open_configured_store(global);
  if (!store) return 1;
  auto list = store->rule_sets().list_rule_sets(options.area);
  if (failed(list)) return 1;
  if (list->empty()) std::cout << options.area << ": no routing rules loaded yet\n";
  bool first = true;
  for (const auto& r : *list) {
    std::cout << r.version << "\t" << to_rfc3339(r.loaded_at) << "\t" << r.loaded_by
              << (first ? "\tin force" : "") << "\n";
    first = false;
  }
  return 0;
}

}  // namespace

void register_rules(CLI::App& app, const GlobalOptions& global) {
  auto* rules = app.add_subcommand("rules", "Load and list the areas' routing rule versions");
  rules->require_subcommand(1);
  auto options = std::make_shared<RulesOptions>();
  auto* load = rules->add_subcommand("load", "Load each area's routing rules file as a new version");
  load->add_option("--area", options->area, "Only this area, e.g. merseyside");
  on_run(load, [&global, options] { return load_rules(global, *options); });
  auto* list = rules->add_subcommand("list", "List an area's rule versions, the one in force first");
  list->add_option("--area", options->area, "The area, e.g. merseyside")->required();
  on_run(list, [&global, options] { return list_rules(global, *options); });
}

}  // namespace vg::cli
