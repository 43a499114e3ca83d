// Fuzz target for the self-referral's questions file reader: the file is built in, but it is an
// editor's work and the reader must never crash on it. No crash; every refusal names a JSON
// path; and a journey it accepts can be walked (every page it names is a question, a stop or
// "check").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/intake/self_referral_questions_file.h"

namespace sr = vg::app::self_referral;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto journey = sr::parse_questions_file(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!journey) {
    if (journey.error().fields.empty()) std::abort();
    for (const auto& f : journey.error().fields) {
      if (!f.field.starts_with("$") || f.message.empty()) std::abort();
    }
    return 0;
  }
  if (journey->questions.empty()) std::abort();
  const std::chrono::year_month_day today{std::chrono::year(2026), std::chrono::November, std::chrono::day(23)};
  sr::Answers answers;
  for (const auto& q : journey->questions) {
    // The first choice of each question, or an empty form.
    sr::FormFields form;
    if (!q.choices.empty()) form.emplace_back(q.field, q.choices.front().value);
    (void)sr::record_answer(*journey, q, form, answers, today);
    (void)sr::answer_lines(q, answers);
    const auto next = sr::next_page(*journey, q.slug, answers);
    if (next != "check" && journey->find_question(next) == nullptr && next != "not-safe" && next != "outside-area") {
      std::abort();
    }
    (void)sr::previous_page(*journey, q.slug, answers);
  }
  (void)sr::referral_json(*journey, answers, "2026-11-23T10:00:00Z");
  return 0;
}
