#include "domain/directory/postcode.h"

#include <cctype>

namespace vg::directory {
namespace {

bool is_letter(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Outward code: A9 | A99 | AA9 | AA99 | A9A | AA9A.
bool is_outward(std::string_view s) {
  if (s.size() < 2 || s.size() > 4 || !is_letter(s[0])) return false;
  std::size_t i = 1;
  if (is_letter(s[i])) ++i;  // second area letter
  if (i >= s.size() || !is_digit(s[i])) return false;
  ++i;
  if (i == s.size()) return true;
  if (i + 1 != s.size()) return false;
  return is_digit(s[i]) || is_letter(s[i]);
}

}  // namespace

std::optional<std::string> normalise_postcode(std::string_view raw) {
  std::string compact;
  compact.reserve(raw.size());
  for (char c : raw) {
    if (c == ' ' || c == '\t') continue;
    if (!std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
    compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (compact.size() > 7) return std::nullopt;
  }
  if (compact.size() < 5) return std::nullopt;
  std::string_view inward = std::string_view(compact).substr(compact.size() - 3);
  std::string_view outward = std::string_view(compact).substr(0, compact.size() - 3);
  if (!is_digit(inward[0]) || !is_letter(inward[1]) || !is_letter(inward[2])) return std::nullopt;
  // GIR 0AA (National Girobank) is the one postcode outside the usual outward shapes.
  if (!is_outward(outward) && outward != "GIR") return std::nullopt;
  return std::string(outward) + " " + std::string(inward);
}

bool is_unissued_postcode(std::string_view normalised) {
  if (normalised.size() < 2) return false;
  constexpr std::string_view kNeverInInward = "CIKMOV";
  for (char c : normalised.substr(normalised.size() - 2)) {
    if (kNeverInInward.find(c) != std::string_view::npos) return true;
  }
  return false;
}

std::string postcode_key(std::string_view normalised) {
  std::string key;
  for (char c : normalised) {
    if (c != ' ') key.push_back(c);
  }
  return key;
}

}  // namespace vg::directory
