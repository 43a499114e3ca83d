// Fuzz target for a partner's answer to an onward referral (POST
// /api/v1/onward-referrals/{id}/answer; http/api/partner_answer.h). No crash; a refusal is a
// problem+json 400 or 422 with a body to read.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/api/partner_answer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto answer = vg::http::api::read_partner_answer(body);
  if (!answer) {
    const auto& r = answer.error();
    if ((r.status != 400 && r.status != 422) || r.content_type.find("problem+json") == std::string::npos ||
        r.body.empty()) {
      std::abort();
    }
    return 0;
  }
  return 0;
}
