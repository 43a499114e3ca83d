// Fuzz target for the staff referral form: a URL-encoded form body becomes referral JSON. No
// crash; the JSON is always well-formed; every problem names an input; and every error the
// referral reader reports maps back to an input id or to none.
#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/intake/referral_form.h"
#include "app/intake/referral_json.h"
#include "http/http_message.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto form = vg::http::parse_form(std::string_view(reinterpret_cast<const char*>(data), size));
  const auto converted = vg::app::referral_form::to_referral_json(
      form, {"phone", "00000000-0000-4000-8000-000000000001", "2026-11-23T10:00:00Z"});
  for (const auto& e : converted.errors) {
    if (e.field.empty() || e.message.empty()) std::abort();
  }
  boost::system::error_code ec;
  auto parsed = boost::json::parse(converted.json, ec);
  if (ec || !parsed.is_object()) std::abort();
  auto referral = vg::app::parse_referral_json(converted.json);
  if (!referral) {
    if (referral.error().fields.empty()) std::abort();
    for (const auto& f : referral.error().fields) (void)vg::app::referral_form::input_for(f.field, form);
  }
  return 0;
}
