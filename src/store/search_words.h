// Turns a person's free-text search into safe full-text queries for both backends: each word a
// quoted prefix term, all AND-ed. User text never reaches FTS5 or to_tsquery unquoted.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vg::store {

// Words of `text`: split on ASCII whitespace and punctuation (non-ASCII bytes stay inside words,
// so accented letters survive); at most kMaxSearchWords words of at most kMaxSearchWordBytes.
inline constexpr std::size_t kMaxSearchWords = 16;
inline constexpr std::size_t kMaxSearchWordBytes = 64;
std::vector<std::string> search_words(std::string_view text);

// FTS5 MATCH expression: "word1"* AND "word2"*. Empty when there are no words.
std::string fts5_prefix_query(const std::vector<std::string>& words);

// PostgreSQL to_tsquery input: 'word1':* & 'word2':*. Empty when there are no words.
std::string tsquery_prefix_query(const std::vector<std::string>& words);

}  // namespace vg::store
