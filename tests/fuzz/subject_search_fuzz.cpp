// Fuzz target for how a subject access request finds a person (domain/protection/subject_search.h):
// the reference, name and date of birth a member of staff types, split from one input at NUL
// bytes. No crash; a refusal is validation_failed naming only the three fields with messages;
// an accepted search is exactly one of a reference (letters, dash, year, dash, digits) or a person
// match key.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/protection/subject_search.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string_view parts[3];
  for (auto& part : parts) {
    const auto end = text.find('\0');
    part = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  using namespace std::chrono;
  const auto today = year_month_day(year(2026), month(12), day(5));
  auto search = vg::protection::read_subject_search(parts[0], parts[1], parts[2], today);
  if (!search) {
    const auto& e = search.error();
    if (e.code != "validation_failed" || e.fields.empty()) std::abort();
    for (const auto& f : e.fields) {
      if ((f.field != "reference" && f.field != "name" && f.field != "date_of_birth") || f.message.empty()) std::abort();
    }
    return 0;
  }
  if (search->reference.empty() == search->person_match_key.empty()) std::abort();
  if (!search->person_match_key.empty() && !search->person_match_key.starts_with("person:")) std::abort();
  for (char c : search->reference) {
    if (!(c == '-' || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) std::abort();
  }
  return 0;
}
