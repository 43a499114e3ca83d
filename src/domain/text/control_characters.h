// Characters text from outside may never hold, because they hide or disguise what it says when a
// person reads it back. Pure checks: they find such characters and never remove them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vg::text {

// The first such character in `s`, as its code point: a C0 control other than tab, line feed
// and carriage return (NUL above all: it cuts text short in C and in many viewers), DEL, a C1
// control, or a bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069:
// they make text show in another order than it is stored: an override before "txt.exe" shows
// it as "exe.txt"). The left-to-right and right-to-left marks (U+200E, U+200F) are not among
// them: names in Arabic or Urdu need them. Ill-formed UTF-8 is not looked into
// (is_valid_utf8 says whether it is).
std::optional<char32_t> find_control_character(std::string_view s);

// "U+202E": how a message names a character it cannot show.
std::string code_point_label(char32_t c);

}  // namespace vg::text
