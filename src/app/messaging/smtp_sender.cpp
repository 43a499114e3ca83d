#include "app/messaging/smtp_sender.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <ctime>

#include "app/messaging/curl_handle.h"

namespace vg::app {
namespace {

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// An RFC 2047 encoded word for a header that is not plain ASCII.
std::string header_text(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  return "=?UTF-8?B?" + base64(text) + "?=";
}

std::string domain_of(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? "victim-gateway.invalid" : address.substr(at + 1);
}

// Reads the composed message out to libcurl, which dot-stuffs it.
struct Upload {
  std::string_view rest;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* data) {
  auto* upload = static_cast<Upload*>(data);
  const size_t n = std::min(size * count, upload->rest.size());
  std::memcpy(buffer, upload->rest.data(), n);
  upload->rest.remove_prefix(n);
  return n;
}

}  // namespace

std::string compose_email(const store::OutboxMessageRecord& message, const std::string& from,
                          std::chrono::system_clock::time_point date) {
  const std::time_t t = std::chrono::system_clock::to_time_t(date);
  std::string out;
  out += fmt::format("Date: {:%a, %d %b %Y %H:%M:%S} +0000\r\n", fmt::gmtime(t));
  out += "From: " + from + "\r\n";
  out += "To: " + message.recipient + "\r\n";
  out += "Subject: " + header_text(message.subject) + "\r\n";
  out += "Message-ID: <" + message.id + "@" + domain_of(from) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  const std::string encoded = base64(message.body);
  for (size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

SmtpSender::SmtpSender(SmtpSettings settings, const Clock& clock)
    : settings_(std::move(settings)), clock_(clock) {}

SendResult SmtpSender::send(const store::OutboxMessageRecord& message) {
  auto curl = new_curl_handle();
  if (!curl) return {SendResult::Kind::kRetry, "smtp_no_handle", {}};
  const std::string url = "smtp://" + settings_.host + ":" + std::to_string(settings_.port);
  const std::string mail = compose_email(message, settings_.from, clock_.now());
  Upload upload{mail};
  const std::string from = "<" + settings_.from + ">";
  CurlList recipients;
  append(recipients, ("<" + message.recipient + ">").c_str());
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  if (settings_.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!settings_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  if (rc == CURLE_OK) return {SendResult::Kind::kSent, {}, {}};
  if (reply >= 500 && reply < 600) {
    return {SendResult::Kind::kPermanent, "smtp_" + std::to_string(reply), {}};
  }
  if (reply >= 400) return {SendResult::Kind::kRetry, "smtp_" + std::to_string(reply), {}};
  return {SendResult::Kind::kRetry, "smtp_curl_" + std::to_string(static_cast<int>(rc)), {}};
}

}  // namespace vg::app
