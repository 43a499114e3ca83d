// One channel's way of delivering an outbox message (SMTP, a text-message provider, a printable
// letter), behind one interface so the outbox and its tests need no network. A sender never logs
// or returns the recipient or the body: its errors are codes.
#pragma once

#include <string>

#include "store/outbox_records.h"

namespace vg::app {

struct SendResult {
  enum class Kind {
    kSent,       // delivered to the channel (a letter: rendered, ready to print)
    kRetry,      // not delivered, and trying later may work (server down, timeout, 5xx)
    kPermanent,  // refused for good (a 4xx, a mailbox that does not exist): never try again
  };
  Kind kind = Kind::kSent;
  std::string error;     // a code without personal data ("smtp_550", "provider_503")
  std::string rendered;  // a letter's printable HTML
};

class MessageSender {
 public:
  virtual ~MessageSender() = default;
  // Delivers `message`. Called again with the same message after an uncertain failure: the
  // sender gives the channel what it needs to recognise the repeat (Message-ID, Idempotency-Key).
  virtual SendResult send(const store::OutboxMessageRecord& message) = 0;
};

}  // namespace vg::app
