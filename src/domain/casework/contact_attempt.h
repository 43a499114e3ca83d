// A contact attempt on a case, and the one rule every attempt passes first: the victim's
// safe-contact profile. An attempt the profile forbids is refused with the reason, never merely
// warned about, because a text read by the wrong person can put someone in danger. Pure rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/casework/case_records.h"
#include "domain/intake/referral.h"
#include "domain/result.h"

namespace vg::casework {

using intake::ContactChannel;
using intake::SafeContactProfile;

enum class ContactOutcome { kReached, kNoAnswer, kVoicemailLeft, kWrongNumber, kDeclined, kSent };

struct ContactAttempt {
  ContactChannel channel = ContactChannel::kCall;
  // The number, email address or postal address used. Empty: the profile's safe one.
  std::string to;
  ContactOutcome outcome = ContactOutcome::kNoAnswer;
  bool said_who_we_are = false;  // the caller named the service
  Instant at{};
};

// What the attempt would use, as the victim's records give it: the phone, email and address on
// the referral, used only where no safe-contact profile was recorded.
struct ReferralContactDetails {
  std::string phone;
  std::string email;
  std::string address;
};

// Every reason `attempt` is unsafe under `profile` (fields: "channel", "to", "outcome",
// "said_who_we_are"); empty when it is safe. Without a recorded profile only a call to the
// referral's own number is allowed, leaving no voicemail and not saying who is calling: nothing
// else is known to be safe until a profile is recorded.
std::vector<FieldError> unsafe_contact(const std::optional<SafeContactProfile>& profile,
                                       const ReferralContactDetails& referral,
                                       const ContactAttempt& attempt);

// Did the attempt reach the victim (or their answer)? Declining support is still contact.
bool made_contact(ContactOutcome outcome);

// Is `outcome` possible on `channel` (a voicemail is left on a call; a letter is only sent)?
bool outcome_fits(ContactChannel channel, ContactOutcome outcome);

std::string_view to_code(ContactOutcome outcome);  // "no_answer"
std::optional<ContactOutcome> contact_outcome_from_code(std::string_view code);
std::string_view to_code(ContactChannel channel);  // "call"
std::optional<ContactChannel> contact_channel_from_code(std::string_view code);
std::string_view to_label(ContactOutcome outcome);  // "No answer"
std::string_view to_label(ContactChannel channel);  // "Phone call"

}  // namespace vg::casework
