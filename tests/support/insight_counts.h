// Hand-built insight counts in the form the store gives them (domain/insight/demand_counts.h):
// every figure also under the one funding stream all the referrals are of.
#pragma once

#include <string>

#include "domain/insight/demand_counts.h"

namespace vg::testing {

inline insight::DemandCounts of_one_stream(const insight::DemandCounts& c,
                                           const std::string& stream = "victims_grant") {
  insight::DemandCounts out;
  insight::add_stream_figure(out, stream, "totals", "referrals", c.referrals);
  insight::add_stream_figure(out, stream, "totals", "accepted", c.accepted);
  insight::add_stream_figure(out, stream, "totals", "contacted", c.contacted);
  insight::add_stream_figure(out, stream, "totals", "supported", c.supported);
  for (const auto& [flag, n] : c.flags) insight::add_stream_figure(out, stream, "flags", flag, n);
  for (const auto& [dimension, values] : c.by) {
    if (dimension == "funding_stream") continue;
    for (const auto& [value, n] : values) insight::add_stream_figure(out, stream, dimension, value, n);
  }
  insight::add_stream_figure(out, stream, "funding_stream", stream, c.referrals);
  return out;
}

}  // namespace vg::testing
