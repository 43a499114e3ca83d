// A clock that says what a test tells it to: the time stands still until the test moves it.
// Test code only; production code gets app::SystemClock.
#pragma once

#include <chrono>

#include "app/clock.h"

namespace vg {

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::chrono::system_clock::time_point at) : at_(at) {}
  std::chrono::system_clock::time_point now() const override { return at_; }
  void advance(std::chrono::seconds by) { at_ += by; }

 private:
  std::chrono::system_clock::time_point at_;
};

}  // namespace vg
