// Entity tags for the API's versioned records (RFC 9110 §8.8.3): a record's version as a strong
// ETag, and the If-Match / If-None-Match lists clients send back. Parses headers only; never
// decides whether a change may be made (the use case checks the version in its transaction).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vg::http::api {

// "\"3\"" for version 3: strong, because the version changes with every change to the record.
std::string version_etag(std::int64_t version);

// An If-Match or If-None-Match header: "*", or a comma-separated list of entity tags. Weak tags
// (W/"…") are kept with `weak` set: If-Match compares strongly, so a weak one never matches.
struct EntityTags {
  bool any = false;  // "*"
  struct Tag {
    std::string opaque;  // between the quotes
    bool weak = false;
  };
  std::vector<Tag> tags;
};
// nullopt when the header is not a well-formed list.
std::optional<EntityTags> parse_entity_tags(std::string_view header);

// If-Match: does `etag` (a strong tag as version_etag writes it) match, comparing strongly?
bool matches_strongly(const EntityTags& tags, std::string_view etag);
// If-None-Match: does `etag` match, comparing weakly (RFC 9110 §13.1.2)?
bool matches_weakly(const EntityTags& tags, std::string_view etag);

// The version in a strong tag written by version_etag ("\"3\"" → 3), for a tag that matched.
std::optional<std::int64_t> version_of(std::string_view opaque);

}  // namespace vg::http::api
