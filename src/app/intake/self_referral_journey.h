// The public self-referral journey: its questions in order (one per page, the GOV.UK
// question-page pattern), which of them apply given the answers so far, how each answer is
// checked, how the answers read back on "Check your answers", and the referral they become.
// The questions and their wording are data (config/self-referral/questions.json, read by
// self_referral_questions_file.h); this is the logic over them. No I/O, no clock.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/form_fields.h"
#include "domain/result.h"

namespace vg::app::self_referral {

// Answers so far: question field → string, or array of strings for checkboxes. A question whose
// field is present has been answered (optional questions store "" when skipped).
using Answers = boost::json::object;
using app::FormFields;

enum class Kind { kRadios, kCheckboxes, kText, kDate, kTextarea, kSelect };

struct Choice {
  std::string value;
  std::string text;
  std::string hint;
  // A text input revealed when this choice is picked: its field, label and input type.
  std::string reveals;
  std::string reveal_label;
  std::string reveal_type = "text";  // text | tel | email | textarea
  std::string reveal_error;          // when the revealed input is required and left empty
  std::size_t reveal_max_length = 100;
  std::string reveal_name;  // how its errors name it ("The crime reference number")
  std::string reveal_autocomplete;
  bool exclusive = false;    // checkboxes: "none of these", unticks the others
  std::string ends_journey;  // radios and select: the stop page this answer leads to
};

// "Asked only when `field` has one of `any_of`" (a checkbox answer: when it holds one of them).
// An empty field: always asked.
struct Condition {
  std::string field;
  std::vector<std::string> any_of;
};

struct Question {
  std::string slug;     // the page: /refer/<slug>
  std::string field;    // where the answer is kept
  Kind kind = Kind::kRadios;
  std::string heading;  // the question, as the page's <h1>
  std::string hint;
  std::string summary;  // its name on "Check your answers"
  std::vector<Choice> choices;  // with those of choices_from first
  std::string choices_from;     // "crime_kinds" or "local_authorities": choices made from them
  bool optional = false;
  std::string error_required;  // "Select if it is safe for us to contact you"
  int max_length = 200;        // text and textarea answers
  Condition applies_when;
  std::string name_in_errors;  // "Date of birth must be…"; the summary unless the file says
  int earliest_year = 0;       // dates: none before this year (0: no limit)
  std::string autocomplete;    // the input's autocomplete token; dates add -day, -month, -year
  std::string to_referral;     // where a text or date answer goes in the referral, if the
                               // mapping in C++ does not place it (self_referral_to_referral.h)
};

// What kind of crime or harm it was, in plain words, and what it means for the referral.
struct CrimeKind {
  std::string value;
  std::string text;
  std::string offence_category;           // Home Office category code, or empty
  std::string business_offence_category;  // instead, when the victim is a business
  std::vector<std::string> flags;         // referral flags set by this choice
  bool bereaved_relative = false;         // the victim is bereaved by the crime
  std::string crime_type;                 // directory taxonomy term code for matching services
  std::string advice;                     // self-help advice shown on the anonymous route
};

// A group of rows on "Check your answers", in its order.
struct CheckSection {
  std::string title;
  std::vector<std::string> slugs;
};

// A whole journey, as read from its file.
struct Journey {
  std::vector<Question> questions;  // in the order they are asked
  std::vector<CheckSection> check_sections;
  std::vector<CrimeKind> crime_kinds;

  const Question* find_question(std::string_view slug) const;
  const CrimeKind* find_crime_kind(std::string_view value) const;
};

// The stop pages an answer may end the journey at (pages in http/pages/self_referral_pages.cpp).
inline constexpr std::string_view kStopPages[] = {"not-safe", "outside-area"};

// Whether the question is asked, given the answers so far.
bool applies(const Question& question, const Answers& answers);
bool answered(const Question& question, const Answers& answers);

// The page after `slug`: the next question that applies and is not yet answered, else the first
// unanswered one anywhere, else "check". A stop ("not-safe", "outside-area") when an answer ends
// the journey.
std::string next_page(const Journey& journey, std::string_view slug, const Answers& answers);
// The page before `slug` for the Back link: the nearest earlier question that applies, or the
// start page ("") before the first.
std::string previous_page(const Journey& journey, std::string_view slug, const Answers& answers);
// The first page still needing an answer, or "check" when every question that applies has one.
std::string first_unanswered(const Journey& journey, const Answers& answers);

// Checks a submitted page and, when it is valid, records its answer (and clears answers of
// questions that no longer apply). Errors use the form's field names, with GOV.UK messages.
// `today` is the London date now: dates after it are refused.
std::vector<FieldError> record_answer(const Journey& journey, const Question& question,
                                      const FormFields& form, Answers& answers,
                                      std::chrono::year_month_day today);

// The answer as it reads on "Check your answers" (one line per entry).
std::vector<std::string> answer_lines(const Question& question, const Answers& answers);

// The referral the answers describe, in the referral JSON format (docs/formats/referral.md),
// received at `received_at` (RFC 3339). Consent, when given, was captured by the victim on the
// web form at that instant.
std::string referral_json(const Journey& journey, const Answers& answers, const std::string& received_at);

// The same operations on the journey shipped in the binary (shipped_journey(),
// self_referral_questions_file.h).
const std::vector<CrimeKind>& crime_kinds();
const CrimeKind* find_crime_kind(std::string_view value);
const std::vector<Question>& questions();
const Question* find_question(std::string_view slug);
const std::vector<CheckSection>& check_sections();
std::string next_page(std::string_view slug, const Answers& answers);
std::string previous_page(std::string_view slug, const Answers& answers);
std::string first_unanswered(const Answers& answers);
std::vector<FieldError> record_answer(const Question& question, const FormFields& form,
                                      Answers& answers, std::chrono::year_month_day today);
std::string referral_json(const Answers& answers, const std::string& received_at);

// The local authorities the gateways cover, grouped by area: {area id, area name, [{code, name}]}.
struct AreaChoice {
  std::string id;
  std::string name;
  std::vector<std::pair<std::string, std::string>> local_authorities;
};
const std::vector<AreaChoice>& areas();
// The area id ("merseyside") of a local authority the gateways cover; empty otherwise.
std::string area_of(std::string_view local_authority);

// Strings of a checkbox answer (empty when unanswered).
std::vector<std::string> answer_list(const Answers& answers, std::string_view field);
std::string answer_text(const Answers& answers, std::string_view field);

}  // namespace vg::app::self_referral
