// The outbox: messages to victims are stored with the job that sends each one, in one
// transaction, then sent by that job (exactly once across processes, as jobs are claimed).
// CALLERS MUST HAVE CHECKED THE VICTIM'S SAFE-CONTACT PROFILE (domain/casework) BEFORE QUEUEING:
// the outbox only refuses what it can see is wrong (no recipient, an unknown channel). It never
// logs or reports a recipient or a body: only the message id, the channel and the status.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "app/clock.h"
#include "app/jobs/job_runner.h"
#include "app/messaging/message_sender.h"
#include "app/messaging/outbound_message.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// What happened to one message's send, for the log: never the recipient or the words.
struct MessageEvent {
  std::string_view message_id;
  std::string_view channel;
  std::string_view status;  // sent | ready_to_print | failed | dead | cancelled
  std::string_view error;
};

class Outbox {
 public:
  static constexpr std::string_view kSendJob = "outbox.send";
  // Tries of a send before it goes on the dead-letter list (about two hours with the runner's
  // default backoff).
  static constexpr int kMaxAttempts = 8;

  Outbox(store::Store& store, const Clock& clock);

  // Queues `message` in the caller's unit of work, with its send job (run_after: the message's
  // send_after, or now): both land with the caller's own writes, or neither does. Returns the message's id (also its Message-ID and
  // Idempotency-Key). `validation_failed` for an empty recipient, an unknown channel, or a
  // line break in a recipient or subject. The caller checked the safe-contact profile and
  // appends its own audit entry.
  static Result<std::string> queue_in(store::UnitOfWork& unit, const OutboundMessage& message,
                                      accounts::Instant now);

  // The same in a transaction of its own, with an audit entry by `actor` ("message.queued":
  // the message id, channel and template only).
  Result<std::string> queue(const OutboundMessage& message, const std::string& actor);

  // The sender for `channel` ("email", "text", "letter"); a channel without one is retried
  // (and in time dead-lettered) rather than dropped.
  void set_sender(Channel channel, MessageSender& sender);
  void on_event(std::function<void(const MessageEvent&)> observer) {
    observer_ = std::move(observer);
  }
  // Registers the send job's handler with `runner`.
  void register_jobs(JobRunner& runner);

  // The send job's run: exposed for tests. A message its case no longer wants
  // (casework::still_to_send: a reminder of a closed case) is marked "cancelled", not sent.
  JobOutcome send(const store::ClaimedJob& job);

 private:
  // Empty when the message still goes; otherwise why not ("case_closed", "consent_withdrawn").
  Result<std::string> still_wanted(const store::OutboxMessageRecord& message) const;
  void report(const std::string& id, std::string_view channel, std::string_view status,
              std::string_view error) const;

  store::Store& store_;
  const Clock& clock_;
  std::map<Channel, MessageSender*> senders_;
  std::function<void(const MessageEvent&)> observer_;
};

}  // namespace vg::app
