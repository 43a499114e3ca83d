// Fuzz target for the public self-referral pages: the input is a URL-encoded form body, offered
// to every question in turn. No crash; every refusal names a field and changes nothing; and
// whenever the answers are complete, the referral they make is one the referral reader accepts
// (an answer a page took must never be refused when the request is sent).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/intake/referral_json.h"
#include "app/intake/self_referral_journey.h"
#include "http/http_message.h"

namespace sr = vg::app::self_referral;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto form = vg::http::parse_form(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::chrono::year_month_day today{std::chrono::year(2026), std::chrono::November, std::chrono::day(23)};
  sr::Answers answers;
  for (const auto& q : sr::questions()) {
    const auto before = answers;
    const auto errors = sr::record_answer(q, form, answers, today);
    for (const auto& e : errors) {
      if (e.field.empty() || e.message.empty()) std::abort();
    }
    if (!errors.empty() && answers != before) std::abort();
    (void)sr::answer_lines(q, answers);
  }
  (void)sr::next_page("safe-to-contact", answers);
  if (sr::first_unanswered(answers) == "check") {
    auto referral = vg::app::parse_referral_json(sr::referral_json(answers, "2026-11-23T10:00:00Z"));
    if (!referral) std::abort();
  }
  return 0;
}
