#include "app/messaging/outbound_message.h"

#include <utility>

namespace vg::app {

std::string_view to_code(Channel channel) {
  switch (channel) {
    case Channel::kEmail: return "email";
    case Channel::kText: return "text";
    case Channel::kLetter: return "letter";
  }
  std::unreachable();
}

std::optional<Channel> channel_of(std::string_view code) {
  for (auto channel : {Channel::kEmail, Channel::kText, Channel::kLetter}) {
    if (to_code(channel) == code) return channel;
  }
  return std::nullopt;
}

}  // namespace vg::app
