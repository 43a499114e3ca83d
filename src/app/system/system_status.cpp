#include "app/system/system_status.h"

namespace vg::app {

SystemStatus::SystemStatus(store::Store& store) : store_(store) {}

Result<std::string> SystemStatus::ready() {
  VG_CHECK(store_.ping());
  return store_.backend();
}

DatabasePoolStats SystemStatus::pool() const {
  return store_.pool_stats();
}

}  // namespace vg::app
