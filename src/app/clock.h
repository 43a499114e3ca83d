// Clock: the only way the application reads the time, so tests can fix it.
// Nothing outside SystemClock may call std::chrono::system_clock::now().
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

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

// RFC 3339 UTC with a Z, second precision: "2026-11-23T02:26:03Z".
std::string to_rfc3339(std::chrono::system_clock::time_point at);
// Reads what to_rfc3339 writes, with or without a fraction of a second (up to nine digits):
// "2026-11-23T02:26:03Z", "2026-11-23T02:26:03.5Z". Only UTC ("Z"); nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> from_rfc3339(std::string_view text);

}  // namespace vg
