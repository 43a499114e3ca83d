#include "domain/directory/search_synonyms.h"

#include <algorithm>

#include "domain/text/utf8.h"

namespace vg::directory {
namespace {

constexpr std::size_t kMaxRules = 2000;  // a file an operator writes by hand, not a thesaurus
constexpr std::size_t kMaxPhraseWords = 6;
// A line of n equivalent entries becomes n rules of n - 1 alternatives: bound n before that.
constexpr std::size_t kMaxEntriesPerLine = 50;

// Lower-case words of an entry, split on anything but ASCII letters, digits and UTF-8 bytes: the
// same words the search box makes of what people type.
SearchSynonyms::Phrase words_of(std::string_view text) {
  SearchSynonyms::Phrase out;
  std::string current;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool word_byte = u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
    if (word_byte) {
      current += (u >= 'A' && u <= 'Z') ? static_cast<char>(u | 0x20) : c;
    } else if (!current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::vector<std::string_view> split(std::string_view text, char by) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(by, start);
    out.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::string lower(std::string_view word) {
  std::string out(word);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
  return out;
}

}  // namespace

Result<SearchSynonyms> SearchSynonyms::parse(std::string_view text) {
  SearchSynonyms out;
  std::vector<FieldError> errors;
  int number = 0;
  for (auto line : split(text, '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    const std::string field = "line " + std::to_string(number);
    // Rules become database queries: text the databases could not read never gets that far.
    if (!text::is_valid_utf8(line)) {
      errors.push_back({field, "encoding", "is not valid UTF-8"});
      continue;
    }
    auto phrases_of = [&](std::string_view side) {
      std::vector<Phrase> phrases;
      const auto parts = split(side, ',');
      if (parts.size() > kMaxEntriesPerLine) {
        errors.push_back({field, "too_many_entries", "has more than 50 entries"});
        return phrases;
      }
      for (auto part : parts) {
        auto words = words_of(part);
        if (words.empty()) {
          errors.push_back({field, "empty", "has an empty entry between commas"});
        } else if (words.size() > kMaxPhraseWords) {
          errors.push_back({field, "too_long", "has an entry of more than 6 words"});
        } else {
          phrases.push_back(std::move(words));
        }
      }
      return phrases;
    };
    if (const auto arrow = line.find("=>"); arrow != std::string_view::npos) {
      auto from = phrases_of(line.substr(0, arrow));
      auto to = phrases_of(line.substr(arrow + 2));
      for (auto& f : from) out.rules_.push_back({std::move(f), to});
    } else {
      auto group = phrases_of(line);
      if (group.size() < 2) {
        errors.push_back({field, "one_entry", "needs two or more entries separated by commas, or =>"});
        continue;
      }
      for (std::size_t i = 0; i < group.size(); ++i) {
        Rule rule{group[i], {}};
        for (std::size_t j = 0; j < group.size(); ++j) {
          if (j != i) rule.to.push_back(group[j]);
        }
        out.rules_.push_back(std::move(rule));
      }
    }
    if (out.rules_.size() > kMaxRules) {
      errors.push_back({field, "too_many", "the file has more than 2000 rules"});
      break;
    }
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The synonyms file is not valid");
  return out;
}

void SearchSynonyms::merge(const SearchSynonyms& other) {
  rules_.insert(rules_.end(), other.rules_.begin(), other.rules_.end());
}

SearchSynonyms::Match SearchSynonyms::match(const std::vector<std::string>& words, std::size_t at) const {
  Match best;
  for (const auto& rule : rules_) {
    const auto n = rule.from.size();
    if (n < best.length || at + n > words.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < n && same; ++k) same = lower(words[at + k]) == rule.from[k];
    if (!same) continue;
    if (n > best.length) {
      best.length = n;
      best.alternatives.clear();
    }
    // Several areas may map the same words: every alternative counts, each once.
    for (const auto& phrase : rule.to) {
      if (phrase != rule.from &&
          std::find(best.alternatives.begin(), best.alternatives.end(), phrase) == best.alternatives.end()) {
        best.alternatives.push_back(phrase);
      }
    }
  }
  return best;
}

}  // namespace vg::directory
