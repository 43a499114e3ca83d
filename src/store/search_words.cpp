#include "store/search_words.h"

namespace vg::store {

namespace {

bool is_separator(unsigned char c) {
  if (c >= 0x80) return false;  // part of a UTF-8 sequence: let the tokenizer judge it
  if (c >= '0' && c <= '9') return false;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return false;
  return true;  // controls, whitespace, punctuation, and every FTS / tsquery operator
}

// Length of the well-formed UTF-8 sequence starting at `at` (a non-ASCII lead byte), or 0.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length;
  unsigned min_code;
  unsigned code;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, min_code = 0x80, code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, min_code = 0x800, code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, min_code = 0x10000, code = lead & 0x07;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[at + k]);
    if ((next & 0xC0) != 0x80) return 0;
    code = (code << 6) | (next & 0x3F);
  }
  if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

// Cuts at a UTF-8 boundary so a truncated word is still valid UTF-8.
std::string truncate_utf8(std::string word) {
  if (word.size() <= kMaxSearchWordBytes) return word;
  std::size_t end = kMaxSearchWordBytes;
  while (end > 0 && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) --end;
  word.resize(end);
  return word;
}

// Appends `word` between `quote`s, doubling any quote inside it (both FTS5 and tsquery escape
// that way). Words cannot hold ASCII quotes after splitting; this is belt and braces.
void append_quoted(std::string& out, const std::string& word, char quote) {
  out += quote;
  for (char c : word) {
    if (c == quote) out += quote;
    out += c;
  }
  out += quote;
}

}  // namespace

std::vector<std::string> search_words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty() && words.size() < kMaxSearchWords) {
      words.push_back(truncate_utf8(std::move(current)));
    }
    current.clear();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (is_separator(c)) {
        flush();
      } else {
        current += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // Keeps well-formed UTF-8 sequences whole; any ill-formed byte splits words instead, so
    // the database never sees invalid text.
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      flush();
      ++i;
    } else {
      current.append(text.substr(i, length));
      i += length;
    }
  }
  flush();
  return words;
}

std::string fts5_prefix_query(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += " AND ";
    append_quoted(out, word, '"');
    out += '*';
  }
  return out;
}

std::string tsquery_prefix_query(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += " & ";
    std::string escaped;
    for (char c : word) {
      if (c == '\\') escaped += '\\';
      escaped += c;
    }
    append_quoted(out, escaped, '\'');
    out += ":*";
  }
  return out;
}

}  // namespace vg::store
