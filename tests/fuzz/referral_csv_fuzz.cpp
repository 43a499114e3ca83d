// Fuzz target for the bulk feed's CSV reader: the first line is the header, the rest one row.
// No crash; every refusal names a column; an accepted row always reads back as JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/intake/referral_csv.h"
#include "app/intake/referral_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  auto layout = vg::app::ReferralCsvLayout::from_header(input.substr(0, newline));
  if (!layout) {
    if (layout.error().fields.empty()) std::abort();
    return 0;
  }
  if (newline == std::string_view::npos) return 0;
  auto row = layout->row(input.substr(newline + 1));
  if (!row) {
    if (row.error().fields.empty()) std::abort();
    return 0;
  }
  auto referral = vg::app::referral_from_json(*row, "$");
  if (!referral && referral.error().fields.empty()) std::abort();
  return 0;
}
