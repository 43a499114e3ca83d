// Builds API bodies by splicing stored HSDS JSON documents as text, so the directory's hot path
// never parses and re-serialises them. Trusts documents the app layer validated; never edits values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vg::http::api {

enum class JsonKind { kObject, kArray, kString, kNumber, kTrue, kFalse, kNull };

// Calls visit(key, raw_value, kind) for each member of the top-level JSON object `object`, in
// order. `key` is the raw text between the quotes (escapes left as they are); `raw_value` is the
// member's exact JSON text. Returns false if `object` is not a well-formed object as far as the
// scan can tell (it checks structure, not every literal). Stops early, returning true, when
// visit returns false.
template <typename Visit>
bool for_each_member(std::string_view object, Visit&& visit);

// Appends `object`'s members for which keep(key, kind) is true, as "k":v pairs separated by
// commas (no braces). Null members are always left out: the API omits optional fields.
// `first` says whether a comma is needed before the first pair and is updated.
template <typename Keep>
bool append_members(std::string& out, std::string_view object, bool& first, Keep&& keep);

// One-to-one members (scalars), plus `organization`: the compiled service_list shape.
bool append_service_list_item(std::string& out, std::string_view service_document);
// The same item on its own; nullopt when the document is not a well-formed object.
std::optional<std::string> service_list_item(std::string_view service_document);

// The page envelope of HSDS 3.0 / ORUK 3.0, numbers computed once per request.
struct PageMeta {
  std::int64_t total_items = 0;
  std::int64_t total_pages = 0;  // 0 when there are no items
  int page_number = 1;
  std::int64_t size = 0;  // items in this page's contents, not the requested page size
  bool first_page = true;
  bool last_page = true;  // no page follows this one (so also true past the end)
  bool empty = true;
};

PageMeta page_meta(std::int64_t total_items, int page, int per_page, std::int64_t size);

// {"total_items":…,…,"empty":…,"contents":[   — the caller appends items, then close_page.
void open_page(std::string& out, const PageMeta& meta);
void close_page(std::string& out);

// A JSON string literal for `text` (quotes included), escaping what RFC 8259 requires.
void append_json_string(std::string& out, std::string_view text);

// ---- implementation of the templates ----------------------------------------------------------

namespace detail {

inline std::size_t skip_ws(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
  return i;
}

// Index just past the string starting at s[i] == '"', or npos.
inline std::size_t skip_string(std::string_view s, std::size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    } else if (static_cast<unsigned char>(s[i]) < 0x20) {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

// Index just past the value starting at s[i], or npos; sets kind.
std::size_t skip_value(std::string_view s, std::size_t i, JsonKind& kind);

}  // namespace detail

template <typename Visit>
bool for_each_member(std::string_view s, Visit&& visit) {
  using detail::skip_ws;
  std::size_t i = skip_ws(s, 0);
  if (i >= s.size() || s[i] != '{') return false;
  i = skip_ws(s, i + 1);
  if (i < s.size() && s[i] == '}') return skip_ws(s, i + 1) == s.size();
  while (i < s.size()) {
    if (s[i] != '"') return false;
    std::size_t key_end = detail::skip_string(s, i);
    if (key_end == std::string_view::npos) return false;
    std::string_view key = s.substr(i + 1, key_end - i - 2);
    i = skip_ws(s, key_end);
    if (i >= s.size() || s[i] != ':') return false;
    i = skip_ws(s, i + 1);
    JsonKind kind;
    std::size_t value_end = detail::skip_value(s, i, kind);
    if (value_end == std::string_view::npos) return false;
    if (!visit(key, s.substr(i, value_end - i), kind)) return true;
    i = skip_ws(s, value_end);
    if (i >= s.size()) return false;
    if (s[i] == '}') return skip_ws(s, i + 1) == s.size();
    if (s[i] != ',') return false;
    i = skip_ws(s, i + 1);
  }
  return false;
}

template <typename Keep>
bool append_members(std::string& out, std::string_view object, bool& first, Keep&& keep) {
  return for_each_member(object, [&](std::string_view key, std::string_view raw, JsonKind kind) {
    if (kind == JsonKind::kNull || !keep(key, kind)) return true;
    if (!first) out.push_back(',');
    first = false;
    out.push_back('"');
    out.append(key);
    out.append("\":");
    out.append(raw);
    return true;
  });
}

}  // namespace vg::http::api
