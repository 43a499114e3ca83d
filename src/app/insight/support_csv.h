// The support figures (domain/insight/support.h) as CSV, suppressed exactly as the page shows
// them: one line per figure, its table and row, the column it is in ("current" and "previous"
// for the tables over both periods) and the words shown for it.
#pragma once

#include <string>

#include "domain/insight/support.h"

namespace vg::app {

std::string support_csv(const insight::SupportReport& report);

}  // namespace vg::app
