// Fuzz target for an area's chat opening hours file (domain/chat/opening_hours.h), read at start
// from the configuration an area's administrator edits. No crash; a refusal is validation_failed
// naming lines with messages; accepted hours hold only spans inside a day that end after they
// start, and saying whether the chat is open never fails at any minute of any day.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/chat/opening_hours.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto hours = vg::chat::read_opening_hours(text);
  if (!hours) {
    const auto& e = hours.error();
    if (e.code != "validation_failed" || e.fields.empty()) std::abort();
    for (const auto& f : e.fields) {
      if (!f.field.starts_with("line ") || f.message.empty()) std::abort();
    }
    return 0;
  }
  for (const auto& day : hours->spans) {
    for (const auto& [from, until] : day) {
      if (from < 0 || until > 24 * 60 || until <= from) std::abort();
    }
  }
  for (unsigned d = 0; d < 7; ++d) {
    for (int m : {0, 1, 539, 540, 1199, 1439}) {
      (void)vg::chat::open_at(*hours, std::chrono::weekday(d), std::chrono::minutes(m));
    }
  }
  (void)vg::chat::describe(*hours);
  return 0;
}
