// `victim-gateway organisations list`: the staff organisations with their ids, which
// `users create --organisation` needs, so nobody has to read the database to find one.
#include <iostream>
#include <string>

#include "app/accounts/account_service.h"
#include "app/clock.h"
#include "cli/command_support.h"
#include "store/store.h"

namespace vg::cli {
namespace {

int list_organisations(const GlobalOptions& global) {
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    app::AccountService accounts(store, clock);
    auto orgs = accounts.list_organisations();
    if (failed(orgs)) return 1;
    // What each may send (its areas and force codes) beside what it is: an organisation with no
    // areas sends nothing until `users create-organisation --id … --areas …` sets them.
    auto words = [](const std::vector<std::string>& list) {
      std::string out;
      for (const auto& w : list) out += (out.empty() ? "" : ",") + w;
      return out.empty() ? std::string("-") : out;
    };
    std::cout << "id\tname\tkind\tareas\tforce_codes\tdirectory_organization\n";
    for (const auto& o : *orgs) {
      std::cout << o.id << '\t' << o.name << '\t' << o.kind << '\t' << words(o.areas) << '\t'
                << words(o.police_force_codes) << '\t'
                << (o.directory_organization_id.empty() ? "-" : o.directory_organization_id)
                << '\n';
    }
    return 0;
  });
}

}  // namespace

void register_organisations(CLI::App& app, const GlobalOptions& global) {
  auto* orgs = app.add_subcommand("organisations", "Staff organisations (ids for `users create`)");
  orgs->require_subcommand(1);
  auto* list = orgs->add_subcommand("list", "List every organisation: id, name, kind, areas, force codes, directory link");
  on_run(list, [&global] { return list_organisations(global); });
}

}  // namespace vg::cli
