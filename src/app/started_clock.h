// A clock that starts at a chosen instant and then runs at the real rate: what `serve` uses when
// `clock_start` is set, so a test can put the server an exact distance from an hour boundary
// (the per-hour limits) or a working day, instead of waiting for one.
#pragma once

#include <chrono>

#include "app/clock.h"

namespace vg {

class StartedClock final : public Clock {
 public:
  explicit StartedClock(std::chrono::system_clock::time_point start)
      : start_(start), began_(std::chrono::steady_clock::now()) {}
  std::chrono::system_clock::time_point now() const override {
    return start_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                        std::chrono::steady_clock::now() - began_);
  }

 private:
  std::chrono::system_clock::time_point start_;
  std::chrono::steady_clock::time_point began_;
};

}  // namespace vg
