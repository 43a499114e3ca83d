#include "app/intake/self_referral_questions_file.h"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

#include "app/intake/self_referral_to_referral.h"
#include "app/json_members.h"

namespace vg::app::self_referral {

// Written by cmake (vg_embed_files in CMakeLists.txt): the shipped questions file.
extern const std::vector<std::pair<std::string_view, std::string_view>> kQuestionsFile;

namespace {

namespace json = boost::json;

constexpr std::string_view kFileName = "questions.json";

// /refer/<slug> pages the router already has, and form or draft names the pages use.
constexpr std::string_view kReservedSlugs[] = {"start", "advice", "check", "confirmation",
                                               "not-safe", "outside-area", "exit"};
constexpr std::string_view kReservedFields[] = {"change", "website", "submitted", "sending"};

template <typename List>
bool in(const List& list, std::string_view value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Lower-case letters and digits, words joined by `sep`: slugs use '-', fields and values '_'.
bool is_name(std::string_view s, char sep) {
  if (s.empty() || s.size() > 60 || s.front() == sep || s.back() == sep) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == sep; });
}

std::string index_path(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

// Members of one JSON object, read with every problem recorded at its path. A member the format
// does not have is refused: a misspelt "optinal" must not silently make a question required.
// Text is never blank: a question without words cannot be shown.
class Members : public JsonMembers {
 public:
  Members(const json::object& o, std::string path, std::vector<FieldError>& errors,
          std::initializer_list<std::string_view> known)
      : JsonMembers(o, std::move(path), errors) {
    refuse_unknown(known);
  }

  std::string text(std::string_view key, bool required) {
    std::string s = JsonMembers::text(key, required);
    if (const auto* v = find(key); v != nullptr && v->is_string() && is_blank(s)) {
      problem(key, "required", "must not be blank");
      return {};
    }
    return s;
  }

  std::vector<std::string> texts(std::string_view key) {
    std::vector<std::string> out;
    const auto* items = list(key, "must be a list of text");
    if (items == nullptr) return out;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const auto& item = (*items)[i];
      if (item.is_string() && !is_blank(item.as_string())) {
        out.emplace_back(item.as_string());
      } else {
        errors().push_back({index_path(at(key), i), "type", "must be text"});
      }
    }
    return out;
  }

  std::optional<int> integer(std::string_view key, int low, int high) {
    const std::string message =
        "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high);
    const auto n = whole_number(key, "range", message);
    if (!n) return std::nullopt;
    if (*n < low || *n > high) {
      problem(key, "range", message);
      return std::nullopt;
    }
    return static_cast<int>(*n);
  }

  // Each object of a list member, with its path.
  template <typename F>
  void each(std::string_view key, bool required, F&& f) {
    const auto* v = find(key);
    if (v == nullptr) {
      if (required) problem(key, "required", "is required");
      return;
    }
    if (!v->is_array() || (required && v->as_array().empty())) {
      problem(key, "type", required ? "must be a list of one or more objects" : "must be a list of objects");
      return;
    }
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
      const auto& item = v->as_array()[i];
      if (!item.is_object()) {
        errors().push_back({index_path(at(key), i), "type", "must be an object"});
        continue;
      }
      f(item.as_object(), index_path(at(key), i));
    }
  }
};

std::optional<Kind> kind_of(std::string_view name) {
  if (name == "radios") return Kind::kRadios;
  if (name == "checkboxes") return Kind::kCheckboxes;
  if (name == "text") return Kind::kText;
  if (name == "textarea") return Kind::kTextarea;
  if (name == "date") return Kind::kDate;
  if (name == "select") return Kind::kSelect;
  return std::nullopt;
}

bool has_choices(Kind k) { return k == Kind::kRadios || k == Kind::kCheckboxes || k == Kind::kSelect; }
bool is_free_text(Kind k) { return k == Kind::kText || k == Kind::kTextarea; }

// Where an input's name must be unique: questions' fields and revealed inputs share one form
// namespace and one set of answers.
class FieldNames {
 public:
  void add(const std::string& field, const std::string& path, std::vector<FieldError>& errors) {
    if (field.empty()) return;
    if (auto [it, fresh] = seen_.emplace(field, path); !fresh) {
      errors.push_back({path, "duplicate", field + " is already used at " + it->second});
    }
  }

 private:
  std::map<std::string, std::string> seen_;
};

void check_field(Members& m, std::string_view key, const std::string& field, FieldNames& names,
                 std::vector<FieldError>& errors) {
  if (field.empty()) return;
  if (!is_name(field, '_')) {
    m.problem(key, "malformed", "must be lower-case letters, digits and _, like contact_times");
  } else if (in(kReservedFields, field)) {
    m.problem(key, "reserved", field + " is a name the pages use for themselves");
  }
  names.add(field, m.at(key), errors);
}

Choice read_choice(const json::object& o, const std::string& path, Kind kind, FieldNames& names,
                   std::vector<FieldError>& errors) {
  Members m(o, path, errors, {"value", "text", "hint", "exclusive", "ends_journey", "reveals"});
  Choice c;
  c.value = m.text("value", true);
  if (!c.value.empty() && !is_name(c.value, '_')) m.problem("value", "malformed", "must be lower-case letters, digits and _");
  c.text = m.text("text", true);
  c.hint = m.text("hint", false);
  c.exclusive = m.flag("exclusive");
  if (c.exclusive && kind != Kind::kCheckboxes) m.problem("exclusive", "not_allowed", "only a checkboxes choice can be exclusive");
  c.ends_journey = m.text("ends_journey", false);
  if (!c.ends_journey.empty()) {
    if (kind == Kind::kCheckboxes) {
      m.problem("ends_journey", "not_allowed", "only a radios or select choice can end the journey");
    } else if (!in(kStopPages, c.ends_journey)) {
      m.problem("ends_journey", "unknown", "must be a stop page: not-safe or outside-area");
    }
  }
  if (const auto* r = m.object("reveals")) {
    if (kind == Kind::kSelect) m.problem("reveals", "not_allowed", "a select's choice cannot reveal an input");
    Members rm(*r, m.at("reveals"), errors,
               {"field", "label", "type", "max_length", "error_required", "name_in_errors", "autocomplete"});
    c.reveals = rm.text("field", true);
    check_field(rm, "field", c.reveals, names, errors);
    c.reveal_label = rm.text("label", true);
    if (rm.has("type")) {
      c.reveal_type = rm.text("type", true);
      if (!c.reveal_type.empty() && !in(std::initializer_list<std::string_view>{"text", "tel", "email", "textarea"}, c.reveal_type)) {
        rm.problem("type", "unknown", "must be text, tel, email or textarea");
      }
    }
    if (auto n = rm.integer("max_length", 1, 10000)) c.reveal_max_length = static_cast<std::size_t>(*n);
    c.reveal_error = rm.text("error_required", false);
    c.reveal_name = rm.text("name_in_errors", false);
    c.reveal_autocomplete = rm.text("autocomplete", false);
  }
  return c;
}

Question read_question(const json::object& o, const std::string& path, FieldNames& names,
                       std::vector<FieldError>& errors) {
  Members m(o, path, errors,
            {"slug", "field", "kind", "heading", "hint", "summary", "choices", "choices_from", "optional",
             "error_required", "max_length", "name_in_errors", "earliest_year", "autocomplete",
             "applies_when", "to_referral"});
  Question q;
  q.slug = m.text("slug", true);
  if (!q.slug.empty() && !is_name(q.slug, '-')) {
    m.problem("slug", "malformed", "must be lower-case letters, digits and -, like contact-times");
  } else if (in(kReservedSlugs, q.slug)) {
    m.problem("slug", "reserved", "/refer/" + q.slug + " is another page");
  }
  q.field = m.text("field", true);
  check_field(m, "field", q.field, names, errors);
  const std::string kind_name = m.text("kind", true);
  const auto kind = kind_of(kind_name);
  if (!kind_name.empty() && !kind) m.problem("kind", "unknown", "must be radios, checkboxes, text, textarea, date or select");
  q.heading = m.text("heading", true);
  q.hint = m.text("hint", false);
  q.summary = m.text("summary", true);
  // What else a question may have depends on its kind: without one, nothing more is said of it.
  if (!kind) return q;
  q.kind = *kind;
  q.optional = m.flag("optional");
  if (q.optional && has_choices(q.kind)) m.problem("optional", "not_allowed", "only text, textarea and date questions can be optional");
  q.error_required = m.text("error_required", !q.optional);
  if (q.optional && !q.error_required.empty()) m.problem("error_required", "not_allowed", "an optional question is never required");
  if (m.has("max_length")) {
    if (!is_free_text(q.kind)) m.problem("max_length", "not_allowed", "only text and textarea answers have a length");
    if (auto n = m.integer("max_length", 1, 10000)) q.max_length = *n;
  }
  q.name_in_errors = m.text("name_in_errors", false);
  if (m.has("earliest_year")) {
    if (q.kind != Kind::kDate) m.problem("earliest_year", "not_allowed", "only a date has an earliest year");
    if (auto y = m.integer("earliest_year", 1000, 9999)) q.earliest_year = *y;
  }
  q.autocomplete = m.text("autocomplete", false);
  if (!q.autocomplete.empty() && q.kind != Kind::kText && q.kind != Kind::kDate) {
    m.problem("autocomplete", "not_allowed", "only a text or date question has an autocomplete token");
  }
  q.to_referral = m.text("to_referral", false);

  const std::string from = m.text("choices_from", false);
  if (!from.empty() && from != "crime_kinds" && from != "local_authorities") {
    m.problem("choices_from", "unknown", "must be crime_kinds or local_authorities");
  } else if (!from.empty() && !has_choices(q.kind)) {
    m.problem("choices_from", "not_allowed", "only radios, checkboxes and select questions have choices");
  } else if (from == "local_authorities" && q.kind != Kind::kSelect) {
    m.problem("choices_from", "not_allowed", "the local authorities are offered as a select");
  } else if (q.kind == Kind::kSelect && from != "local_authorities") {
    m.problem("choices_from", "required", "a select offers the local authorities: choices_from local_authorities");
  }
  // The source's choices are filled in once the whole file is read (crime kinds come later).
  if (from == "crime_kinds" || from == "local_authorities") q.choices_from = from;

  if (m.has("choices") && !has_choices(q.kind)) {
    m.problem("choices", "not_allowed", "only radios, checkboxes and select questions have choices");
  } else if (has_choices(q.kind)) {
    if (!m.has("choices") && from.empty()) m.problem("choices", "required", "is required (or choices_from)");
    m.each("choices", false, [&](const json::object& c, const std::string& p) {
      q.choices.push_back(read_choice(c, p, q.kind, names, errors));
    });
    if (q.kind == Kind::kSelect && q.choices.size() > 1) {
      m.problem("choices", "too_many", "a select lists one choice after the local authorities, at most");
    }
  }

  if (const auto* w = m.object("applies_when")) {
    Members wm(*w, m.at("applies_when"), errors, {"field", "any_of"});
    q.applies_when.field = wm.text("field", true);
    q.applies_when.any_of = wm.texts("any_of");
    if (q.applies_when.any_of.empty()) wm.problem("any_of", "required", "must list one or more choices");
  }
  return q;
}

CrimeKind read_crime_kind(const json::object& o, const std::string& path, std::vector<FieldError>& errors) {
  Members m(o, path, errors,
            {"value", "text", "offence_category", "business_offence_category", "flags", "bereaved_relative",
             "crime_type", "advice"});
  CrimeKind k;
  k.value = m.text("value", true);
  if (!k.value.empty() && !is_name(k.value, '_')) m.problem("value", "malformed", "must be lower-case letters, digits and _");
  k.text = m.text("text", true);
  k.offence_category = m.text("offence_category", false);
  k.business_offence_category = m.text("business_offence_category", false);
  k.flags = m.texts("flags");
  for (std::size_t i = 0; i < k.flags.size(); ++i) {
    if (!is_referral_flag(k.flags[i])) {
      errors.push_back({index_path(m.at("flags"), i), "unknown", k.flags[i] + " is not a referral flag (docs/formats/referral.md)"});
    }
  }
  k.bereaved_relative = m.flag("bereaved_relative");
  k.crime_type = m.text("crime_type", false);
  k.advice = m.text("advice", true);
  return k;
}

// The choices a question takes from elsewhere, before its own.
void fill_choices(Journey& journey) {
  auto choice = [](const std::string& value, const std::string& text, const std::string& hint) {
    Choice c;
    c.value = value;
    c.text = text;
    c.hint = hint;
    return c;
  };
  for (auto& q : journey.questions) {
    std::vector<Choice> filled;
    if (q.choices_from == "crime_kinds") {
      for (const auto& k : journey.crime_kinds) filled.push_back(choice(k.value, k.text, ""));
    } else if (q.choices_from == "local_authorities") {
      for (const auto& area : areas()) {
        for (const auto& [code, name] : area.local_authorities) filled.push_back(choice(code, name, area.name));
      }
    } else {
      continue;
    }
    filled.insert(filled.end(), q.choices.begin(), q.choices.end());
    q.choices = std::move(filled);
  }
}

void check_choices_and_conditions(const Journey& journey, std::vector<FieldError>& errors) {
  std::set<std::string> slugs;
  for (std::size_t i = 0; i < journey.questions.size(); ++i) {
    const Question& q = journey.questions[i];
    const std::string path = index_path("$.questions", i);
    if (!q.slug.empty() && !slugs.insert(q.slug).second) {
      errors.push_back({path + ".slug", "duplicate", "another question is already /refer/" + q.slug});
    }
    std::set<std::string> values;
    for (const auto& c : q.choices) {
      if (!c.value.empty() && !values.insert(c.value).second) {
        errors.push_back({path + ".choices", "duplicate", "the choice " + c.value + " is offered twice"});
      }
    }
    const Condition& when = q.applies_when;
    if (when.field.empty()) continue;
    const Question* on = nullptr;
    for (std::size_t j = 0; j < i; ++j) {
      if (journey.questions[j].field == when.field) on = &journey.questions[j];
    }
    // An earlier question only: answers are cleared of what no longer applies in one pass, and
    // the Back link walks backwards through what applies.
    if (on == nullptr || !has_choices(on->kind)) {
      errors.push_back({path + ".applies_when.field", "unknown",
                        "must be the field of an earlier radios, checkboxes or select question"});
      continue;
    }
    for (std::size_t v = 0; v < when.any_of.size(); ++v) {
      const bool offered = std::ranges::any_of(on->choices, [&](const Choice& c) { return c.value == when.any_of[v]; });
      if (!offered) {
        errors.push_back({index_path(path + ".applies_when.any_of", v), "unknown",
                          when.any_of[v] + " is not a choice of " + on->field});
      }
    }
  }
}

void read_check_sections(Members& root, Journey& journey, std::vector<FieldError>& errors) {
  std::map<std::string, std::string> placed;  // slug → where
  root.each("check_your_answers", true, [&](const json::object& o, const std::string& path) {
    Members m(o, path, errors, {"title", "questions"});
    CheckSection s;
    s.title = m.text("title", true);
    s.slugs = m.texts("questions");
    for (std::size_t i = 0; i < s.slugs.size(); ++i) {
      const std::string at = index_path(m.at("questions"), i);
      if (journey.find_question(s.slugs[i]) == nullptr) {
        errors.push_back({at, "unknown", "there is no question " + s.slugs[i]});
      } else if (auto [it, fresh] = placed.emplace(s.slugs[i], at); !fresh) {
        errors.push_back({at, "duplicate", s.slugs[i] + " is already shown at " + it->second});
      }
    }
    journey.check_sections.push_back(std::move(s));
  });
  if (!root.has("check_your_answers")) return;
  for (std::size_t i = 0; i < journey.questions.size(); ++i) {
    const auto& slug = journey.questions[i].slug;
    if (!slug.empty() && !placed.contains(slug)) {
      errors.push_back({index_path("$.questions", i) + ".slug", "not_shown",
                        slug + " is in no section of check_your_answers, so its answer would never be checked"});
    }
  }
}

// Where a JSON syntax error is, as a line number an editor goes to.
std::string syntax_error(std::string_view text) {
  json::stream_parser p;
  boost::system::error_code ec;
  const std::size_t used = p.write_some(text.data(), text.size(), ec);
  if (!ec) p.finish(ec);
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(used, text.size())), '\n');
  return "is not valid JSON (line " + std::to_string(line) + "): " + ec.message();
}

}  // namespace

Result<Journey> parse_questions_file(std::string_view text) {
  boost::system::error_code ec;
  auto root = json::parse(text, ec);
  if (ec) return validation_failed({{"$", "json", syntax_error(text)}}, "The self-referral questions file is not JSON");
  if (!root.is_object()) {
    return validation_failed({{"$", "type", "must be an object"}}, "Not a self-referral questions file");
  }
  std::vector<FieldError> errors;
  Journey journey;
  FieldNames names;
  Members top(root.as_object(), "$", errors, {"about", "questions", "check_your_answers", "crime_kinds"});
  top.text("about", false);
  top.each("questions", true, [&](const json::object& o, const std::string& path) {
    journey.questions.push_back(read_question(o, path, names, errors));
  });
  std::set<std::string> kinds;
  top.each("crime_kinds", false, [&](const json::object& o, const std::string& path) {
    auto k = read_crime_kind(o, path, errors);
    if (!k.value.empty() && !kinds.insert(k.value).second) {
      errors.push_back({path + ".value", "duplicate", "the crime kind " + k.value + " is listed twice"});
    }
    journey.crime_kinds.push_back(std::move(k));
  });
  fill_choices(journey);
  for (std::size_t i = 0; i < journey.questions.size(); ++i) {
    const Question& q = journey.questions[i];
    if (!q.choices_from.empty() && q.choices.empty()) {
      errors.push_back({index_path("$.questions", i) + ".choices_from", "required",
                        "offers no choice: " + q.choices_from + " is empty"});
    }
  }
  check_choices_and_conditions(journey, errors);
  read_check_sections(top, journey, errors);
  // What C++ reads of the answers, only once the file itself holds together.
  if (errors.empty()) errors = referral_mapping_problems(journey);
  if (!errors.empty()) return validation_failed(std::move(errors), "The self-referral questions file is not valid");
  return journey;
}

std::string_view shipped_questions_text() {
  for (const auto& [name, text] : kQuestionsFile) {
    if (name == kFileName) return text;
  }
  return {};
}

Result<Journey> load_shipped_journey() {
  auto journey = parse_questions_file(shipped_questions_text());
  if (!journey) {
    Error e = std::move(journey.error());
    for (auto& f : e.fields) f.field = std::string(kFileName) + " " + f.field;
    e.message = "config/self-referral/" + std::string(kFileName) + " (built in): " + e.message;
    return std::unexpected(std::move(e));
  }
  return journey;
}

const Journey& shipped_journey() {
  static const Journey journey = [] {
    auto loaded = load_shipped_journey();
    if (!loaded) {
      std::string what = loaded.error().message;
      for (const auto& f : loaded.error().fields) what += "; " + f.field + ": " + f.message;
      throw std::logic_error(what);
    }
    return std::move(*loaded);
  }();
  return journey;
}

}  // namespace vg::app::self_referral
