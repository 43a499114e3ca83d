#include "app/messaging/text_message_sender.h"

#include <boost/json.hpp>

#include "app/messaging/curl_handle.h"

namespace vg::app {
namespace {

// The provider's answer is not needed (and may echo the number): dropped unread.
size_t discard(char*, size_t size, size_t count, void*) { return size * count; }

}  // namespace

TextMessageSender::TextMessageSender(TextProviderSettings settings)
    : settings_(std::move(settings)) {}

SendResult TextMessageSender::send(const store::OutboxMessageRecord& message) {
  auto curl = new_curl_handle();
  if (!curl) return {SendResult::Kind::kRetry, "provider_no_handle", {}};
  boost::json::object request;
  request["to"] = message.recipient;
  request["body"] = message.body;
  request["reference"] = message.id;
  const std::string body = boost::json::serialize(request);
  CurlList headers;
  append(headers, "Content-Type: application/json");
  append(headers, ("Authorization: Bearer " + settings_.token).c_str());
  append(headers, ("Idempotency-Key: " + message.id).c_str());
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  // The provider is named in configuration: never follow it elsewhere.
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    return {SendResult::Kind::kRetry, "provider_curl_" + std::to_string(static_cast<int>(rc)), {}};
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  const std::string code = "provider_" + std::to_string(status);
  if (status >= 200 && status < 300) return {SendResult::Kind::kSent, {}, {}};
  if (status >= 400 && status < 500 && status != 408 && status != 429) {
    return {SendResult::Kind::kPermanent, code, {}};
  }
  return {SendResult::Kind::kRetry, code, {}};
}

}  // namespace vg::app
