// What the operator's probes ask of the running service: is the database answering, and how
// busy is its connection pool. No personal data, no access rules: /readyz and /metrics.
#pragma once

#include <string>

#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// Connections open and in use, and how often a caller waited for one: a plain value, the
// store's own.
using DatabasePoolStats = store::PoolStats;

class SystemStatus {
 public:
  explicit SystemStatus(store::Store& store);
  // The database backend's name ("sqlite", "postgresql") once it answers a trivial query.
  Result<std::string> ready();
  DatabasePoolStats pool() const;

 private:
  store::Store& store_;
};

}  // namespace vg::app
