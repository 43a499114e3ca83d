// UTF-8 checks for text that arrives from outside. Everything the gateway stores and serialises
// as JSON must be valid UTF-8, or a stored draft or referral could fail to read back.
#pragma once

#include <string>
#include <string_view>

namespace vg::text {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view s);

// `s` with every ill-formed sequence replaced by U+FFFD, as the WHATWG decoder does.
std::string to_valid_utf8(std::string_view s);

// Length of the well-formed sequence starting at s[at] (1 to 4 bytes), or 0 when it is ill-formed
// (the Unicode standard's table 3-7: no overlong forms, surrogates or code points past U+10FFFF).
std::size_t utf8_sequence_length(std::string_view s, std::size_t at);

// The code point of the well-formed sequence at s[at] into `out`, returning its length; 0 (and
// `out` unchanged) when it is ill-formed.
std::size_t decode_utf8(std::string_view s, std::size_t at, char32_t& out);

// Code points, not bytes: what people mean by "characters" in a limit.
std::size_t code_points(std::string_view s);

}  // namespace vg::text
