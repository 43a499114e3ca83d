// What a chat client sends over its WebSocket, read: one JSON object per message, the one parser
// of that outside input. {"type":"message","text":"…"}, {"type":"typing"}, {"type":"read","seq":N}.
// Pure; never logs what it reads. The words are checked later by domain/chat/chat_message.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace vg::http {

struct ChatClientFrame {
  enum class Kind { kMessage, kTyping, kRead };
  Kind kind = Kind::kMessage;
  std::string text;      // kMessage: as typed
  std::int64_t seq = 0;  // kRead: the latest event the client displayed (1 or more)
};

// `validation_failed` naming the field: "frame" (not a JSON object), "type" (missing or
// unknown), "text" (a message without a string), "seq" (a read without a whole number ≥ 1).
Result<ChatClientFrame> read_chat_client_frame(std::string_view json);

}  // namespace vg::http
