#include "domain/text/control_characters.h"

namespace vg::text {
namespace {

// Decodes the well-formed UTF-8 sequence at `at`; its length, or 0 when ill-formed.
std::size_t decode(std::string_view s, std::size_t at, char32_t& out) {
  const auto lead = static_cast<unsigned char>(s[at]);
  if (lead < 0x80) {
    out = lead;
    return 1;
  }
  std::size_t length;
  char32_t min_code;
  char32_t code;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, min_code = 0x80, code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, min_code = 0x800, code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, min_code = 0x10000, code = lead & 0x07;
  } else {
    return 0;
  }
  if (at + length > s.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(s[at + k]);
    if ((next & 0xC0) != 0x80) return 0;
    code = (code << 6) | (next & 0x3F);
  }
  if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  out = code;
  return length;
}

}  // namespace

bool is_unwanted_control(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool has_unwanted_controls(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t c = 0;
    const auto length = decode(s, i, c);
    if (length == 0 || is_unwanted_control(c)) return true;
    i += length;
  }
  return false;
}

std::string without_controls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t c = 0;
    const auto length = decode(s, i, c);
    if (length == 0 || is_unwanted_control(c)) {
      out += ' ';
      i += length == 0 ? 1 : length;
    } else {
      out.append(s.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace vg::text
