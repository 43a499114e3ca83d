// Fuzz target for the ONS postcode CSV reader and the postcode shape check.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/directory/local_authorities.h"
#include "app/directory/postcode_csv.h"
#include "domain/directory/postcode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto newline = input.find('\n');
  auto header = input.substr(0, newline);
  auto rest = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  if (auto normalised = vg::directory::normalise_postcode(input)) {
    // Normalising is idempotent and the result is always "OUTWARD INWARD".
    if (vg::directory::normalise_postcode(*normalised) != normalised) std::abort();
    if (normalised->size() < 6 || normalised->size() > 8) std::abort();
  }
  auto layout = vg::app::read_postcode_header(header);
  if (!layout) {
    if (layout.error().fields.empty()) std::abort();
    return 0;
  }
  auto row = vg::app::read_postcode_row(rest, *layout);
  if (!row) {
    if (row.error().fields.empty()) std::abort();
  } else if (*row) {
    if (!vg::app::is_gss_code((*row)->lad_code)) std::abort();
    if ((*row)->postcode_key.find(' ') != std::string::npos) std::abort();
  }
  return 0;
}
