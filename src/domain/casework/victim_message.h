// The words of the messages casework sends victims (their named contact's introduction, a
// hand-over to a new contact, an appointment reminder), from fixed templates per channel filled with the case's facts.
// Pure. The words are personal data once filled: they go to the outbox row only, never to a log.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/casework/appointment_reminder.h"
#include "domain/casework/case_records.h"
#include "domain/casework/contact_attempt.h"

namespace vg::casework {

enum class MessageTemplate {
  kNamedContactIntroduction,  // the first caseworker allocated
  kNamedContactHandover,      // the case moved to another caseworker
  kAppointmentReminder,       // the working day before an appointment (appointment_reminder.h)
};

std::string_view to_code(MessageTemplate t);  // "named_contact_introduction"
std::optional<MessageTemplate> message_template_from_code(std::string_view code);
std::string_view to_label(MessageTemplate t);  // "Introduction of their named contact"

// What a template may say: nothing the victim told us, only who is helping and how to reach them.
struct MessageFacts {
  std::string service_name;     // "Victim Care Merseyside"
  std::string caseworker_name;  // the named contact
  std::string reference;        // the case reference to quote
  // kAppointmentReminder only: when, and whether by phone, video or in person (the place is
  // never more than the service's name).
  std::optional<Appointment> appointment = std::nullopt;
};

struct MessageWords {
  std::string subject;  // email subject, letter heading; empty for a text message
  std::string body;
};

// `channel` is a text, an email or a letter (message_channel.h).
MessageWords message_words(MessageTemplate t, ContactChannel channel, const MessageFacts& facts);

// Whether a queued message still goes when its send job runs (its case as it is then): a
// reminder does not once the case is closed or consent was withdrawn (the appointment is off, and
// a message now would be unwanted contact); an introduction goes as queued, within seconds.
bool still_to_send(MessageTemplate t, CaseStatus status, std::string_view consent_state);

}  // namespace vg::casework
