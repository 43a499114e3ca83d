// Sends outbox text messages through an HTTP provider: POST JSON {to, body, reference} with a
// bearer token and Idempotency-Key = the message id, so a repeat is the provider's to drop.
// Never logs; its errors are HTTP status codes and libcurl codes, never a number or the words.
#pragma once

#include <chrono>
#include <string>

#include "app/messaging/message_sender.h"

namespace vg::app {

struct TextProviderSettings {
  std::string url;  // empty: text messages are not configured
  std::string token;
  std::chrono::seconds timeout{30};
};

class TextMessageSender final : public MessageSender {
 public:
  explicit TextMessageSender(TextProviderSettings settings);
  // 2xx: sent. 4xx: permanent ("provider_400"), except 408 and 429, which are retried like
  // 5xx, timeouts and refused connections.
  SendResult send(const store::OutboxMessageRecord& message) override;

 private:
  TextProviderSettings settings_;
};

}  // namespace vg::app
