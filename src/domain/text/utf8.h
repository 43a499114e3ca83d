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

// Code points, not bytes: what people mean by "characters" in a limit.
std::size_t code_points(std::string_view s);

}  // namespace vg::text
