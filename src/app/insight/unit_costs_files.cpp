#include "app/insight/unit_costs_files.h"

#include "app/area_files.h"

namespace vg::app {

Result<std::map<std::string, insight::UnitCosts>> load_unit_costs(const std::filesystem::path& config_dir) {
  return load_area_files<std::map<std::string, insight::UnitCosts>>(
      config_dir, "costs.txt", [](const std::string& text) { return insight::read_unit_costs(text); },
      "The costs files are not valid");
}

}  // namespace vg::app
