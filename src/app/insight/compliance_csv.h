// Victims' Code compliance as CSV, for the download beside the page's table: every line the page
// shows, suppressed the same way, shares as percentages to one decimal place,
// empty when not shown, and "not recorded" for an entitlement with nothing to evidence. Pure text.
#pragma once

#include <string>

#include "domain/insight/compliance.h"

namespace vg::app {

// Header: area,period,previous_period,entitlement,entitlement_label,service_id,service,met,
// breached,evidenced,percent_met,previous_met,previous_breached,previous_evidenced,
// previous_percent_met,change_percentage_points. The all-services line has service_id "total".
std::string compliance_csv(const insight::ComplianceReport& report);

}  // namespace vg::app
