#include "http/client_address.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <utility>

namespace vg::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The address in IPv6 form and whether it was written as IPv4 (its prefix counts from bit 96).
std::optional<std::pair<std::array<std::uint8_t, 16>, bool>> parse_address(std::string_view text) {
  // inet_pton needs a terminated string; no address is longer than 45 characters.
  if (text.empty() || text.size() > 45) return std::nullopt;
  // inet_pton stops at a NUL: "203.0.113.7\0garbage" would pass whole, so only the characters an
  // address is written with are let through.
  for (char c : text) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex && c != ':' && c != '.') return std::nullopt;
  }
  char buffer[46];
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  std::array<std::uint8_t, 16> bytes{};
  if (in_addr v4{}; inet_pton(AF_INET, buffer, &v4) == 1) {
    bytes[10] = bytes[11] = 0xff;
    std::memcpy(bytes.data() + 12, &v4, 4);
    return std::pair{bytes, true};
  }
  if (in6_addr v6{}; inet_pton(AF_INET6, buffer, &v6) == 1) {
    std::memcpy(bytes.data(), &v6, 16);
    return std::pair{bytes, false};
  }
  return std::nullopt;
}

bool matches(const std::array<std::uint8_t, 16>& address, const AddressRange& range) {
  int bits = range.prefix;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((address[i] & mask) != (range.network[i] & mask)) return false;
  }
  return true;
}

bool in_ranges(const std::array<std::uint8_t, 16>& address,
               const std::vector<AddressRange>& ranges) {
  for (const auto& r : ranges) {
    if (matches(address, r)) return true;
  }
  return false;
}

// A hop as a proxy writes it: an address, maybe with a port ("1.2.3.4:5678", "[::1]:80").
std::optional<std::array<std::uint8_t, 16>> parse_hop(std::string_view hop, std::string& text) {
  hop = trim(hop);
  if (!hop.empty() && hop.front() == '[') {
    const auto close = hop.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    hop = hop.substr(1, close - 1);
  } else if (hop.find(':') != std::string_view::npos && hop.find(':') == hop.rfind(':') &&
             hop.find('.') != std::string_view::npos) {
    hop = hop.substr(0, hop.find(':'));  // IPv4 with a port
  }
  auto parsed = parse_address(hop);
  if (!parsed) return std::nullopt;
  text = std::string(hop);
  return parsed->first;
}

}  // namespace

std::optional<AddressRange> parse_address_range(std::string_view text) {
  text = trim(text);
  const auto slash = text.find('/');
  auto parsed = parse_address(text.substr(0, slash));
  if (!parsed) return std::nullopt;
  const auto& [bytes, v4] = *parsed;
  int prefix = v4 ? 32 : 128;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || prefix < 0 ||
        prefix > (v4 ? 32 : 128)) {
      return std::nullopt;
    }
  }
  AddressRange range{bytes, v4 ? prefix + 96 : prefix};
  // Host bits set: refuse rather than guess which of the two the operator meant.
  for (int bit = range.prefix; bit < 128; ++bit) {
    if (bytes[static_cast<std::size_t>(bit / 8)] & (0x80 >> (bit % 8))) return std::nullopt;
  }
  return range;
}

Result<std::vector<AddressRange>> parse_address_ranges(const std::vector<std::string>& texts,
                                                       const std::string& key) {
  std::vector<AddressRange> ranges;
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (auto r = parse_address_range(texts[i])) {
      ranges.push_back(*r);
    } else {
      errors.push_back({key + "[" + std::to_string(i) + "]", "invalid_address_range",
                        key + ": \"" + texts[i] +
                            "\" is not an address or network (like 10.0.0.0/8 or ::1/128)"});
    }
  }
  if (!errors.empty()) return validation_failed(std::move(errors));
  return ranges;
}

bool address_in(std::string_view address, const std::vector<AddressRange>& ranges) {
  auto parsed = parse_address(trim(address));
  return parsed && in_ranges(parsed->first, ranges);
}

std::string client_address(std::string_view peer, std::optional<std::string_view> forwarded_for,
                           const std::vector<AddressRange>& trusted_proxies) {
  if (trusted_proxies.empty() || !forwarded_for || !address_in(peer, trusted_proxies)) {
    return std::string(peer);
  }
  // Right to left: each trusted proxy appended the address it received from; the first hop
  // that no trusted proxy wrote for itself is the client. Bounded by the header's size.
  std::string client(peer);
  std::string_view rest = *forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const auto hop = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    std::string text;
    auto parsed = parse_hop(hop, text);
    if (!parsed) break;  // garbage: keep the last address a trusted proxy vouched for
    client = std::move(text);
    if (!in_ranges(*parsed, trusted_proxies)) break;
  }
  return client;
}

}  // namespace vg::http
