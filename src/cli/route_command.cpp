// `victim-gateway route --area AREA --explain FILE.json`: assesses and routes one referral with
// the area pack's rules and prints the whole decision as JSON, touching no database. The file is
// a referral (docs/formats/referral.md), or {"referral": {...}, "service_load": {"ID": n}} to
// try what happens when services are full.
#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/area_pack.h"
#include "app/intake/referral_json.h"
#include "app/intake/routed_referral.h"
#include "cli/command_support.h"

namespace vg::cli {
namespace {

struct RouteOptions {
  std::string area;
  std::string file;
  bool explain = false;
  std::string config_dir = std::string(VG_SOURCE_DIR) + "/config";
};

void print_problem(const Error& e) {
  boost::json::array errors;
  for (const auto& f : e.fields) {
    errors.push_back(boost::json::object{{"field", f.field}, {"code", f.code}, {"message", f.message}});
  }
  std::cout << boost::json::serialize(boost::json::object{
                   {"error", e.code}, {"message", e.message}, {"errors", std::move(errors)}})
            << "\n";
}

int route(const RouteOptions& options) {
  auto pack = app::load_area_pack(options.config_dir, options.area);
  if (failed(pack)) return 2;
  std::ifstream in(options.file, std::ios::binary);
  if (!in) {
    std::cerr << "error: cannot read " << options.file << "\n";
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();

  // Read as the API reads a body: a member named twice is refused, not silently the last one.
  auto root = app::parse_referral_object(text.str());
  if (!root) {
    print_problem(root.error());
    return 1;
  }
  const auto& o = *root;
  const auto* wrapped = o.if_contains("referral");
  Result<intake::Referral> referral =
      wrapped != nullptr && wrapped->is_object()
          ? app::referral_from_json(wrapped->as_object(), "$.referral")
          : app::referral_from_json(o, "$");
  if (!referral) {
    print_problem(referral.error());
    return 1;
  }
  if (const auto* load = o.if_contains("service_load"); load != nullptr && load->is_object()) {
    for (const auto& member : load->as_object()) {
      if (const auto* state = pack->services.find(std::string(member.key()));
          state != nullptr && member.value().is_int64()) {
        auto updated = *state;
        updated.open_cases = static_cast<int>(member.value().as_int64());
        pack->services.add(std::move(updated));
      }
    }
  }
  auto routed = app::assess_and_route(*pack, pack->services, std::move(*referral),
                                      app::england_and_wales_bank_holidays(), options.explain);
  if (!routed) {
    print_problem(routed.error());
    return 1;
  }
  std::cout << boost::json::serialize(app::routed_referral_json(*routed, *pack)) << "\n";
  return 0;
}

}  // namespace

void register_route(CLI::App& app, const GlobalOptions&) {
  auto* cmd = app.add_subcommand(
      "route", "Assess and route one referral with an area pack's rules (no database)");
  auto options = std::make_shared<RouteOptions>();
  cmd->add_option("--area", options->area, "Area pack, e.g. merseyside")->required();
  cmd->add_flag("--explain", options->explain, "Include the plain-English explanation");
  cmd->add_option("FILE", options->file, "Referral JSON (docs/formats/referral.md)")->required();
  cmd->add_option("--config-dir", options->config_dir,
                  "Folder holding areas/ and offence-categories.json (default: the source tree's config/)");
  on_run(cmd, [options] { return route(*options); });
}

}  // namespace vg::cli
