#include "app/intake/self_referral_journey.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

#include "app/directory/local_authorities.h"
#include "app/intake/self_referral_questions_file.h"
#include "domain/assessment/safe_contact.h"
#include "domain/text/control_characters.h"
#include "domain/text/utf8.h"

namespace vg::app::self_referral {
namespace {

namespace json = boost::json;

bool has(const Answers& a, std::string_view field) { return a.contains(field); }

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Characters, not bytes: Welsh or Urdu answers get the same limit as English ones.
std::size_t utf8_length(std::string_view s) { return text::code_points(s); }

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// A date given as day, month and year boxes, checked as GOV.UK's date-input guidance says.
struct DateParts {
  std::string day, month, year;
};

std::optional<std::chrono::year_month_day> parse_date(const DateParts& p, std::string& problem) {
  auto number = [](const std::string& s) -> std::optional<int> {
    if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), ::isdigit)) return std::nullopt;
    return std::stoi(s);
  };
  auto d = number(p.day), m = number(p.month), y = number(p.year);
  if (!d || !m || !y || p.year.size() != 4) {
    problem = "must be a real date";
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year(*y), std::chrono::month(static_cast<unsigned>(*m)),
                                   std::chrono::day(static_cast<unsigned>(*d))};
  if (!date.ok()) {
    problem = "must be a real date";
    return std::nullopt;
  }
  return date;
}

std::string iso_date(const std::chrono::year_month_day& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::string display_date(std::string_view iso) {
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  if (iso.size() != 10) return std::string(iso);
  const int month = std::stoi(std::string(iso.substr(5, 2)));
  const int day = std::stoi(std::string(iso.substr(8, 2)));
  if (month < 1 || month > 12) return std::string(iso);
  return std::to_string(day) + " " + kMonths[month - 1] + " " + std::string(iso.substr(0, 4));
}

const Choice* find_choice(const Question& q, std::string_view value) {
  for (const auto& c : q.choices) {
    if (c.value == value) return &c;
  }
  return nullptr;
}

// Answers that only make sense with another answer: cleared when that answer changes. One pass
// in order is enough: a condition only names an earlier question (the file's reader checks).
void clear_answers_that_no_longer_apply(const Journey& journey, Answers& answers) {
  for (const auto& q : journey.questions) {
    if (!applies(q, answers) && answers.contains(q.field)) answers.erase(q.field);
  }
}

// The stop page an answer given so far leads to, or "".
std::string stop_page(const Journey& journey, const Answers& answers) {
  for (const auto& q : journey.questions) {
    if (q.kind != Kind::kRadios && q.kind != Kind::kSelect) continue;
    if (const Choice* c = find_choice(q, answer_text(answers, q.field)); c && !c->ends_journey.empty()) {
      return c->ends_journey;
    }
  }
  return {};
}

// Said of an answer holding a character the referral refuses (text::find_control_character):
// most likely pasted in with the text, and invisible to the person who typed it.
std::string control_characters_message(const std::string& what) {
  return what + " must not contain hidden control characters: type it again rather than paste it";
}

// The text revealed by a choice, checked: required when the file gives its error, within its
// length (the referral format's own limit, so an answer a page accepts is never refused later),
// and free of control characters.
std::optional<FieldError> check_revealed(const Choice& c, const std::string& value) {
  const std::string& name = c.reveal_name.empty() ? c.reveal_label : c.reveal_name;
  if (value.empty()) {
    if (c.reveal_error.empty()) return std::nullopt;
    return FieldError{c.reveals, "required", c.reveal_error};
  }
  if (utf8_length(value) > c.reveal_max_length) {
    return FieldError{c.reveals, "too_long",
                      name + " must be " + std::to_string(c.reveal_max_length) + " characters or fewer"};
  }
  if (text::find_control_character(value)) {
    return FieldError{c.reveals, "control_character", control_characters_message(name)};
  }
  return std::nullopt;
}

// The domain's own rules for a safe number and address, so the page says what the referral
// would otherwise be refused for. Keyed by the input's type, not by the question.
std::optional<FieldError> check_contact_detail(const Choice& c, const std::string& value) {
  if (value.empty() || (c.reveal_type != "tel" && c.reveal_type != "email")) return std::nullopt;
  intake::SafeContactProfile one;
  if (c.reveal_type == "tel") one.safe_phone = value;
  if (c.reveal_type == "email") one.safe_email = value;
  for (const auto& e : assessment::validate_safe_contact(one)) {
    if (e.code != "invalid") continue;
    if (c.reveal_type == "email") {
      return FieldError{c.reveals, "invalid", "Enter an email address in the correct format, like name@example.com"};
    }
    return FieldError{c.reveals, "invalid",
                      "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"};
  }
  return std::nullopt;
}

}  // namespace

const Question* Journey::find_question(std::string_view slug) const {
  for (const auto& q : questions) {
    if (q.slug == slug) return &q;
  }
  return nullptr;
}

const CrimeKind* Journey::find_crime_kind(std::string_view value) const {
  for (const auto& k : crime_kinds) {
    if (k.value == value) return &k;
  }
  return nullptr;
}

const std::vector<AreaChoice>& areas() {
  static const std::vector<AreaChoice> list = [] {
    std::vector<AreaChoice> out;
    for (const auto& la : local_authorities()) {
      const std::string id = area_id(la.police_force_area);
      if (out.empty() || out.back().id != id) out.push_back({id, la.police_force_area, {}});
      out.back().local_authorities.emplace_back(la.code, la.name);
    }
    return out;
  }();
  return list;
}

std::string area_of(std::string_view local_authority) {
  for (const auto& area : areas()) {
    for (const auto& la : area.local_authorities) {
      if (la.first == local_authority) return area.id;
    }
  }
  return {};
}

std::vector<std::string> answer_list(const Answers& answers, std::string_view field) {
  std::vector<std::string> out;
  if (auto it = answers.find(field); it != answers.end() && it->value().is_array()) {
    for (const auto& v : it->value().as_array()) {
      if (v.is_string()) out.emplace_back(v.as_string());
    }
  }
  return out;
}

std::string answer_text(const Answers& answers, std::string_view field) {
  if (auto it = answers.find(field); it != answers.end() && it->value().is_string()) {
    return std::string(it->value().as_string());
  }
  return {};
}

bool applies(const Question& q, const Answers& a) {
  const Condition& when = q.applies_when;
  if (when.field.empty()) return true;
  const auto it = a.find(when.field);
  if (it == a.end()) return false;
  if (it->value().is_string()) return contains(when.any_of, it->value().as_string());
  return std::ranges::any_of(answer_list(a, when.field), [&](const auto& v) { return contains(when.any_of, v); });
}

bool answered(const Question& q, const Answers& a) { return has(a, q.field); }

std::string first_unanswered(const Journey& journey, const Answers& answers) {
  if (auto stop = stop_page(journey, answers); !stop.empty()) return stop;
  for (const auto& q : journey.questions) {
    if (applies(q, answers) && !answered(q, answers)) return q.slug;
  }
  return "check";
}

std::string next_page(const Journey& journey, std::string_view slug, const Answers& answers) {
  if (auto stop = stop_page(journey, answers); !stop.empty()) return stop;
  const auto& list = journey.questions;
  auto it = std::find_if(list.begin(), list.end(), [&](const Question& q) { return q.slug == slug; });
  if (it != list.end()) {
    for (++it; it != list.end(); ++it) {
      if (applies(*it, answers) && !answered(*it, answers)) return it->slug;
    }
  }
  return first_unanswered(journey, answers);
}

std::string previous_page(const Journey& journey, std::string_view slug, const Answers& answers) {
  std::string previous;
  for (const auto& q : journey.questions) {
    if (q.slug == slug) return previous;
    if (applies(q, answers)) previous = q.slug;
  }
  return {};
}

std::vector<FieldError> record_answer(const Journey& journey, const Question& q, const FormFields& form,
                                      Answers& answers, std::chrono::year_month_day today) {
  std::vector<FieldError> errors;
  auto error = [&](std::string field, std::string code, std::string message) {
    errors.push_back({std::move(field), std::move(code), std::move(message)});
  };
  const std::string& name = q.name_in_errors.empty() ? q.summary : q.name_in_errors;
  switch (q.kind) {
    case Kind::kRadios:
    case Kind::kSelect: {
      const std::string value = form_value(form, q.field);
      const Choice* choice = find_choice(q, value);
      if (value.empty() || choice == nullptr) {
        error(q.field, "required", q.error_required);
        break;
      }
      std::string revealed;
      if (!choice->reveals.empty()) {
        revealed = trim(form_value(form, choice->reveals));
        if (auto e = check_revealed(*choice, revealed)) {
          errors.push_back(std::move(*e));
          break;
        }
        if (auto e = check_contact_detail(*choice, revealed)) {
          errors.push_back(std::move(*e));
          break;
        }
      }
      answers[q.field] = value;
      for (const auto& c : q.choices) {
        if (!c.reveals.empty()) answers.erase(c.reveals);
      }
      if (!choice->reveals.empty()) answers[choice->reveals] = revealed;
      break;
    }
    case Kind::kCheckboxes: {
      std::vector<std::string> picked;
      for (const auto& v : form_values(form, q.field)) {
        if (find_choice(q, v) != nullptr && !contains(picked, v)) picked.push_back(v);
      }
      if (picked.empty()) {
        error(q.field, "required", q.error_required);
        break;
      }
      for (const auto& c : q.choices) {
        if (c.exclusive && contains(picked, c.value) && picked.size() > 1) {
          error(q.field, "exclusive", "Select \"" + c.text + "\" on its own, or untick it");
        }
      }
      if (!errors.empty()) break;
      // By field name, so the error summary lists the shape errors in a stable order after the
      // missing and too-long ones.
      std::map<std::string, std::pair<const Choice*, std::string>> revealed;
      for (const auto& c : q.choices) {
        if (c.reveals.empty() || !contains(picked, c.value)) continue;
        std::string v = trim(form_value(form, c.reveals));
        if (auto e = check_revealed(c, v)) errors.push_back(std::move(*e));
        revealed[c.reveals] = {&c, std::move(v)};
      }
      for (const auto& [field, entry] : revealed) {
        if (auto e = check_contact_detail(*entry.first, entry.second)) errors.push_back(std::move(*e));
      }
      if (!errors.empty()) break;
      json::array values;
      for (const auto& v : picked) values.emplace_back(v);
      answers[q.field] = std::move(values);
      for (const auto& c : q.choices) {
        if (!c.reveals.empty()) answers.erase(c.reveals);
      }
      for (auto& [field, entry] : revealed) answers[field] = entry.second;
      break;
    }
    case Kind::kText:
    case Kind::kTextarea: {
      std::string value = trim(form_value(form, q.field));
      if (value.empty() && !q.optional) {
        error(q.field, "required", q.error_required);
      } else if (utf8_length(value) > static_cast<std::size_t>(q.max_length)) {
        error(q.field, "too_long", name + " must be " + std::to_string(q.max_length) + " characters or fewer");
      } else if (text::find_control_character(value)) {
        // The referral's own rule, so an answer a page accepts is never refused when it is sent.
        error(q.field, "control_character", control_characters_message(name));
      } else {
        answers[q.field] = value;
      }
      break;
    }
    case Kind::kDate: {
      DateParts parts{trim(form_value(form, q.field + "-day")), trim(form_value(form, q.field + "-month")),
                      trim(form_value(form, q.field + "-year"))};
      const std::string anchor = q.field + "-day";
      if (parts.day.empty() && parts.month.empty() && parts.year.empty()) {
        if (q.optional) {
          answers[q.field] = "";
        } else {
          error(anchor, "required", q.error_required);
        }
        break;
      }
      if (parts.day.empty() || parts.month.empty() || parts.year.empty()) {
        std::string missing = parts.day.empty() ? "day" : parts.month.empty() ? "month" : "year";
        error(q.field + "-" + missing, "incomplete", name + " must include a " + missing);
        break;
      }
      std::string problem;
      auto date = parse_date(parts, problem);
      if (!date) {
        error(anchor, "invalid", name + " " + problem);
        break;
      }
      if (*date > today) {
        error(anchor, "in_future", name + " must be today or in the past");
        break;
      }
      if (q.earliest_year != 0 && date->year() < std::chrono::year(q.earliest_year)) {
        error(anchor, "out_of_range", name + " must be after " + std::to_string(q.earliest_year - 1));
        break;
      }
      answers[q.field] = iso_date(*date);
      break;
    }
  }
  if (errors.empty()) clear_answers_that_no_longer_apply(journey, answers);
  return errors;
}

std::vector<std::string> answer_lines(const Question& q, const Answers& a) {
  std::vector<std::string> lines;
  switch (q.kind) {
    case Kind::kRadios:
    case Kind::kSelect: {
      const std::string value = answer_text(a, q.field);
      if (const Choice* c = find_choice(q, value)) {
        lines.push_back(c->text);
        if (!c->reveals.empty() && !answer_text(a, c->reveals).empty()) {
          lines.push_back(answer_text(a, c->reveals));
        }
      }
      break;
    }
    case Kind::kCheckboxes:
      for (const auto& v : answer_list(a, q.field)) {
        if (const Choice* c = find_choice(q, v)) {
          std::string line = c->text;
          if (!c->reveals.empty() && !answer_text(a, c->reveals).empty()) {
            line += ": " + answer_text(a, c->reveals);
          }
          lines.push_back(std::move(line));
        }
      }
      break;
    case Kind::kText:
    case Kind::kTextarea:
      lines.push_back(answer_text(a, q.field).empty() ? "Not given" : answer_text(a, q.field));
      break;
    case Kind::kDate: {
      const std::string iso = answer_text(a, q.field);
      lines.push_back(iso.empty() ? "Not given" : display_date(iso));
      break;
    }
  }
  return lines;
}

// The shipped journey's operations, as every caller before the file existed knew them.
const std::vector<CrimeKind>& crime_kinds() { return shipped_journey().crime_kinds; }
const CrimeKind* find_crime_kind(std::string_view value) { return shipped_journey().find_crime_kind(value); }
const std::vector<Question>& questions() { return shipped_journey().questions; }
const Question* find_question(std::string_view slug) { return shipped_journey().find_question(slug); }
const std::vector<CheckSection>& check_sections() { return shipped_journey().check_sections; }
std::string next_page(std::string_view slug, const Answers& answers) {
  return next_page(shipped_journey(), slug, answers);
}
std::string previous_page(std::string_view slug, const Answers& answers) {
  return previous_page(shipped_journey(), slug, answers);
}
std::string first_unanswered(const Answers& answers) { return first_unanswered(shipped_journey(), answers); }
std::vector<FieldError> record_answer(const Question& question, const FormFields& form, Answers& answers,
                                      std::chrono::year_month_day today) {
  return record_answer(shipped_journey(), question, form, answers, today);
}
std::string referral_json(const Answers& answers, const std::string& received_at) {
  return referral_json(shipped_journey(), answers, received_at);
}

}  // namespace vg::app::self_referral
