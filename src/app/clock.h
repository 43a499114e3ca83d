// Clock: the only way the application reads the time, so tests can fix it.
// Nothing outside SystemClock may call std::chrono::system_clock::now().
#pragma once

#include <chrono>
#include <string>

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

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::chrono::system_clock::time_point at) : at_(at) {}
  std::chrono::system_clock::time_point now() const override { return at_; }
  void advance(std::chrono::seconds by) { at_ += by; }

 private:
  std::chrono::system_clock::time_point at_;
};

// RFC 3339 UTC with a Z, second precision: "2026-11-23T02:26:03Z".
std::string to_rfc3339(std::chrono::system_clock::time_point at);

}  // namespace vg
