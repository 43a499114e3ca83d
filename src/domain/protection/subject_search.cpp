#include "domain/protection/subject_search.h"

#include <cctype>
#include <vector>

#include "domain/casework/person_keys.h"
#include "domain/text/iso_date.h"

namespace vg::protection {
namespace {

constexpr std::size_t kLongestName = 200;

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// "AB-2026-000123": letters, a dash, a year, a dash, digits. Upper-cased.
std::optional<std::string> reference_of(std::string_view text) {
  std::string out;
  for (char c : text) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  const auto first = out.find('-');
  const auto second = first == std::string::npos ? std::string::npos : out.find('-', first + 1);
  if (first == 0 || first > 8 || second == std::string::npos || second != first + 5) return std::nullopt;
  if (out.size() - second - 1 < 1 || out.size() - second - 1 > 12) return std::nullopt;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(out[i]);
    const bool ok = i < first ? std::isupper(c) : (i == first || i == second) ? c == '-' : std::isdigit(c);
    if (!ok) return std::nullopt;
  }
  return out;
}

}  // namespace

Result<SubjectSearch> read_subject_search(std::string_view reference, std::string_view name,
                                          std::string_view date_of_birth, Date today) {
  reference = trimmed(reference);
  name = trimmed(name);
  date_of_birth = trimmed(date_of_birth);
  std::vector<FieldError> errors;
  SubjectSearch search;
  if (!reference.empty()) {
    if (auto r = reference_of(reference)) {
      search.reference = *r;
    } else {
      errors.push_back({"reference", "invalid", "Enter a reference like MY-2026-000123"});
    }
  } else if (name.empty() && date_of_birth.empty()) {
    errors.push_back({"reference", "required", "Enter a reference, or a full name and date of birth"});
  } else {
    if (name.empty()) errors.push_back({"name", "required", "Enter their full name"});
    if (name.size() > kLongestName) errors.push_back({"name", "too_long", "Enter a name of 200 characters or fewer"});
    const auto born = text::parse_iso_date(date_of_birth);
    if (date_of_birth.empty()) {
      errors.push_back({"date_of_birth", "required", "Enter their date of birth"});
    } else if (!born) {
      errors.push_back({"date_of_birth", "invalid", "Date of birth must be a real date"});
    } else if (std::chrono::sys_days(*born) > std::chrono::sys_days(today)) {
      errors.push_back({"date_of_birth", "in_future", "Date of birth must be in the past"});
    }
    if (errors.empty()) {
      intake::Referral person;
      person.person.name = std::string(name);
      person.person.date_of_birth = born;
      for (const auto& key : casework::person_match_keys(person)) {
        if (key.starts_with("person:")) search.person_match_key = key;
      }
      if (search.person_match_key.empty()) errors.push_back({"name", "invalid", "Enter their full name"});
    }
  }
  if (!errors.empty()) return fail("validation_failed", "Check how to find the person", std::move(errors));
  return search;
}

}  // namespace vg::protection
