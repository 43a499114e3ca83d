// Reading a chat message as typed by a person (the victim's or the advisor's form, later a
// WebSocket frame's text): the one parser of a chat's outside input. Pure; never logs the words.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace vg::chat {

// Long enough for anything typed in a chat box; a longer paste is refused, not cut.
inline constexpr std::size_t kMaxMessageCharacters = 2000;
// The bytes a message may arrive in, checked before anything else reads it.
inline constexpr std::size_t kMaxMessageBytes = kMaxMessageCharacters * 4;

// The message to store: line endings made "\n", spaces and blank lines around it trimmed.
// `validation_failed` on field "message": empty ("required"), over kMaxMessageCharacters
// ("too_long"), not UTF-8 or holding a control or direction-changing character ("invalid").
Result<std::string> read_chat_message(std::string_view typed);

}  // namespace vg::chat
