// The figures a Police and Crime Commissioner returns to the Ministry of Justice for the victims'
// grant each period: victims referred, contacted and supported, with basic or enhanced rights,
// and outcomes at close by the cope-and-recover measures, per need, all split by funding stream.
// EXACT: no suppression, so only roles the access table lets submit it (submit_grant_return) may
// read it; everything else that leaves the system is suppressed. Counts only; pure.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/insight/fact_groups.h"
#include "domain/insight/month_period.h"

namespace vg::insight {

// A count split by the Victims' Code rights the victim had: basic or enhanced.
struct RightsSplit {
  std::int64_t basic = 0;
  std::int64_t enhanced = 0;
  std::int64_t all() const { return basic + enhanced; }
  bool operator==(const RightsSplit&) const = default;
};

struct GrantReturnLine {
  std::string funding_stream;  // "all" on the line for every stream
  std::string label;
  RightsSplit referred;
  RightsSplit contacted;
  RightsSplit supported;
  RightsSplit closed;
  // need domain code -> outcome code (yes | partly | no | no_need) -> needs rated so at close
  std::map<std::string, std::map<std::string, RightsSplit>> outcomes;
};

struct GrantReturn {
  std::string area;
  MonthPeriod period;
  std::vector<GrantReturnLine> streams;  // by stream code
  GrantReturnLine all;
};

// `stream_names`: the area's names for its streams (funding_stream_label).
GrantReturn grant_return(const std::string& area, const MonthPeriod& period, const std::vector<FactGroup>& groups,
                         const std::map<std::string, std::string>& stream_names = {});

}  // namespace vg::insight
