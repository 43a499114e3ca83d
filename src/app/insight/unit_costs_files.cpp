#include "app/insight/unit_costs_files.h"

#include <system_error>

#include "app/intake/self_referral_journey.h"
#include "app/read_file.h"

namespace vg::app {

Result<std::map<std::string, insight::UnitCosts>> load_unit_costs(const std::filesystem::path& config_dir) {
  std::map<std::string, insight::UnitCosts> out;
  std::vector<FieldError> errors;
  for (const auto& area : self_referral::areas()) {
    const std::string name = "areas/" + area.id + "/costs.txt";
    std::error_code ec;
    if (!std::filesystem::exists(config_dir / name, ec)) continue;
    auto text = read_file(config_dir / name);
    if (!text) {
      errors.push_back({name, "unreadable", text.error().message});
      continue;
    }
    auto costs = insight::read_unit_costs(*text);
    if (!costs) {
      for (const auto& f : costs.error().fields) errors.push_back({name + " " + f.field, f.code, f.message});
      continue;
    }
    out.emplace(area.id, std::move(*costs));
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The costs files are not valid");
  return out;
}

}  // namespace vg::app
