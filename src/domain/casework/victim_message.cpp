#include "domain/casework/victim_message.h"

#include <array>
#include <utility>

namespace vg::casework {
namespace {

struct TemplateText {
  MessageTemplate t;
  std::string_view code;
  std::string_view label;
  std::string_view subject;
  std::string_view text;    // a text message: short, plain
  std::string_view letter;  // an email or a letter
};

// Templates, not free text: {service}, {caseworker} and {reference} are the only holes, with
// {when} and {how} (the appointment's time and kind, in our words) in a reminder.
constexpr std::array kTemplates{
    TemplateText{MessageTemplate::kNamedContactIntroduction, "named_contact_introduction",
                 "Introduction of their named contact", "Your named contact at {service}",
                 "{service}: {caseworker} is your named contact for support. Your reference is "
                 "{reference}. Reply STOP if you do not want texts from us.",
                 "{caseworker} from {service} is your named contact. They will help you get the "
                 "support you need, for as long as you need it.\n\n"
                 "Please quote your reference, {reference}, whenever you contact us.\n\n"
                 "If you do not want us to contact you this way, tell us and we will stop."},
    TemplateText{MessageTemplate::kNamedContactHandover, "named_contact_handover",
                 "Their new named contact", "Your new named contact at {service}",
                 "{service}: {caseworker} is now your named contact for support. Your reference "
                 "is still {reference}. Reply STOP if you do not want texts from us.",
                 "{caseworker} from {service} is now your named contact, taking over from the "
                 "person who helped you before. They have your whole history, so you will not "
                 "need to tell your story again.\n\n"
                 "Your reference is still {reference}.\n\n"
                 "If you do not want us to contact you this way, tell us and we will stop."},
    TemplateText{MessageTemplate::kAppointmentReminder, "appointment_reminder", "Appointment reminder",
                 "Your appointment with {service}",
                 "{service}: a reminder of your appointment with {caseworker} on {when}, {how}. "
                 "Your reference is {reference}. Reply STOP if you do not want texts from us.",
                 "This is a reminder of your appointment with {caseworker} from {service} on "
                 "{when}, {how}.\n\n"
                 "If you cannot make it, or would like to change it, please contact us and quote "
                 "your reference, {reference}.\n\n"
                 "If you do not want us to contact you this way, tell us and we will stop."},
};

// How the appointment happens, in our words: the place is only ever the service's name.
std::string how_text(AppointmentKind kind, const MessageFacts& facts) {
  switch (kind) {
    case AppointmentKind::kPhoneCall: return "by phone (" + facts.caseworker_name + " will call you)";
    case AppointmentKind::kVideoCall: return "by video call";
    case AppointmentKind::kInPerson: return "in person at " + facts.service_name;
  }
  return {};
}

const TemplateText& text_of(MessageTemplate t) {
  for (const auto& tt : kTemplates) {
    if (tt.t == t) return tt;
  }
  return kTemplates.front();
}

std::string filled(std::string_view pattern, const MessageFacts& facts) {
  const std::string when = facts.appointment ? appointment_when_text(*facts.appointment) : std::string();
  const std::string how = facts.appointment ? how_text(facts.appointment->kind, facts) : std::string();
  const std::array holes{std::pair{std::string_view("{service}"), &facts.service_name},
                         std::pair{std::string_view("{caseworker}"), &facts.caseworker_name},
                         std::pair{std::string_view("{reference}"), &facts.reference},
                         std::pair{std::string_view("{when}"), &when},
                         std::pair{std::string_view("{how}"), &how}};
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    bool matched = false;
    for (const auto& [hole, value] : holes) {
      if (pattern.substr(i).starts_with(hole)) {
        out += *value;
        i += hole.size();
        matched = true;
        break;
      }
    }
    if (!matched) out.push_back(pattern[i++]);
  }
  return out;
}

}  // namespace

std::string_view to_code(MessageTemplate t) { return text_of(t).code; }
std::string_view to_label(MessageTemplate t) { return text_of(t).label; }

std::optional<MessageTemplate> message_template_from_code(std::string_view code) {
  for (const auto& tt : kTemplates) {
    if (tt.code == code) return tt.t;
  }
  return std::nullopt;
}

MessageWords message_words(MessageTemplate t, ContactChannel channel, const MessageFacts& facts) {
  const auto& tt = text_of(t);
  if (channel == ContactChannel::kText) return {{}, filled(tt.text, facts)};
  return {filled(tt.subject, facts), filled(tt.letter, facts)};
}

bool still_to_send(MessageTemplate t, CaseStatus status, std::string_view consent_state) {
  if (t != MessageTemplate::kAppointmentReminder) return true;
  return status != CaseStatus::kClosed && consent_state != "withdrawn";
}

}  // namespace vg::casework
