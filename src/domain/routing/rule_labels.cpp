#include "domain/routing/rule_labels.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "domain/routing/routing_facts.h"

namespace vg::routing {
namespace {

// A word of the label, lower case, with where it stands in the label (to quote it as written).
struct Token {
  std::string text;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Runs of ASCII letters and digits; everything else (spaces, hyphens, apostrophes, full stops,
// any non-ASCII byte) separates words. "High-risk" → high, risk; "St. Helens" → st, helens.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  while (i < text.size()) {
    if (!word_char(text[i])) {
      ++i;
      continue;
    }
    Token t;
    t.begin = i;
    while (i < text.size() && word_char(text[i])) {
      const char c = text[i++];
      t.text.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    t.end = i;
    out.push_back(std::move(t));
  }
  return out;
}

enum class Kind { kAge, kRisk, kStrand, kPlace, kArea, kFlag };

// One promise found in the label.
struct Claim {
  Kind kind;
  std::vector<std::string> values;  // age bands, risk levels, strands or local authority codes
  std::uint32_t flag = 0;
  bool negated = false;  // "without domestic abuse": the flag must be in not_flags
  std::string words;     // as written in the label
  // Whether every value must be able to match ("medium or high risk", "LGBT": each is named),
  // or any one will do ("adult": 18 to 64 or 65 and over, so "an adult aged 65 or over" holds).
  bool every = false;
};

struct Phrase {
  std::vector<std::string> tokens;
  Kind kind;
  std::vector<std::string> values;
  std::uint32_t flag = 0;
};

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  for (auto& t : tokenize(text)) out.push_back(std::move(t.text));
  return out;
}

const std::vector<Phrase>& fixed_phrases() {
  static const std::vector<Phrase> all = [] {
    std::vector<Phrase> p;
    auto age = [&](std::string_view text, std::vector<std::string> bands) {
      p.push_back({words_of(text), Kind::kAge, std::move(bands), 0});
    };
    const std::vector<std::string> child = {"under_18"};
    const std::vector<std::string> adult = {"18_to_64", "65_and_over"};
    const std::vector<std::string> older = {"65_and_over"};
    for (auto w :
         {"child", "children", "young person", "young people", "under 18", "under eighteen"}) {
      age(w, child);
    }
    for (auto w : {"adult", "adults", "18 or over", "18 and over", "over 18", "18 or older"}) {
      age(w, adult);
    }
    for (auto w : {"older person", "older people", "older victim", "older victims", "65 or over",
                   "65 and over", "over 65", "65 or older", "elderly", "pensioner", "pensioners"}) {
      age(w, older);
    }
    age("18 to 64", {"18_to_64"});
    for (auto w : {"age not known", "age is not known", "age unknown", "unknown age"}) {
      age(w, {"unknown"});
    }
    auto flag = [&](std::string_view text, std::uint32_t bit) {
      p.push_back({words_of(text), Kind::kFlag, {}, bit});
    };
    for (auto w : {"domestic abuse", "domestic violence"}) flag(w, kDomesticAbuse);
    for (auto w : {"hate crime", "hate crimes"}) flag(w, kHateCrime);
    for (auto w : {"sexual offence", "sexual offences", "sexually abused", "sexual abuse",
                   "sexual violence", "sexual assault", "sexually assaulted"}) {
      flag(w, kSexualOffence);
    }
    for (auto w : {"child sexual exploitation", "cse"}) flag(w, kChildSexualExploitation);
    for (auto w : {"modern slavery", "trafficking", "trafficked"}) flag(w, kModernSlavery);
    for (auto w : {"stalking", "stalked", "harassment", "harassed"}) flag(w, kStalkingOrHarassment);
    flag("business crime", kBusinessCrime);
    for (auto w : {"anti-social behaviour", "antisocial behaviour", "asb"}) flag(w, kNonCrimeAsb);
    return p;
  }();
  return all;
}

const std::vector<std::pair<std::string_view, std::string_view>> kRiskWords = {
    {"standard", "standard"}, {"low", "standard"}, {"medium", "medium"}, {"high", "high"}};

const std::vector<std::pair<std::string_view, std::vector<std::string>>> kStrandWords = {
    {"race", {"race"}},
    {"racist", {"race"}},
    {"racial", {"race"}},
    {"religious", {"religion"}},
    {"religion", {"religion"}},
    {"faith", {"religion"}},
    {"antisemitic", {"religion"}},
    {"islamophobic", {"religion"}},
    {"homophobic", {"sexual_orientation"}},
    {"biphobic", {"sexual_orientation"}},
    {"transphobic", {"transgender"}},
    {"transgender", {"transgender"}},
    {"lgbt", {"sexual_orientation", "transgender"}},
    {"disability", {"disability"}},
    {"disablist", {"disability"}},
};

bool is_connector(std::string_view w) { return w == "or" || w == "and" || w == "to"; }

std::string quoted(std::string_view label, const std::vector<Token>& tokens, std::size_t first,
                   std::size_t last) {
  return std::string(label.substr(tokens[first].begin, tokens[last].end - tokens[first].begin));
}

// "medium or high risk", "High-risk": the levels before the word "risk".
void find_risk_claims(std::string_view label, const std::vector<Token>& tokens,
                      std::vector<bool>& used, std::vector<Claim>& claims) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].text != "risk" || used[i]) continue;
    Claim c{Kind::kRisk, {}, 0, false, {}, true};
    std::size_t first = i;
    for (std::size_t j = i; j-- > 0 && !used[j];) {
      auto level = std::find_if(kRiskWords.begin(), kRiskWords.end(),
                                [&](const auto& w) { return w.first == tokens[j].text; });
      if (level != kRiskWords.end()) {
        c.values.emplace_back(level->second);
        first = j;
      } else if (!is_connector(tokens[j].text)) {
        break;
      }
    }
    if (c.values.empty()) continue;
    for (std::size_t k = first; k <= i; ++k) used[k] = true;
    c.words = quoted(label, tokens, first, i);
    claims.push_back(std::move(c));
  }
}

// "Homophobic, biphobic or transphobic hate crime": the strands named before "hate crime". The
// words "hate crime" themselves stay for the flag.
void find_strand_claims(std::string_view label, const std::vector<Token>& tokens,
                        std::vector<bool>& used, std::vector<Claim>& claims) {
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].text != "hate" ||
        (tokens[i + 1].text != "crime" && tokens[i + 1].text != "crimes")) {
      continue;
    }
    Claim c{Kind::kStrand, {}, 0, false, {}, true};
    std::size_t first = i;
    for (std::size_t j = i; j-- > 0 && !used[j];) {
      auto strand = std::find_if(kStrandWords.begin(), kStrandWords.end(),
                                 [&](const auto& w) { return w.first == tokens[j].text; });
      if (strand != kStrandWords.end()) {
        c.values.insert(c.values.end(), strand->second.begin(), strand->second.end());
        first = j;
      } else if (!is_connector(tokens[j].text)) {
        break;
      }
    }
    if (c.values.empty()) continue;
    for (std::size_t k = first; k < i; ++k) used[k] = true;
    c.words = quoted(label, tokens, first, i - 1);
    claims.push_back(std::move(c));
  }
}

// Phrases longest first, so "child sexual exploitation" is a flag and not a child, "Greater
// Manchester" the force area and not the district, "East Staffordshire" a district.
void find_phrase_claims(std::string_view label, const std::vector<Token>& tokens,
                        std::vector<bool>& used, const LabelVocabulary& vocabulary,
                        std::vector<Claim>& claims) {
  std::vector<Phrase> phrases = fixed_phrases();
  for (const auto& place : vocabulary.places) {
    phrases.push_back({words_of(place.name), Kind::kPlace, {place.code}, 0});
  }
  for (const auto& area : vocabulary.area_names)
    phrases.push_back({words_of(area), Kind::kArea, {}, 0});
  std::stable_sort(phrases.begin(), phrases.end(), [](const Phrase& a, const Phrase& b) {
    return a.tokens.size() > b.tokens.size();
  });
  for (const auto& phrase : phrases) {
    const std::size_t n = phrase.tokens.size();
    if (n == 0) continue;
    for (std::size_t i = 0; i + n <= tokens.size(); ++i) {
      bool match = true;
      for (std::size_t k = 0; k < n && match; ++k) {
        match = !used[i + k] && tokens[i + k].text == phrase.tokens[k];
      }
      if (!match) continue;
      for (std::size_t k = 0; k < n; ++k) used[i + k] = true;
      if (phrase.kind == Kind::kArea) continue;
      Claim c{phrase.kind, phrase.values, phrase.flag, false, quoted(label, tokens, i, i + n - 1)};
      if (phrase.kind == Kind::kFlag && i > 0) {
        const auto& before = tokens[i - 1].text;
        c.negated = before == "no" || before == "not" || before == "without" || before == "non";
      }
      claims.push_back(std::move(c));
    }
  }
}

std::vector<std::string> names(const Codes& codes, const CodeSet& set) {
  std::vector<std::string> out;
  for (int id : set) out.push_back(codes.name(id));
  std::sort(out.begin(), out.end());
  return out;
}

std::string list(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "\"" : ", \"") + v + "\"";
  return out;
}

bool contains(const std::vector<std::string>& values, const std::string& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

// One kind of promise (age, risk, strands, places) against the condition list that keeps it.
// `all`: what an absent condition matches (every value), empty for places (anywhere).
void check_set(Kind kind, const std::vector<Claim>& claims, const std::vector<std::string>& tested,
               const std::vector<std::string>& all, std::string_view key, const Rule& rule,
               const std::string& path, std::vector<FieldError>& out) {
  std::vector<std::string> promised;
  std::string said;
  for (const auto& c : claims) {
    if (c.kind != kind) continue;
    for (const auto& v : c.values) {
      if (!contains(promised, v)) promised.push_back(v);
    }
    said += (said.empty() ? "\"" : ", \"") + c.words + "\"";
  }
  if (promised.empty()) return;
  std::sort(promised.begin(), promised.end());
  const std::string head = "rule \"" + rule.id + "\" says " + said + ", but ";
  const std::vector<std::string>& matches = tested.empty() ? all : tested;
  std::vector<std::string> beyond;
  for (const auto& v : matches) {
    if (!contains(promised, v)) beyond.push_back(v);
  }
  if (tested.empty()) {
    out.push_back({path + ".explain", "label_mismatch",
                   head + "its \"when\" does not test " + std::string(key) + ": add \"" +
                       std::string(key) + "\": [" + list(promised) + "], or change the words"});
    return;
  }
  if (!beyond.empty()) {
    out.push_back({path + ".explain", "label_mismatch",
                   head + "its \"when." + std::string(key) + "\" also matches " + list(beyond) +
                       ": limit it to " + list(promised) + ", or change the words"});
  }
  for (const auto& c : claims) {
    if (c.kind != kind) continue;
    std::vector<std::string> missing;
    for (const auto& v : c.values) {
      if (!contains(tested, v)) missing.push_back(v);
    }
    if (c.every ? !missing.empty() : missing.size() == c.values.size()) {
      out.push_back({path + ".explain", "label_mismatch",
                     "rule \"" + rule.id + "\" says \"" + c.words + "\", but its \"when." +
                         std::string(key) + "\" leaves out " + list(missing)});
    }
  }
}

}  // namespace

std::vector<FieldError> label_problems(const Rule& rule, const Codes& codes,
                                       const std::string& path, const LabelVocabulary& vocabulary) {
  const auto tokens = tokenize(rule.explain);
  std::vector<bool> used(tokens.size(), false);
  std::vector<Claim> claims;
  find_risk_claims(rule.explain, tokens, used, claims);
  find_strand_claims(rule.explain, tokens, used, claims);
  find_phrase_claims(rule.explain, tokens, used, vocabulary, claims);

  std::vector<FieldError> out;
  const auto& c = rule.when;
  check_set(Kind::kAge, claims, names(codes, c.age_bands),
            {"18_to_64", "65_and_over", "under_18", "unknown"}, "age_bands", rule, path, out);
  check_set(Kind::kRisk, claims, names(codes, c.risk_levels), {"high", "medium", "standard"},
            "risk_levels", rule, path, out);
  check_set(Kind::kStrand, claims, names(codes, c.hate_strands),
            {"disability", "race", "religion", "sexual_orientation", "transgender"}, "hate_strands",
            rule, path, out);
  check_set(Kind::kPlace, claims, names(codes, c.local_authorities), {}, "local_authorities", rule,
            path, out);
  for (const auto& claim : claims) {
    if (claim.kind != Kind::kFlag) continue;
    const std::string code(flag_code(static_cast<Flag>(claim.flag)));
    bool kept = claim.negated ? (c.flags_none & claim.flag) != 0 : (c.flags_all & claim.flag) != 0;
    // Anti-social behaviour that is not a crime is also what "eligible": false tests.
    if (!claim.negated && claim.flag == kNonCrimeAsb && c.eligible == 0) kept = true;
    if (!kept) {
      out.push_back({path + ".explain", "label_mismatch",
                     "rule \"" + rule.id + "\" says \"" + claim.words + "\", but its \"when." +
                         (claim.negated ? "not_flags" : "flags") + "\" does not have \"" + code +
                         "\""});
    }
  }
  return out;
}

}  // namespace vg::routing
