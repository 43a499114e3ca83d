// Control characters and bidirectional overrides in text typed by the public. A NUL echoed into a
// page or a right-to-left override in a search box can disguise what is shown; never stores text.
#pragma once

#include <string>
#include <string_view>

namespace vg::text {

// True for a code point no one types on purpose into a one-line field: C0 and C1 controls (tab,
// CR and LF included), DEL, and the bidirectional embeddings, overrides, isolates and marks
// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
bool is_unwanted_control(char32_t c);

// True when well-formed UTF-8 `s` holds any such code point (ill-formed bytes count too).
bool has_unwanted_controls(std::string_view s);

// `s` with each such code point (and each ill-formed byte) replaced by a space, so words on either
// side stay apart: for search boxes, whose text is only ever matched and shown back.
std::string without_controls(std::string_view s);

}  // namespace vg::text
