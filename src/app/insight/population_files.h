// Each area's residents by local authority, read at start from config/areas/<area>/population.txt
// (domain/insight/population.h says what a file holds). An area with no file has no demand per
// 1,000 residents.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "domain/insight/population.h"
#include "domain/result.h"

namespace vg::app {

// Area id -> its population. A file that does not read is `validation_failed` with each bad line
// named by file ("areas/merseyside/population.txt line 3"), so a mistake stops the start.
Result<std::map<std::string, insight::Population>> load_populations(const std::filesystem::path& config_dir);

}  // namespace vg::app
