#include "domain/text/control_characters.h"

#include "domain/text/utf8.h"

#include <cstdint>
#include <cstdio>

namespace vg::text {
bool is_unwanted_control(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool has_unwanted_controls(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t c = 0;
    const auto length = decode_utf8(s, i, c);
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
    const auto length = decode_utf8(s, i, c);
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


std::optional<char32_t> find_control_character(std::string_view s) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(s[i]); };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::uint8_t b = byte(i);
    if (b < 0x20) {
      if (b != '\t' && b != '\n' && b != '\r') return b;
    } else if (b == 0x7F) {
      return b;
    } else if (b == 0xC2 && i + 1 < s.size() && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) {
      return byte(i + 1);  // U+0080–U+009F, encoded C2 80 … C2 9F
    } else if (b == 0xE2 && i + 2 < s.size()) {
      // U+202A–U+202E are E2 80 AA … E2 80 AE; U+2066–U+2069 are E2 81 A6 … E2 81 A9.
      const std::uint8_t b1 = byte(i + 1), b2 = byte(i + 2);
      if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
        return static_cast<char32_t>(0x2000 + ((b1 & 0x3F) << 6) + (b2 & 0x3F));
      }
    }
  }
  return std::nullopt;
}

std::string code_point_label(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

}  // namespace vg::text
