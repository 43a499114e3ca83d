// Sub-commands of the victim-gateway program. Each lives in its own *_command.cpp and
// registers itself on the CLI11 app; all of them print errors, never personal data.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vg::cli {

// Shared options every sub-command can read after parsing.
struct GlobalOptions {
  std::string config_path;  // --config
};

int run(int argc, char** argv);

void register_serve(CLI::App& app, const GlobalOptions& global);
void register_migrate(CLI::App& app, const GlobalOptions& global);
void register_demo_data(CLI::App& app, const GlobalOptions& global);
void register_users(CLI::App& app, const GlobalOptions& global);
void register_organisations(CLI::App& app, const GlobalOptions& global);
void register_import_directory(CLI::App& app, const GlobalOptions& global);
void register_export_directory(CLI::App& app, const GlobalOptions& global);
void register_import_postcodes(CLI::App& app, const GlobalOptions& global);
void register_verify_audit(CLI::App& app, const GlobalOptions& global);
void register_route(CLI::App& app, const GlobalOptions& global);
void register_api_keys(CLI::App& app, const GlobalOptions& global);
void register_import_referrals(CLI::App& app, const GlobalOptions& global);
void register_rules(CLI::App& app, const GlobalOptions& global);
void register_access_table(CLI::App& app, const GlobalOptions& global);
void register_jobs(CLI::App& app, const GlobalOptions& global);
void register_backup(CLI::App& app, const GlobalOptions& global);  // backup and restore
void register_rotate_keys(CLI::App& app, const GlobalOptions& global);

}  // namespace vg::cli
