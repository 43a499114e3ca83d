// Sends outbox emails over SMTP with libcurl (smtp://, STARTTLS when configured), each with a
// Message-ID made from the message id, so a repeat after an uncertain failure is recognisable.
// Never logs; its errors are SMTP reply codes and libcurl codes, never an address.
#pragma once

#include <chrono>
#include <string>

#include "app/clock.h"
#include "app/messaging/message_sender.h"

namespace vg::app {

struct SmtpSettings {
  std::string host;  // empty: email is not configured
  int port = 25;
  std::string from;  // the envelope and From: address, "victims-gateway@example.gov.uk"
  bool starttls = false;  // require STARTTLS (the server must offer it)
  std::string username;   // empty: no authentication
  std::string password;
  std::chrono::seconds timeout{30};
};

// The whole RFC 5322 message (CRLF line ends): headers, then the body in base64 (UTF-8, any
// line length). Message-ID: <message id@domain of `from`>. Exposed for tests.
std::string compose_email(const store::OutboxMessageRecord& message, const std::string& from,
                          std::chrono::system_clock::time_point date);

class SmtpSender final : public MessageSender {
 public:
  SmtpSender(SmtpSettings settings, const Clock& clock);
  // 250 at the end: sent. A 5xx reply: permanent ("smtp_550"). Anything else (no connection, a
  // timeout, a 4xx): retry.
  SendResult send(const store::OutboxMessageRecord& message) override;

 private:
  SmtpSettings settings_;
  const Clock& clock_;
};

}  // namespace vg::app
