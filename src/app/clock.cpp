#include "app/clock.h"

#include <fmt/chrono.h>

namespace vg {

std::string to_rfc3339(std::chrono::system_clock::time_point at) {
  return fmt::format("{:%FT%TZ}", std::chrono::floor<std::chrono::seconds>(at));
}

}  // namespace vg
