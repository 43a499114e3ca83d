#include "domain/casework/message_channel.h"

#include <algorithm>

namespace vg::casework {
namespace {

bool is_message_channel(ContactChannel channel) {
  return std::find(std::begin(kMessageChannels), std::end(kMessageChannels), channel) !=
         std::end(kMessageChannels);
}

const std::string& safe_detail_of(const SafeContactProfile& p, ContactChannel channel) {
  if (channel == ContactChannel::kEmail) return p.safe_email;
  if (channel == ContactChannel::kLetter) return p.safe_address;
  return p.safe_phone;
}

}  // namespace

Result<MessageAddress> message_address(const std::optional<SafeContactProfile>& profile,
                                       ContactChannel channel) {
  if (!is_message_channel(channel)) {
    return validation_failed({{"channel", "not_a_message", "Choose a text message, an email or a letter"}});
  }
  // The same rule as any contact attempt: a message is "sent" and always says who it is from.
  ContactAttempt attempt{channel, {}, ContactOutcome::kSent, true, {}};
  auto unsafe = unsafe_contact(profile, {}, attempt);
  if (!unsafe.empty()) {
    for (auto& e : unsafe) e.field = "channel";  // the form has one question: which channel
    return validation_failed(std::move(unsafe), "This message is not safe for this victim");
  }
  MessageAddress address;
  address.channel = channel;
  address.recipient = safe_detail_of(*profile, channel);
  address.large_print =
      channel == ContactChannel::kLetter &&
      std::find(profile->accessibility_needs.begin(), profile->accessibility_needs.end(), "large_print") !=
          profile->accessibility_needs.end();
  return address;
}

std::string message_refusal(const std::optional<SafeContactProfile>& profile, ContactChannel channel) {
  auto address = message_address(profile, channel);
  if (address) return {};
  const auto& fields = address.error().fields;
  return fields.empty() ? address.error().message : fields.front().message;
}

}  // namespace vg::casework
