#include "store/search_words.h"

#include <algorithm>
#include <array>

#include "domain/text/utf8.h"

namespace vg::store {

namespace {

bool is_separator(unsigned char c) {
  if (c >= 0x80) return false;  // part of a UTF-8 sequence: let the tokenizer judge it
  if (c >= '0' && c <= '9') return false;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return false;
  return true;  // controls, whitespace, punctuation, and every FTS / tsquery operator
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

// PostgreSQL's english stop words (tsearch_data/english.stop). to_tsquery drops them, so a phrase
// or join built from one would match more than was typed ("the rapist" is not "therapist").
constexpr std::array<std::string_view, 127> kStopWords = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
    "by", "can", "did", "do", "does", "doing", "don", "down", "during", "each", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
    "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
    "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
    "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "s", "same", "she",
    "should", "so", "some", "such", "t", "than", "that", "the", "their", "theirs", "them",
    "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "you", "your", "yours", "yourself",
    "yourselves"};

bool is_stop_word(std::string_view word) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), word);
}

std::string lower_ascii(std::string word) {
  for (auto& c : word) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
  return word;
}

bool ascii_letters(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Splits of a typed compound into two written words ("antisemitic" → "anti semitic"), each part
// at least two letters and not a stop word. Only plain ASCII words of a bounded length: the
// count of alternatives stays small.
constexpr std::size_t kMinSplitWord = 5;
constexpr std::size_t kMaxSplitWord = 24;
constexpr std::size_t kMinSplitPart = 2;

void add_phrase(std::vector<SearchPhrase>& group, SearchPhrase phrase) {
  if (std::find(group.begin(), group.end(), phrase) == group.end()) group.push_back(std::move(phrase));
}

void append_fts5_phrase(std::string& out, const SearchPhrase& phrase) {
  std::string joined;
  for (const auto& word : phrase) {
    if (!joined.empty()) joined += ' ';
    joined += word;
  }
  append_quoted(out, joined, '"');
  out += '*';
}

void append_tsquery_phrase(std::string& out, const SearchPhrase& phrase) {
  for (std::size_t i = 0; i < phrase.size(); ++i) {
    if (i > 0) out += " <-> ";
    std::string escaped;
    for (char c : phrase[i]) {
      if (c == '\\') escaped += '\\';
      escaped += c;
    }
    append_quoted(out, escaped, '\'');
    if (i + 1 == phrase.size()) out += ":*";
  }
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
    const std::size_t length = text::utf8_sequence_length(text, i);
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

SearchExpression search_expression(std::string_view text,
                                   const directory::SearchSynonyms* synonyms) {
  std::vector<std::string> words = search_words(text);
  for (auto& word : words) word = lower_ascii(std::move(word));
  SearchExpression out;
  auto joinable = [&words](std::size_t i) { return i < words.size() && !is_stop_word(words[i]); };
  std::size_t i = 0;
  while (i < words.size()) {
    if (synonyms != nullptr) {
      auto match = synonyms->match(words, i);
      if (match.length > 0) {
        std::vector<SearchPhrase> group;
        add_phrase(group, SearchPhrase(words.begin() + static_cast<std::ptrdiff_t>(i),
                                       words.begin() + static_cast<std::ptrdiff_t>(i + match.length)));
        for (auto& phrase : match.alternatives) add_phrase(group, std::move(phrase));
        out.groups.push_back(std::move(group));
        i += match.length;
        continue;
      }
    }
    const std::string& word = words[i];
    std::vector<SearchPhrase> group{{word}};
    if (joinable(i)) {
      // Typed apart, written together: "anti semitic" / "anti-semitic" find "antisemitic".
      if (i > 0 && joinable(i - 1)) add_phrase(group, {words[i - 1] + word});
      if (joinable(i + 1)) add_phrase(group, {word + words[i + 1]});
      // Typed together, written apart: "antisemitic" finds "anti-semitic" and "anti semitic".
      if (word.size() >= kMinSplitWord && word.size() <= kMaxSplitWord && ascii_letters(word)) {
        for (std::size_t cut = kMinSplitPart; cut + kMinSplitPart <= word.size(); ++cut) {
          auto head = word.substr(0, cut);
          auto tail = word.substr(cut);
          if (!is_stop_word(head) && !is_stop_word(tail)) add_phrase(group, {head, tail});
        }
      }
    }
    out.groups.push_back(std::move(group));
    ++i;
  }
  return out;
}

std::string fts5_query(const SearchExpression& expression) {
  std::string out;
  for (const auto& group : expression.groups) {
    if (!out.empty()) out += " AND ";
    if (group.size() > 1) out += '(';
    for (std::size_t k = 0; k < group.size(); ++k) {
      if (k > 0) out += " OR ";
      append_fts5_phrase(out, group[k]);
    }
    if (group.size() > 1) out += ')';
  }
  return out;
}

std::string tsquery_query(const SearchExpression& expression) {
  std::string out;
  for (const auto& group : expression.groups) {
    if (!out.empty()) out += " & ";
    out += '(';
    for (std::size_t k = 0; k < group.size(); ++k) {
      if (k > 0) out += " | ";
      if (group[k].size() > 1) out += '(';
      append_tsquery_phrase(out, group[k]);
      if (group[k].size() > 1) out += ')';
    }
    out += ')';
  }
  return out;
}

}  // namespace vg::store
