#include "app/insight/population_files.h"

#include "app/area_files.h"

namespace vg::app {

Result<std::map<std::string, insight::Population>> load_populations(const std::filesystem::path& config_dir) {
  return load_area_files<std::map<std::string, insight::Population>>(
      config_dir, "population.txt", [](const std::string& text) { return insight::read_population(text); },
      "The population files are not valid");
}

}  // namespace vg::app
