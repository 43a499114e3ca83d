// The outbox's stored messages to victims: what to send, on which channel, and how it went.
// Plain values. A recipient and a body are personal data: never log them, never put them in a job.
#pragma once

#include <optional>
#include <string>

#include "domain/accounts/account_records.h"

namespace vg::store {

struct OutboxMessageRecord {
  std::string id;  // random UUID; also the email's Message-ID and the text's Idempotency-Key
  std::string case_id;
  std::string channel;    // email | text | letter
  std::string recipient;  // email address, phone number, or postal address (letter)
  std::string subject;
  std::string body;
  std::string template_code;
  bool large_print = false;  // letters: the large-print layout
  std::string status;        // queued | sent | ready_to_print | failed | dead | cancelled
  std::string last_error;    // a code, never personal data
  std::string rendered;      // a letter's printable HTML, once rendered
  accounts::Instant created_at{};
  accounts::Instant updated_at{};
  std::optional<accounts::Instant> sent_at;  // sent, or ready to print
};

// A message's new status, set in the same transaction as its send job's outcome.
struct OutboxStatusChange {
  std::string id;
  std::string status;
  std::string last_error;
  std::optional<std::string> rendered;  // unset: unchanged
  accounts::Instant at{};
};

}  // namespace vg::store
