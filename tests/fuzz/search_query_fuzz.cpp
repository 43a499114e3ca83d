// libFuzzer target for what people type into a directory search box: control characters
// stripped, the words turned into FTS5 and tsquery expressions with compounds and synonyms. Any
// bytes in: no crash, valid UTF-8 out, a bounded expression, and quoting that always closes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/directory/search_synonyms.h"
#include "domain/text/control_characters.h"
#include "domain/text/utf8.h"
#include "store/search_words.h"

namespace {

const vg::directory::SearchSynonyms& synonyms() {
  static const auto parsed = vg::directory::SearchSynonyms::parse(
      "rape => sexual violence, sexual assault\ndv, domestic abuse, domestic violence\nasb, anti social behaviour\n");
  if (!parsed) std::abort();
  return *parsed;
}

// Counts quote characters outside the doubled-quote escapes: an odd count is an unclosed string.
bool quotes_balanced(std::string_view s, char quote) {
  std::size_t count = 0;
  for (char c : s) count += c == quote ? 1 : 0;
  return count % 2 == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string cleaned = vg::text::without_controls(input);
  if (vg::text::has_unwanted_controls(cleaned)) std::abort();
  if (!vg::text::is_valid_utf8(cleaned)) std::abort();

  // Synonyms parsed from the same bytes must either be refused or be usable.
  auto own = vg::directory::SearchSynonyms::parse(input);
  const vg::directory::SearchSynonyms* fixed = &synonyms();
  const vg::directory::SearchSynonyms* typed = own ? &*own : nullptr;
  for (const vg::directory::SearchSynonyms* rules : {fixed, typed}) {
    const auto expression = vg::store::search_expression(cleaned, rules);
    if (expression.groups.size() > vg::store::kMaxSearchWords) std::abort();
    for (const auto& group : expression.groups) {
      if (group.empty()) std::abort();
      // Joins and splits of one word, plus the fixed rules' three alternatives at most.
      if (rules == fixed && group.size() > 3 + vg::store::kMaxSearchWordBytes) std::abort();
    }
    const auto fts5 = vg::store::fts5_query(expression);
    const auto tsquery = vg::store::tsquery_query(expression);
    if (expression.empty() != fts5.empty() || expression.empty() != tsquery.empty()) std::abort();
    if (!vg::text::is_valid_utf8(fts5) || !vg::text::is_valid_utf8(tsquery)) std::abort();
    if (!quotes_balanced(fts5, '"') || !quotes_balanced(tsquery, '\'')) std::abort();
  }
  return 0;
}
