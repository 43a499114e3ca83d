// Capacity and utilisation now (domain/insight/capacity.h) as CSV, suppressed as the page shows
// it: one line per service and per team.
#pragma once

#include <string>

#include "domain/insight/capacity.h"

namespace vg::app {

// Header: area,as_at,kind,code,label,caseworkers,capacity,open_cases,percent_used. `kind` is
// "service" or "team"; an unlimited capacity and a share not shown are empty.
std::string capacity_csv(const insight::CapacityReport& report);

}  // namespace vg::app
