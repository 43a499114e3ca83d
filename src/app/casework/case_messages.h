// Messages to a victim from their case: telling them who their named contact is when the case is
// allocated (an introduction) or handed over, and reminding them of an appointment the working
// day before, by a channel their safe-contact profile allows, queued in the outbox with the case's timeline event and audit entry in one unit of work.
// Never logs or audits a recipient or the words: the outbox row alone holds them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/casework/case_change.h"
#include "domain/casework/message_channel.h"
#include "domain/casework/victim_message.h"

namespace vg::app {

// One channel as the form offers it: allowed, or disabled with the reason.
struct MessageOption {
  casework::ContactChannel channel = casework::ContactChannel::kText;
  std::string refusal;  // empty: allowed
};

// The case's messages section.
struct MessagesSection {
  casework::CaseRecord record;
  // The message the case is waiting for: an introduction after the first allocation, a
  // hand-over message after a re-allocation; none once one was queued (or declined) since.
  std::optional<casework::MessageTemplate> due;
  std::string caseworker_name;
  std::vector<MessageOption> options;  // text, email, letter
  // Messages queued for the case (timeline events: template, channel, when), oldest first.
  std::vector<casework::CaseEvent> queued;
  bool may_work = false;
};

// An appointment reminder as a form posts it: text, checked by book_reminder.
struct ReminderRequest {
  std::string date;     // YYYY-MM-DD, or what was typed when it is not a date; empty: none given
  std::string time;     // "14:30", "2:30pm" (casework::parse_time_of_day)
  std::string kind;     // casework::AppointmentKind code: phone_call | video_call | in_person
  std::string channel;  // text | email | letter
};

class CaseMessages {
 public:
  CaseMessages(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // `forbidden` for a role that reads no case; `not_found` when the person may not read it.
  Result<MessagesSection> open(const access::Actor& actor, const std::string& case_id);

  // Queues the named contact's introduction (or hand-over message) by `channel` ("text",
  // "email", "letter"), or records that none is sent ("none"). `validation_failed` (field
  // "channel") with the safe-contact profile's reasons, and nothing queued, when the channel is
  // not safe; `conflict` when the case has no caseworker, is closed, or is stale.
  Result<casework::CaseRecord> send_introduction(const access::Actor& actor, const std::string& case_id,
                                                 std::int64_t expected_version, const std::string& channel);

  // Queues a reminder of an appointment, to go the working day before at 09:00 London (at once
  // if that has passed: casework::reminder_time), by a channel the safe-contact profile allows.
  // `validation_failed` with every problem at once (fields "date", "time", "kind", "channel"),
  // and nothing queued, for an appointment unparseable or not in the future, or an unsafe
  // channel; `conflict` when the case has no caseworker (the words name them), is closed, or is
  // stale. The send job cancels it if the case closes, or consent is withdrawn, before then.
  Result<casework::CaseRecord> book_reminder(const access::Actor& actor, const std::string& case_id,
                                             std::int64_t expected_version, const ReminderRequest& request);

 private:
  store::Store& store_;
  const Clock& clock_;
};

// The message a case's timeline waits for (see MessagesSection::due).
std::optional<casework::MessageTemplate> introduction_due(const casework::CaseRecord& c,
                                                          const std::vector<casework::CaseEvent>& events);

}  // namespace vg::app
