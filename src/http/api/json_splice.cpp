#include "http/api/json_splice.h"

#include <fmt/format.h>

#include <iterator>

namespace vg::http::api {
namespace detail {

std::size_t skip_value(std::string_view s, std::size_t i, JsonKind& kind) {
  if (i >= s.size()) return std::string_view::npos;
  char c = s[i];
  if (c == '"') {
    kind = JsonKind::kString;
    return skip_string(s, i);
  }
  if (c == '{' || c == '[') {
    kind = c == '{' ? JsonKind::kObject : JsonKind::kArray;
    // Nesting is balanced by counting brackets outside strings; a document whose brackets do
    // not pair up is reported as malformed rather than spliced.
    int depth = 0;
    char stack[256];
    for (; i < s.size(); ++i) {
      char d = s[i];
      if (d == '"') {
        i = skip_string(s, i);
        if (i == std::string_view::npos) return i;
        --i;
      } else if (d == '{' || d == '[') {
        if (depth == static_cast<int>(sizeof stack)) return std::string_view::npos;
        stack[depth++] = d == '{' ? '}' : ']';
      } else if (d == '}' || d == ']') {
        if (depth == 0 || stack[depth - 1] != d) return std::string_view::npos;
        if (--depth == 0) return i + 1;
      }
    }
    return std::string_view::npos;
  }
  auto literal = [&](std::string_view word, JsonKind k) -> std::size_t {
    if (s.substr(i, word.size()) != word) return std::string_view::npos;
    kind = k;
    return i + word.size();
  };
  if (c == 't') return literal("true", JsonKind::kTrue);
  if (c == 'f') return literal("false", JsonKind::kFalse);
  if (c == 'n') return literal("null", JsonKind::kNull);
  if (c == '-' || (c >= '0' && c <= '9')) {
    kind = JsonKind::kNumber;
    std::size_t j = i + 1;
    while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.' || s[j] == 'e' ||
                            s[j] == 'E' || s[j] == '+' || s[j] == '-')) {
      ++j;
    }
    return j;
  }
  return std::string_view::npos;
}

}  // namespace detail

bool append_service_list_item(std::string& out, std::string_view service_document) {
  auto mark = out.size();
  out.push_back('{');
  bool first = true;
  bool ok = append_members(out, service_document, first, [](std::string_view key, JsonKind kind) {
    if (kind == JsonKind::kObject) return key == "organization";
    return kind != JsonKind::kArray;
  });
  if (!ok) {
    out.resize(mark);
    return false;
  }
  out.push_back('}');
  return true;
}

std::optional<std::string> service_list_item(std::string_view service_document) {
  std::string item;
  item.reserve(service_document.size());
  if (!append_service_list_item(item, service_document)) return std::nullopt;
  item.shrink_to_fit();
  return item;
}

PageMeta page_meta(std::int64_t total_items, int page, int per_page, std::int64_t size) {
  PageMeta m;
  m.total_items = total_items < 0 ? 0 : total_items;
  m.total_pages = per_page > 0 ? (m.total_items + per_page - 1) / per_page : 0;
  m.page_number = page;
  m.size = size;
  m.first_page = page == 1;
  m.last_page = page >= m.total_pages;
  m.empty = size == 0;
  return m;
}

void open_page(std::string& out, const PageMeta& m) {
  // fmt writes bools as true and false, as JSON wants.
  fmt::format_to(std::back_inserter(out),
                 R"({{"total_items":{},"total_pages":{},"page_number":{},"size":{},)"
                 R"("first_page":{},"last_page":{},"empty":{},"contents":[)",
                 m.total_items, m.total_pages, m.page_number, m.size, m.first_page, m.last_page,
                 m.empty);
}

void close_page(std::string& out) { out.append("]}"); }

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : text) {
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out.append("\\u00");
          out.push_back(kHex[(c >> 4) & 0xf]);
          out.push_back(kHex[c & 0xf]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

}  // namespace vg::http::api
