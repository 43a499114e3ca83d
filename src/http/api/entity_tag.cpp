#include "http/api/entity_tag.h"

#include <charconv>

namespace vg::http::api {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The opaque part of a quoted tag ("…"), without the quotes.
std::string_view opaque_of(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') return etag.substr(1, etag.size() - 2);
  return etag;
}

}  // namespace

std::string version_etag(std::int64_t version) {
  // Appended, not concatenated: g++ 12 at -O3 warns (-Wrestrict, a false positive) on
  // "\"" + std::string + "\"".
  std::string tag(1, '"');
  tag.append(std::to_string(version)).push_back('"');
  return tag;
}

std::optional<EntityTags> parse_entity_tags(std::string_view header) {
  EntityTags out;
  header = trim(header);
  if (header.empty()) return std::nullopt;
  if (header == "*") {
    out.any = true;
    return out;
  }
  std::size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t' || header[i] == ',')) ++i;
    if (i >= header.size()) break;
    EntityTags::Tag tag;
    if (header.compare(i, 2, "W/") == 0) {
      tag.weak = true;
      i += 2;
    }
    if (i >= header.size() || header[i] != '"') return std::nullopt;
    const auto close = header.find('"', i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    // etagc: any visible character but the double quote (RFC 9110 §8.8.3).
    for (auto c : header.substr(i + 1, close - i - 1)) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x21 || u == 0x7f) return std::nullopt;
    }
    tag.opaque = std::string(header.substr(i + 1, close - i - 1));
    out.tags.push_back(std::move(tag));
    i = close + 1;
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t')) ++i;
    if (i < header.size() && header[i] != ',') return std::nullopt;
  }
  if (out.tags.empty()) return std::nullopt;
  return out;
}

bool matches_strongly(const EntityTags& tags, std::string_view etag) {
  if (tags.any) return true;
  const auto opaque = opaque_of(etag);
  for (const auto& t : tags.tags) {
    if (!t.weak && t.opaque == opaque) return true;
  }
  return false;
}

bool matches_weakly(const EntityTags& tags, std::string_view etag) {
  if (tags.any) return true;
  const auto opaque = opaque_of(etag);
  for (const auto& t : tags.tags) {
    if (t.opaque == opaque) return true;
  }
  return false;
}

std::optional<std::int64_t> version_of(std::string_view opaque) {
  opaque = opaque_of(opaque);
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(opaque.data(), opaque.data() + opaque.size(), n);
  if (ec != std::errc{} || end != opaque.data() + opaque.size() || n < 1) return std::nullopt;
  return n;
}

}  // namespace vg::http::api
