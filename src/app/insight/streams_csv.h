// The demand figures split by funding stream (domain/insight/stream_split.h) as CSV, suppressed
// exactly as the page shows them: one line per figure, its table and row, the stream it is in
// ("all_streams" for each row's total) and the words shown for it.
#pragma once

#include <string>

#include "domain/insight/demand.h"

namespace vg::app {

std::string streams_csv(const insight::DemandReport& report);

}  // namespace vg::app
