// Each area's funding streams and unit costs, read at start from config/areas/<area>/costs.txt
// (domain/insight/unit_costs.h says what a file holds). An area with no file has no names for
// its streams and no estimates.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "domain/insight/unit_costs.h"
#include "domain/result.h"

namespace vg::app {

// Area id -> its costs. A file that does not read is `validation_failed` with each bad line named
// by file ("areas/merseyside/costs.txt line 3"), so a mistake stops the start, not a report.
Result<std::map<std::string, insight::UnitCosts>> load_unit_costs(const std::filesystem::path& config_dir);

}  // namespace vg::app
