// The grant return as CSV, for the Ministry of Justice: every figure EXACT (no suppression; only
// roles that submit it get here), one self-describing line each. Definitions: docs/insight.md.
#pragma once

#include <string>

#include "domain/insight/grant_return.h"

namespace vg::app {

// Header: area,period,funding_stream,funding_stream_label,measure,need,outcome,basic,enhanced,total.
// measure: referred | contacted | supported | closed | outcome (need and outcome set only for
// outcome). Lines for each stream by code, then funding_stream "all".
std::string grant_return_csv(const insight::GrantReturn& report);

}  // namespace vg::app
