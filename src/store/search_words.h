// Turns a person's free-text search into safe full-text queries for both backends: each word a
// quoted prefix term, all AND-ed. User text never reaches FTS5 or to_tsquery unquoted.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/directory/search_synonyms.h"

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

// A search as both stores run it: every group must match, and a group matches when any one of
// its phrases does (the words adjacent and in order, the last one a prefix). Besides each typed
// word, a group accepts the ways people write compounds (anti-semitic, anti semitic and
// antisemitic find each other) and the area's synonyms.
using SearchPhrase = std::vector<std::string>;
struct SearchExpression {
  std::vector<std::vector<SearchPhrase>> groups;
  bool empty() const { return groups.empty(); }
};
SearchExpression search_expression(std::string_view text,
                                   const directory::SearchSynonyms* synonyms = nullptr);

// FTS5 MATCH expression: ("a"* OR "b c"*) AND ... Empty when there are no words.
std::string fts5_query(const SearchExpression& expression);

// PostgreSQL to_tsquery input: ('a':* | 'b' <-> 'c':*) & ... Empty when there are no words.
std::string tsquery_query(const SearchExpression& expression);

}  // namespace vg::store
