// Fuzz target for every request header the app reads for itself (the HTTP parser is Beast's):
// Cookie (vg_session, the pre-session, vg_chat and draft cookies), Authorization: Bearer,
// Accept-Encoding, X-Request-Id, Origin / Sec-Fetch-Site / Host, X-Forwarded-For with the
// trusted-proxy ranges, and If-Match / If-None-Match. The input is one header value a line, in
// that order. No crash, and each reader keeps its promise: a cookie value never runs past its
// ';', a request id is always one a log line can carry, the client address is the peer or an
// address (never text a caller smuggled in), a forgery check never refuses a bearer client.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "http/api/api_caller.h"
#include "http/api/entity_tag.h"
#include "http/client_address.h"
#include "http/cross_site.h"
#include "http/gzip.h"
#include "http/http_message.h"
#include "http/request_id.h"

namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (lines.size() < 12) {
    const auto end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  lines.resize(12);
  return lines;
}

void check_cookies(const vg::http::Request& request, std::string_view header) {
  for (const char* name : {"vg_session", "vg_presession", "vg_chat", "vg_refer", "__Host-vg_session",
                           "__Host-vg_presession", "__Host-vg_chat", "__Secure-vg_refer"}) {
    auto value = request.cookie(name);
    if (!value) continue;
    if (value->find(';') != std::string::npos || header.find(*value) == std::string_view::npos) {
      std::abort();
    }
  }
}

void check_bearer(const vg::http::Request& request, std::string_view header) {
  const auto token = vg::http::api::bearer_token(request);
  if (token.empty()) return;
  if (header.size() != 7 + token.size() || header.substr(7) != token) std::abort();
  std::string scheme(header.substr(0, 7));
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") std::abort();
}

void check_client_address(std::string_view forwarded_for, std::string_view ranges_text) {
  std::vector<std::string> texts;
  std::string_view rest = ranges_text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    texts.emplace_back(rest.substr(0, comma));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  auto ranges = vg::http::parse_address_ranges(texts, "trusted_proxies");
  if (!ranges) {
    if (ranges.error().fields.empty()) std::abort();
    ranges = std::vector<vg::http::AddressRange>{*vg::http::parse_address_range("10.0.0.0/8")};
  }
  for (const auto& r : *ranges) {
    if (r.prefix < 0 || r.prefix > 128) std::abort();
  }
  constexpr std::string_view kPeer = "10.1.2.3";
  const auto client = vg::http::client_address(kPeer, forwarded_for, *ranges);
  if (client != kPeer && !vg::http::parse_address_range(client)) std::abort();
}

void check_entity_tags(std::string_view header) {
  auto tags = vg::http::api::parse_entity_tags(header);
  if (!tags) return;
  for (const auto& tag : tags->tags) {
    if (tag.opaque.find('"') != std::string::npos) std::abort();
    (void)vg::http::api::version_of(tag.opaque);
  }
  const auto etag = vg::http::api::version_etag(3);
  if (tags->any && !vg::http::api::matches_weakly(*tags, etag)) std::abort();
  (void)vg::http::api::matches_strongly(*tags, etag);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto line = lines_of(std::string_view(reinterpret_cast<const char*>(data), size));
  vg::http::Request request;
  request.method = "POST";
  request.headers["cookie"] = line[0];
  request.headers["authorization"] = line[1];
  request.headers["accept-encoding"] = line[2];
  if (!line[4].empty()) request.headers["origin"] = line[4];
  if (!line[5].empty()) request.headers["sec-fetch-site"] = line[5];
  request.headers["host"] = line[6];

  check_cookies(request, line[0]);
  check_bearer(request, line[1]);
  (void)vg::http::accepts_gzip(line[2]);

  const auto id = vg::http::request_id_for(line[3]);
  if (!vg::http::acceptable_request_id(id)) std::abort();
  if (vg::http::acceptable_request_id(line[3]) && id != line[3]) std::abort();

  const auto public_origin = vg::http::origin_of(line[9]);
  const bool forged = vg::http::is_cross_site_forgery(request, public_origin);
  if (!vg::http::api::bearer_token(request).empty() && forged) std::abort();
  request.method = "GET";
  if (vg::http::is_cross_site_forgery(request, public_origin)) std::abort();

  check_client_address(line[7], line[10]);
  check_entity_tags(line[8]);
  return 0;
}
