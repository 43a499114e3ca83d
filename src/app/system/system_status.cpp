#include "app/system/system_status.h"

namespace vg::app {

SystemStatus::SystemStatus(store::Store& store) : store_(store) {}

Result<std::string> SystemStatus::ready() {
  VG_CHECK(store_.ping());
  return store_.backend();
}

DatabasePoolStats SystemStatus::pool() const {
  const auto stats = store_.pool_stats();
  return {stats.connections_open, stats.connections_in_use, stats.waits_total};
}

}  // namespace vg::app
