#include "app/content/help_page.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "domain/casework/needs.h"
#include "domain/text/control_characters.h"
#include "domain/text/utf8.h"

namespace vg::app::content {
namespace {

// Bounds on what an editor writes; far above any real page, well below anything that would slow
// a start. The pages are read once, at start.
constexpr std::size_t kMaxFileBytes = 64 * 1024;
constexpr std::size_t kMaxTitle = 120;
constexpr std::size_t kMaxSummary = 300;
constexpr std::size_t kMaxCodes = 20;
constexpr std::size_t kMaxKeywords = 100;
constexpr std::size_t kMaxSlug = 80;

constexpr std::string_view kFence = "---";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_code(std::string_view s) {
  return !s.empty() && s.size() <= 60 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool is_slug(std::string_view s) {
  return !s.empty() && s.size() <= kMaxSlug && s.front() != '-' && s.back() != '-' &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// "a, b ,c" → {"a", "b", "c"}; empty items are dropped.
std::vector<std::string> split_list(std::string_view value, char separator) {
  std::vector<std::string> out;
  while (true) {
    const auto at = value.find(separator);
    const auto item = trim(value.substr(0, at));
    if (!item.empty()) out.emplace_back(item);
    if (at == std::string_view::npos) break;
    value.remove_prefix(at + 1);
  }
  return out;
}

// Text a person reads: one line of valid UTF-8 with no control or direction-changing character.
bool readable_line(std::string_view s) { return text::is_valid_utf8(s) && !text::has_unwanted_controls(s); }

void read_codes(std::string_view key, std::string_view value, std::vector<std::string>& out,
                std::vector<FieldError>& errors) {
  out = split_list(value, ',');
  if (out.size() > kMaxCodes) {
    errors.push_back({std::string(key), "too_many", "List at most 20 codes"});
    return;
  }
  for (const auto& code : out) {
    if (!is_code(code)) {
      errors.push_back({std::string(key), "invalid", "Codes are lower-case letters, digits and underscores"});
      return;
    }
  }
}

void read_needs(std::string_view value, std::vector<std::string>& out, std::vector<FieldError>& errors) {
  read_codes("needs", value, out, errors);
  const auto& domains = casework::default_need_domains();
  for (const auto& code : out) {
    const bool known = std::any_of(domains.begin(), domains.end(), [&](const auto& d) { return d.code == code; });
    if (!known) {
      errors.push_back({"needs", "unknown", "There is no need called " + code});
      return;
    }
  }
}

// "crime_type=burglary_and_theft&keywords=home security": what /find-support reads.
void read_search(std::string_view value, std::vector<std::pair<std::string, std::string>>& out,
                 std::vector<FieldError>& errors) {
  for (const auto& part : split_list(value, '&')) {
    const auto eq = part.find('=');
    const std::string name = std::string(trim(std::string_view(part).substr(0, eq)));
    const std::string term = eq == std::string::npos ? "" : std::string(trim(std::string_view(part).substr(eq + 1)));
    if (name == "crime_type") {
      if (!is_code(term)) {
        errors.push_back({"search", "invalid", "crime_type must be a crime type's code"});
        return;
      }
    } else if (name == "keywords") {
      if (term.empty() || term.size() > kMaxKeywords || !readable_line(term)) {
        errors.push_back({"search", "invalid", "keywords must be one line of up to 100 characters"});
        return;
      }
    } else {
      errors.push_back({"search", "unknown", "The search may set only crime_type and keywords"});
      return;
    }
    out.emplace_back(name, term);
  }
  if (out.size() > kMaxCodes) errors.push_back({"search", "too_many", "Give at most 20 search terms"});
}

}  // namespace

Result<HelpPage> parse_help_page(std::string_view file_name, std::string_view text) {
  std::vector<FieldError> errors;
  HelpPage page;
  if (!file_name.ends_with(".md") || !is_slug(file_name.substr(0, file_name.size() - 3))) {
    errors.push_back({"file_name", "invalid",
                      "Name the file in lower-case words joined by hyphens, ending .md"});
  } else {
    page.slug = std::string(file_name.substr(0, file_name.size() - 3));
  }
  if (text.size() > kMaxFileBytes) {
    errors.push_back({"body", "too_long", "A page may be at most 64 KB"});
    return validation_failed(std::move(errors), "The help page is not valid");
  }
  if (!text::is_valid_utf8(text)) {
    errors.push_back({"body", "invalid", "The file is not UTF-8 text"});
    return validation_failed(std::move(errors), "The help page is not valid");
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark some editors add

  // The front matter: from a first line "---" to the next line "---".
  auto next_line = [&text]() {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };
  if (text.empty() || trim(next_line()) != kFence) {
    errors.push_back({"body", "missing_front_matter", "Start the file with a line of three hyphens, then the front matter"});
    return validation_failed(std::move(errors), "The help page is not valid");
  }
  std::set<std::string, std::less<>> seen;
  bool closed = false;
  while (!text.empty()) {
    const std::string_view line = next_line();
    if (trim(line) == kFence) {
      closed = true;
      break;
    }
    if (trim(line).empty() || trim(line).starts_with('#')) continue;
    const auto colon = line.find(':');
    const std::string key(trim(line.substr(0, colon)));
    const std::string_view value = colon == std::string_view::npos ? std::string_view{} : trim(line.substr(colon + 1));
    if (colon == std::string_view::npos || key.empty()) {
      errors.push_back({"front_matter", "invalid", "Write each line of the front matter as key: value"});
      continue;
    }
    if (!seen.insert(key).second) {
      errors.push_back({key, "repeated", "Give " + key + " once"});
      continue;
    }
    if (key == "title") {
      page.title = std::string(value);
    } else if (key == "summary") {
      page.summary = std::string(value);
    } else if (key == "crime_types") {
      read_codes(key, value, page.crime_types, errors);
    } else if (key == "needs") {
      read_needs(value, page.needs, errors);
    } else if (key == "search") {
      read_search(value, page.search, errors);
    } else {
      errors.push_back({key.size() <= 40 && readable_line(key) ? key : std::string("front_matter"), "unknown",
                        "The front matter takes title, summary, crime_types, needs and search"});
    }
  }
  if (!closed) {
    errors.push_back({"body", "unclosed_front_matter", "End the front matter with a line of three hyphens"});
  }
  if (page.title.empty()) {
    errors.push_back({"title", "required", "Give the page a title"});
  } else if (page.title.size() > kMaxTitle || !readable_line(page.title)) {
    errors.push_back({"title", "invalid", "The title must be one line of up to 120 characters"});
  }
  if (page.summary.empty()) {
    errors.push_back({"summary", "required", "Give the page a summary for the index"});
  } else if (page.summary.size() > kMaxSummary || !readable_line(page.summary)) {
    errors.push_back({"summary", "invalid", "The summary must be one line of up to 300 characters"});
  }
  if (page.search.empty() && !seen.contains("search")) {
    // Every page links to the directory: by default, to its crime types' search.
    for (const auto& code : page.crime_types) page.search.emplace_back("crime_type", code);
  }
  page.markdown = std::string(text);
  const bool blank = page.markdown.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank && closed) errors.push_back({"body", "required", "Write the page below the front matter"});
  if (text::find_control_character(page.markdown)) {
    errors.push_back({"body", "invalid", "The page holds a control character"});
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The help page is not valid");
  return page;
}

}  // namespace vg::app::content
