// Whether a message to the victim (their named contact's introduction, a reminder) may go by a
// channel, under their safe-contact profile: the recipient the profile marks safe, or every reason
// it may not. Pure rules built on contact_attempt's; it never weakens them into a warning.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/casework/contact_attempt.h"

namespace vg::casework {

// The channels a message can go by, in the order forms offer them.
inline constexpr ContactChannel kMessageChannels[] = {ContactChannel::kText, ContactChannel::kEmail,
                                                      ContactChannel::kLetter};

// Where a message may go: the detail the profile marks safe for the channel.
struct MessageAddress {
  ContactChannel channel = ContactChannel::kText;
  std::string recipient;     // the safe number, email address or postal address
  bool large_print = false;  // a letter for someone whose profile asks for large print
};

// The safe recipient of a message by `channel`, or every reason it may not go (field "channel"):
// a channel that is not a message (a call, a visit), no recorded profile, a channel the profile
// does not allow, no safe detail for it, or a profile that forbids saying who is writing (every
// message says who it is from).
Result<MessageAddress> message_address(const std::optional<SafeContactProfile>& profile,
                                       ContactChannel channel);

// The first reason `channel` is refused, for a form that shows it beside a disabled option;
// empty when the channel is allowed.
std::string message_refusal(const std::optional<SafeContactProfile>& profile, ContactChannel channel);

}  // namespace vg::casework
