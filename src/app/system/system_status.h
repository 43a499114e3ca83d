// What the operator's probes ask of the running service: is the database answering, and how
// busy is its connection pool. No personal data, no access rules: /readyz and /metrics.
#pragma once

#include <cstdint>
#include <string>

#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

struct DatabasePoolStats {
  int connections_open = 0;
  int connections_in_use = 0;
  std::int64_t waits_total = 0;  // times a caller had to wait for a free connection
};

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
