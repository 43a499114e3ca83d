// Estimated cost as CSV, for the download beside the page's table: every row the page shows,
// suppressed the same way, amounts in pounds with two decimals, empty when not shown. Pure text.
#pragma once

#include <string>

#include "domain/insight/cost.h"

namespace vg::app {

// Header: area,period,service_id,service,funding_stream,funding_stream_label,cases,supported,
// improved_outcomes,unit_cost_estimate,cost_estimate,per_case_estimate,per_supported_estimate,
// per_improved_estimate,partly_priced. The total line has service_id "total".
std::string cost_csv(const insight::CostReport& report);

}  // namespace vg::app
