#include "domain/chat/chat_message.h"

#include "domain/text/control_characters.h"
#include "domain/text/utf8.h"

namespace vg::chat {
namespace {

std::unexpected<Error> refused(std::string code, std::string message) {
  return validation_failed({{"message", std::move(code), std::move(message)}}, "The message was not sent");
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

}  // namespace

Result<std::string> read_chat_message(std::string_view typed) {
  if (typed.size() > kMaxMessageBytes) return refused("too_long", "Message must be 2,000 characters or fewer");
  if (!text::is_valid_utf8(typed)) return refused("invalid", "Message must only include letters, numbers and punctuation");
  std::string message;
  message.reserve(typed.size());
  for (std::size_t i = 0; i < typed.size(); ++i) {
    if (typed[i] == '\r') {
      message += '\n';
      if (i + 1 < typed.size() && typed[i + 1] == '\n') ++i;
    } else {
      message += typed[i];
    }
  }
  std::size_t begin = 0;
  while (begin < message.size() && is_blank(message[begin])) ++begin;
  std::size_t end = message.size();
  while (end > begin && is_blank(message[end - 1])) --end;
  message = message.substr(begin, end - begin);
  if (message.empty()) return refused("required", "Enter a message");
  if (text::code_points(message) > kMaxMessageCharacters) {
    return refused("too_long", "Message must be 2,000 characters or fewer");
  }
  if (text::find_control_character(message)) {
    return refused("invalid", "Message must only include letters, numbers and punctuation");
  }
  return message;
}

}  // namespace vg::chat
