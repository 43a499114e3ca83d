// Demand insight as CSV, for the download beside the page's tables: every figure the page shows,
// suppressed the same way ("fewer than 5", "hidden"), one self-describing line each. Pure text.
#pragma once

#include <string>

#include "domain/insight/demand.h"

namespace vg::app {

// Header: area,period,previous_period,figure,code,label,current,previous,change,current_percent,
// previous_percent,current_per_1000_residents,previous_per_1000_residents (local authorities with
// population figures only, two decimals). Lines end CRLF (RFC 4180); a text field a spreadsheet would take for a
// formula is prefixed with an apostrophe.
std::string demand_csv(const insight::DemandReport& report);

}  // namespace vg::app
