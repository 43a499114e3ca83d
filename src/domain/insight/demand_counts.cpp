#include "domain/insight/demand_counts.h"

namespace vg::insight {

void add_figure(DemandCounts& into, const std::string& dimension, const std::string& value, std::int64_t n) {
  if (dimension == "totals") {
    if (value == "referrals") into.referrals += n;
    if (value == "accepted") into.accepted += n;
    if (value == "contacted") into.contacted += n;
    if (value == "supported") into.supported += n;
  } else if (dimension == "flags") {
    into.flags[value] += n;
  } else {
    into.by[dimension][value] += n;
  }
}

void add_stream_figure(DemandCounts& into, const std::string& stream, const std::string& dimension,
                       const std::string& value, std::int64_t n) {
  if (n == 0) return;  // as the store counts: no figure for a value nobody has
  add_figure(into, dimension, value, n);
  into.by_stream[stream][dimension][value] += n;
}

void add_counts(DemandCounts& into, const DemandCounts& more) {
  into.referrals += more.referrals;
  into.accepted += more.accepted;
  into.contacted += more.contacted;
  into.supported += more.supported;
  for (const auto& [flag, n] : more.flags) into.flags[flag] += n;
  for (const auto& [dimension, values] : more.by) {
    for (const auto& [value, n] : values) into.by[dimension][value] += n;
  }
  for (const auto& [stream, figures] : more.by_stream) {
    for (const auto& [dimension, values] : figures) {
      for (const auto& [value, n] : values) into.by_stream[stream][dimension][value] += n;
    }
  }
}

std::int64_t figure_of(const DemandCounts& counts, const std::string& stream, const std::string& dimension,
                       const std::string& value) {
  auto s = counts.by_stream.find(stream);
  if (s == counts.by_stream.end()) return 0;
  auto d = s->second.find(dimension);
  if (d == s->second.end()) return 0;
  auto v = d->second.find(value);
  return v == d->second.end() ? 0 : v->second;
}

}  // namespace vg::insight
