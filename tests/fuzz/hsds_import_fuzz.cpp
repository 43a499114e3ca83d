// Fuzz target for the HSDS 3.0 import: any bytes in, no crash; a rejected file names at least
// one JSON path and leaves the directory exactly as it was.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "app/clock.h"
#include "app/directory/directory_transfer.h"
#include "store/open/open_store.h"
#include "store/store.h"
#include "support/fixed_clock.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::unique_ptr<vg::store::Store> store = [] {
    auto s = vg::store::open_store("sqlite::memory:", 1);
    if (!s || !(*s)->migrate()) std::abort();
    return std::move(*s);
  }();
  static vg::FixedClock clock(std::chrono::system_clock::time_point{});
  static vg::app::DirectoryTransfer directory(*store, clock);

  auto before = directory.export_hsds();
  if (!before) std::abort();
  auto imported = directory.import_hsds(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!imported) {
    if (imported.error().fields.empty()) std::abort();
    auto after = directory.export_hsds();
    if (!after || *after != *before) std::abort();  // a rejected file changed the directory
  }
  return 0;
}
