// A message to a victim as a use case asks for it: the case it is about, the channel, the
// recipient and the words. Plain value; it holds personal data, so it is never logged.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vg::app {

enum class Channel { kEmail, kText, kLetter };

std::string_view to_code(Channel channel);  // "email" | "text" | "letter"
std::optional<Channel> channel_of(std::string_view code);

struct OutboundMessage {
  std::string case_id;
  std::string channel;    // email | text | letter; anything else is refused
  std::string recipient;  // an email address, a phone number, or a postal address (letter)
  std::string subject;    // email subject, letter heading; unused for a text message
  std::string body;
  std::string template_code;  // which wording this is ("named_contact_introduction")
  bool large_print = false;   // letters: the large-print layout
  // Not before this instant (an appointment reminder); none: at once. The send job's run_after.
  std::optional<std::chrono::system_clock::time_point> send_after = std::nullopt;
};

}  // namespace vg::app
