#include "domain/casework/contact_attempt.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace vg::casework {
namespace {

constexpr std::array kOutcomes{
    std::pair{ContactOutcome::kReached, std::pair{std::string_view("reached"), std::string_view("Reached them")}},
    std::pair{ContactOutcome::kNoAnswer, std::pair{std::string_view("no_answer"), std::string_view("No answer")}},
    std::pair{ContactOutcome::kVoicemailLeft, std::pair{std::string_view("voicemail_left"), std::string_view("Voicemail left")}},
    std::pair{ContactOutcome::kWrongNumber, std::pair{std::string_view("wrong_number"), std::string_view("Wrong number or address")}},
    std::pair{ContactOutcome::kDeclined, std::pair{std::string_view("declined"), std::string_view("Declined support")}},
    std::pair{ContactOutcome::kSent, std::pair{std::string_view("sent"), std::string_view("Sent, no reply yet")}},
};

constexpr std::array kChannels{
    std::pair{ContactChannel::kCall, std::pair{std::string_view("call"), std::string_view("Phone call")}},
    std::pair{ContactChannel::kText, std::pair{std::string_view("text"), std::string_view("Text message")}},
    std::pair{ContactChannel::kEmail, std::pair{std::string_view("email"), std::string_view("Email")}},
    std::pair{ContactChannel::kLetter, std::pair{std::string_view("letter"), std::string_view("Letter")}},
    std::pair{ContactChannel::kVisit, std::pair{std::string_view("visit"), std::string_view("Visit")}},
};

// Phone numbers compare by their digits, with +44 / 0044 read as the leading 0.
std::string phone_digits(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  const bool international = !text.empty() && text.find_first_not_of(" ") != std::string_view::npos &&
                             text[text.find_first_not_of(" ")] == '+';
  // Built by append: g++ 12 misreads "0" + string as an overlapping copy (-Wrestrict).
  std::string national = "0";
  if (international && digits.starts_with("44")) return national.append(digits, 2);
  if (digits.starts_with("0044")) return national.append(digits, 4);
  return digits;
}

std::string folded(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

bool same_detail(ContactChannel channel, std::string_view a, std::string_view b) {
  if (channel == ContactChannel::kCall || channel == ContactChannel::kText) {
    const auto da = phone_digits(a);
    return !da.empty() && da == phone_digits(b);
  }
  const auto fa = folded(a);
  return !fa.empty() && fa == folded(b);
}

// The detail a profile marks safe for a channel.
const std::string& safe_detail(const SafeContactProfile& p, ContactChannel channel) {
  switch (channel) {
    case ContactChannel::kCall:
    case ContactChannel::kText: return p.safe_phone;
    case ContactChannel::kEmail: return p.safe_email;
    case ContactChannel::kLetter:
    case ContactChannel::kVisit: return p.safe_address;
  }
  return p.safe_phone;
}

std::string_view detail_words(ContactChannel channel) {
  switch (channel) {
    case ContactChannel::kCall:
    case ContactChannel::kText: return "number";
    case ContactChannel::kEmail: return "email address";
    case ContactChannel::kLetter:
    case ContactChannel::kVisit: return "address";
  }
  return "detail";
}

std::string lower_label(ContactChannel channel) {
  std::string label(to_label(channel));
  label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
  return label;
}

}  // namespace

std::vector<FieldError> unsafe_contact(const std::optional<SafeContactProfile>& profile,
                                       const ReferralContactDetails& referral,
                                       const ContactAttempt& attempt) {
  std::vector<FieldError> errors;
  const bool voicemail = attempt.outcome == ContactOutcome::kVoicemailLeft;
  if (!profile) {
    if (attempt.channel != ContactChannel::kCall) {
      errors.push_back({"channel", "no_safe_contact_profile",
                        "No safe-contact profile is recorded, so only a phone call to the number "
                        "on the referral is allowed: record the safe ways to contact them first"});
    } else if (!attempt.to.empty() && !same_detail(attempt.channel, attempt.to, referral.phone)) {
      errors.push_back({"to", "not_safe_number",
                        "No safe-contact profile is recorded: call only the number on the referral"});
    } else if (referral.phone.empty()) {
      errors.push_back({"to", "no_number", "The referral gives no phone number to call"});
    }
    if (voicemail) {
      errors.push_back({"outcome", "voicemail_not_allowed",
                        "No safe-contact profile is recorded, so no voicemail may be left: someone "
                        "else may hear it"});
    }
    if (attempt.said_who_we_are) {
      errors.push_back({"said_who_we_are", "identity_not_allowed",
                        "No safe-contact profile is recorded: do not say who is calling until one "
                        "says it is safe"});
    }
    return errors;
  }
  const auto& safe = profile->safe_channels;
  if (std::find(safe.begin(), safe.end(), attempt.channel) == safe.end()) {
    errors.push_back({"channel", "channel_not_safe",
                      "Their safe-contact profile does not allow " +
                          std::string(attempt.channel == ContactChannel::kEmail ? "an " : "a ") +
                          lower_label(attempt.channel)});
  } else {
    const std::string& detail = safe_detail(*profile, attempt.channel);
    if (detail.empty()) {
      errors.push_back({"to", "no_safe_detail",
                        "Their safe-contact profile has no safe " + std::string(detail_words(attempt.channel))});
    } else if (!attempt.to.empty() && !same_detail(attempt.channel, attempt.to, detail)) {
      errors.push_back({"to", "not_safe_detail",
                        "That " + std::string(detail_words(attempt.channel)) +
                            " is not the one their profile marks as safe"});
    }
  }
  if (voicemail && !profile->voicemail_allowed) {
    errors.push_back({"outcome", "voicemail_not_allowed",
                      "Their safe-contact profile says no voicemail may be left"});
  }
  if (attempt.said_who_we_are && !profile->may_say_who_we_are) {
    errors.push_back({"said_who_we_are", "identity_not_allowed",
                      "Their safe-contact profile says you may not say who is calling or writing"});
  }
  return errors;
}

bool made_contact(ContactOutcome outcome) {
  return outcome == ContactOutcome::kReached || outcome == ContactOutcome::kDeclined;
}

bool outcome_fits(ContactChannel channel, ContactOutcome outcome) {
  switch (outcome) {
    case ContactOutcome::kVoicemailLeft: return channel == ContactChannel::kCall;
    case ContactOutcome::kNoAnswer:
      return channel == ContactChannel::kCall || channel == ContactChannel::kVisit;
    case ContactOutcome::kSent:
      return channel == ContactChannel::kText || channel == ContactChannel::kEmail ||
             channel == ContactChannel::kLetter;
    case ContactOutcome::kReached:
    case ContactOutcome::kWrongNumber:
    case ContactOutcome::kDeclined: return true;
  }
  return false;
}

std::string_view to_code(ContactOutcome outcome) {
  for (const auto& [o, names] : kOutcomes) {
    if (o == outcome) return names.first;
  }
  return "no_answer";
}

std::string_view to_label(ContactOutcome outcome) {
  for (const auto& [o, names] : kOutcomes) {
    if (o == outcome) return names.second;
  }
  return "No answer";
}

std::optional<ContactOutcome> contact_outcome_from_code(std::string_view code) {
  for (const auto& [o, names] : kOutcomes) {
    if (names.first == code) return o;
  }
  return std::nullopt;
}

std::string_view to_code(ContactChannel channel) {
  for (const auto& [c, names] : kChannels) {
    if (c == channel) return names.first;
  }
  return "call";
}

std::string_view to_label(ContactChannel channel) {
  for (const auto& [c, names] : kChannels) {
    if (c == channel) return names.second;
  }
  return "Phone call";
}

std::optional<ContactChannel> contact_channel_from_code(std::string_view code) {
  for (const auto& [c, names] : kChannels) {
    if (names.first == code) return c;
  }
  return std::nullopt;
}

}  // namespace vg::casework
