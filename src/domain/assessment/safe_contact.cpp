#include "domain/assessment/safe_contact.h"

#include <algorithm>
#include <string>

namespace vg::assessment {
namespace {

using intake::ContactChannel;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_blank(std::string_view s) { return std::all_of(s.begin(), s.end(), is_space); }

bool has_channel(const intake::SafeContactProfile& p, ContactChannel c) {
  return std::find(p.safe_channels.begin(), p.safe_channels.end(), c) != p.safe_channels.end();
}

// Characters, not bytes: a code word in Welsh or Urdu must get the same 50 as one in English.
std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

bool looks_like_phone_number(std::string_view text) {
  std::string s(text);
  // "+44 (0)161 ..." is how many UK numbers are written for international readers: the (0) is
  // dialled only from inside the UK.
  if (auto at = s.find("(0)"); at != std::string::npos) s.erase(at, 3);
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (is_digit(c)) {
      digits.push_back(c);
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')')) {
      return false;
    }
  }
  if (!plus && digits.starts_with("00")) {
    plus = true;
    digits.erase(0, 2);
  }
  if (plus) {
    if (digits.starts_with("44")) {
      const std::size_t national = digits.size() - 2;
      return (national == 9 || national == 10) && digits[2] != '0';
    }
    return digits.size() >= 7 && digits.size() <= 15 && digits[0] != '0';
  }
  return digits.starts_with("0") && (digits.size() == 10 || digits.size() == 11);
}

bool looks_like_email_address(std::string_view text) {
  if (std::any_of(text.begin(), text.end(), is_space)) return false;
  const auto at = text.rfind('@');
  if (at == std::string_view::npos || at == 0) return false;
  const std::string_view domain = text.substr(at + 1);
  const auto dot = domain.rfind('.');
  return !domain.empty() && dot != std::string_view::npos && dot != 0 && dot + 1 < domain.size() &&
         domain.find('@') == std::string_view::npos;
}

std::vector<FieldError> validate_safe_contact(const intake::SafeContactProfile& profile) {
  std::vector<FieldError> errors;
  const bool phone_needed =
      has_channel(profile, ContactChannel::kCall) || has_channel(profile, ContactChannel::kText);
  if (is_blank(profile.safe_phone)) {
    if (phone_needed) {
      errors.push_back({"safe_contact.safe_phone", "required",
                        "Enter a safe phone number, because calls or texts are marked as safe"});
    }
  } else if (!looks_like_phone_number(profile.safe_phone)) {
    errors.push_back({"safe_contact.safe_phone", "invalid",
                      "Enter a safe phone number, like 01632 960 001, 07700 900 982 or "
                      "+44 808 157 0192"});
  }

  if (is_blank(profile.safe_email)) {
    if (has_channel(profile, ContactChannel::kEmail)) {
      errors.push_back({"safe_contact.safe_email", "required",
                        "Enter a safe email address, because email is marked as safe"});
    }
  } else if (!looks_like_email_address(profile.safe_email)) {
    errors.push_back({"safe_contact.safe_email", "invalid",
                      "Enter a safe email address in the correct format, like name@example.com"});
  }

  if (is_blank(profile.safe_address) && (has_channel(profile, ContactChannel::kLetter) ||
                                         has_channel(profile, ContactChannel::kVisit))) {
    errors.push_back({"safe_contact.safe_address", "required",
                      "Enter a safe address, because letters or visits are marked as safe"});
  }

  if (utf8_length(profile.code_word) > kMaxCodeWordCharacters) {
    errors.push_back(
        {"safe_contact.code_word", "too_long", "The code word must be 50 characters or fewer"});
  }
  return errors;
}

}  // namespace vg::assessment
