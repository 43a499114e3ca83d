// `victim-gateway access-table [--csv]`: prints who may do what (domain/access/access_table),
// for review by the service's data protection officer and its commissioners. Reads nothing
// but the table compiled into the program.
#include <fmt/format.h>

#include <iostream>
#include <string>

#include "cli/commands.h"
#include "domain/access/access_table.h"

namespace vg::cli {
namespace {

std::string kinds_of(const access::Grant& grant) {
  std::string out;
  for (const auto& kind : grant.kinds) out += (out.empty() ? "" : " ") + std::string(kind);
  return out;
}

void print_text(std::ostream& out) {
  out << "Who may do what. Every line holds only within the areas the user's organisation\n"
         "serves; no organisation reads another's victims except through a share the victim\n"
         "consented to; commissioners, administrators and auditors never see a victim's details.\n\n";
  out << fmt::format("{:<20} {:<24} {:<20} {:<20} {}\n", "role", "organisation kind", "action",
                     "scope", "victim's details");
  for (const auto& grant : access::grants()) {
    out << fmt::format("{:<20} {:<24} {:<20} {:<20} {}\n", accounts::to_code(grant.role),
                       kinds_of(grant), access::to_code(grant.action), access::to_code(grant.scope),
                       access::reveals_personal_data(grant.action) ? "yes" : "no");
  }
}

void print_csv(std::ostream& out) {
  out << "role,organisation_kinds,action,scope,reveals_personal_data\n";
  for (const auto& grant : access::grants()) {
    out << accounts::to_code(grant.role) << ',' << kinds_of(grant) << ','
        << access::to_code(grant.action) << ',' << access::to_code(grant.scope) << ','
        << (access::reveals_personal_data(grant.action) ? "true" : "false") << '\n';
  }
}

}  // namespace

void register_access_table(CLI::App& app, const GlobalOptions&) {
  auto* cmd = app.add_subcommand("access-table", "Print who may do what: role, action and scope");
  auto csv = std::make_shared<bool>(false);
  cmd->add_flag("--csv", *csv, "Comma-separated, one line per grant, with a header line");
  cmd->callback([csv] { *csv ? print_csv(std::cout) : print_text(std::cout); });
}

}  // namespace vg::cli
