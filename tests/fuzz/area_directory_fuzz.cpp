// Fuzz target for the area pack directory file reader: no crash, and every rejection names a path.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/directory/area_directory_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = vg::app::parse_area_directory(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed && parsed.error().fields.empty()) std::abort();
  return 0;
}
