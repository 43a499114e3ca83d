// Fuzz target for one line of a JSON Lines bulk feed (cli/import_referrals_command.cpp reads each
// line with parse_referral_object, then the feed import reads it with referral_from_json). No
// crash; every refusal names a field; and a line is accepted exactly when the API would accept
// the same text as a request body (parse_referral_json), so the two doors cannot disagree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/intake/referral_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  input = input.substr(0, input.find('\n'));  // the importer hands over one line at a time
  const auto as_api_body = vg::app::parse_referral_json(input);
  auto object = vg::app::parse_referral_object(input);
  if (!object) {
    if (object.error().fields.empty() || as_api_body) std::abort();
    return 0;
  }
  const auto referral = vg::app::referral_from_json(*object, "$");
  if (!referral && referral.error().fields.empty()) std::abort();
  if (referral.has_value() != as_api_body.has_value()) std::abort();
  return 0;
}
