// Clock: the only way the application reads the time, so tests can fix it.
// Nothing outside SystemClock may call std::chrono::system_clock::now().
#pragma once

#include <chrono>

#include "domain/text/rfc3339.h"  // to_rfc3339, from_rfc3339: how the app writes its instants

namespace vg {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace vg
