// Fuzz target for the chat message parser (domain/chat/chat_message.h), the one reader of what
// a victim or an advisor types into a chat. No crash; a refusal is one field error on "message"
// with a message; an accepted message is non-empty, within the limit, valid UTF-8 with no
// control or direction-changing characters and no carriage returns, and reads back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/chat/chat_message.h"
#include "domain/text/control_characters.h"
#include "domain/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view typed(reinterpret_cast<const char*>(data), size);
  auto message = vg::chat::read_chat_message(typed);
  if (!message) {
    const auto& e = message.error();
    if (e.code != "validation_failed" || e.fields.size() != 1 || e.fields[0].field != "message" ||
        e.fields[0].message.empty()) {
      std::abort();
    }
    return 0;
  }
  if (message->empty() || vg::text::code_points(*message) > vg::chat::kMaxMessageCharacters) std::abort();
  if (!vg::text::is_valid_utf8(*message) || vg::text::find_control_character(*message)) std::abort();
  if (message->find('\r') != std::string::npos) std::abort();
  auto again = vg::chat::read_chat_message(*message);
  if (!again || *again != *message) std::abort();
  return 0;
}
