// An area pack's directory file (config/areas/AREA/directory.json): organisations and services
// in the admin forms' terms, which demo-data saves through the same checks as the admin pages.
// Format: docs/formats/area-directory.md.
#pragma once

#include <string_view>
#include <vector>

#include "app/directory/directory_forms.h"
#include "domain/result.h"

namespace vg::app {

struct AreaDirectory {
  std::vector<OrganizationForm> organizations;
  std::vector<ServiceForm> services;
};

// Field errors name the JSON path ("$.services[3].minimum_age").
Result<AreaDirectory> parse_area_directory(std::string_view json);

}  // namespace vg::app
