#include "cli/commands.h"

#include <iostream>

namespace vg::cli {

int run(int argc, char** argv) {
  CLI::App app{"Victim Gateway: one front door for every victim of crime"};
  app.set_version_flag("--version", std::string("victim-gateway ") + VG_VERSION);
  app.require_subcommand(1);
  GlobalOptions global;
  app.add_option("--config", global.config_path, "TOML configuration file")
      ->envname("VG_CONFIG");

  register_serve(app, global);
  register_migrate(app, global);
  register_demo_data(app, global);
  register_users(app, global);
  register_organisations(app, global);
  register_import_directory(app, global);
  register_export_directory(app, global);
  register_import_postcodes(app, global);
  register_verify_audit(app, global);
  register_route(app, global);
  register_api_keys(app, global);
  register_import_referrals(app, global);
  register_rules(app, global);
  register_access_table(app, global);
  register_jobs(app, global);
  register_backup(app, global);
  register_rotate_keys(app, global);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}

}  // namespace vg::cli
