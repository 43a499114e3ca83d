// Characters text from outside may never hold, because they hide or disguise what it says when a
// person reads it back (a NUL echoed into a page, an override in a name or a search box). Pure:
// the checks find such characters; only without_controls, for search boxes, replaces them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vg::text {

// In a referral's text fields, which may run to several lines: the first such character in
// `s`, as its code point: a C0 control other than tab, line feed and carriage return (NUL above
// all: it cuts text short in C and in many viewers), DEL, a C1 control, or a bidirectional
// embedding, override or isolate (U+202A–U+202E, U+2066–U+2069: they make text show in another
// order than it is stored: an override before "txt.exe" shows it as "exe.txt"). The
// left-to-right and right-to-left marks (U+200E, U+200F) are not among them: names in Arabic or
// Urdu need them. Ill-formed UTF-8 is not looked into (is_valid_utf8 says whether it is).
std::optional<char32_t> find_control_character(std::string_view s);

// "U+202E": how a message names a character it cannot show.
std::string code_point_label(char32_t c);

// In a one-line search box, stricter: true for a code point no one types there on purpose: C0
// and C1 controls (tab, CR and LF included), DEL, and the bidirectional embeddings, overrides,
// isolates and marks (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
bool is_unwanted_control(char32_t c);

// True when `s` holds any such code point (ill-formed bytes count too).
bool has_unwanted_controls(std::string_view s);

// `s` with each such code point (and each ill-formed byte) replaced by a space, so words on either
// side stay apart: for search boxes, whose text is only ever matched and shown back.
std::string without_controls(std::string_view s);

}  // namespace vg::text
