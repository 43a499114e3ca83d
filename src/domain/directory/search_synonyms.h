// An area's search synonyms (config/areas/AREA/synonyms.txt): the words people type for what the
// directory calls something else ("rape" for sexual violence, "DV" for domestic abuse). Pure data
// and its parser; never reads files and never decides how a store searches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::directory {

// Solr's synonyms format, which operators may already know, one rule a line:
//   rape => sexual violence, sexual assault    "rape" also finds the phrases on the right
//   dv, domestic violence, domestic abuse      each of them finds every other
// Blank lines and lines starting with # are ignored. Matching ignores ASCII case.
class SearchSynonyms {
 public:
  using Phrase = std::vector<std::string>;  // lower-case words, in order

  // Field errors are "line N". `text` is a whole file.
  static Result<SearchSynonyms> parse(std::string_view text);

  // Adds another area's rules (a search across areas uses every area's).
  void merge(const SearchSynonyms& other);

  // The longest rule whose left side starts `words` at `at`: how many words it spans (0 if
  // none) and what else those words may be written as.
  struct Match {
    std::size_t length = 0;
    std::vector<Phrase> alternatives;
  };
  Match match(const std::vector<std::string>& words, std::size_t at) const;

  bool empty() const { return rules_.empty(); }

 private:
  struct Rule {
    Phrase from;
    std::vector<Phrase> to;
  };
  std::vector<Rule> rules_;
};

}  // namespace vg::directory
