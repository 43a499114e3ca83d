// Capacity and utilisation now (domain/insight/capacity.h) for one of the asker's areas: each
// service routing sends cases to, with the open cases routing counts against its capacity, and
// each casework team of the area with its caseworkers' capacity and open cases. Refused as
// demand is (read_insight, area by area).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/clock.h"
#include "app/insight/demand_insight.h"
#include "app/intake/area_packs.h"
#include "domain/access/access_table.h"
#include "domain/insight/capacity.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class CapacityInsight {
 public:
  CapacityInsight(store::Store& store, AreaPacks& packs, DemandInsight& demand, const Clock& clock);

  // Parameters: area only (figures are as they stand now, so a period is refused by name).
  Result<insight::CapacityReport> capacity(const access::Actor& actor,
                                           const std::vector<std::pair<std::string, std::string>>& params);

 private:
  store::Store& store_;
  AreaPacks& packs_;
  DemandInsight& demand_;
  const Clock& clock_;
};

}  // namespace vg::app
