// The public self-referral journey as data: its questions in order (one per page, the GOV.UK
// question-page pattern), which of them apply given the answers so far, how each answer is
// checked, how the answers read back on "Check your answers", and the referral they become.
// Also the "what happened" choices the anonymous advice route shares. No I/O, no clock.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"

namespace vg::app::self_referral {

// Answers so far: question field → string, or array of strings for checkboxes. A question whose
// field is present has been answered (optional questions store "" when skipped).
using Answers = boost::json::object;
using FormFields = std::vector<std::pair<std::string, std::string>>;

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
  bool exclusive = false;            // checkboxes: "none of these", unticks the others
};

struct Question {
  std::string slug;     // the page: /refer/<slug>
  std::string field;    // where the answer is kept
  Kind kind = Kind::kRadios;
  std::string heading;  // the question, as the page's <h1>
  std::string hint;
  std::string summary;  // its name on "Check your answers"
  std::vector<Choice> choices;
  bool optional = false;
  std::string error_required;  // "Select if it is safe for us to contact you"
  int max_length = 200;        // text and textarea answers
};

// What kind of crime or harm it was, in plain words, and what it means for the referral.
struct CrimeKind {
  std::string value;
  std::string text;
  std::string offence_category;  // Home Office category code, or empty
  std::string flag;              // referral flag set by this choice, or empty
  std::string crime_type;        // directory taxonomy term code for matching services
  std::string advice;            // self-help advice shown on the anonymous route
};

const std::vector<CrimeKind>& crime_kinds();
const CrimeKind* find_crime_kind(std::string_view value);

// Every question, in order.
const std::vector<Question>& questions();
const Question* find_question(std::string_view slug);

// Whether the question is asked, given the answers so far.
bool applies(const Question& question, const Answers& answers);
bool answered(const Question& question, const Answers& answers);

// The page after `slug`: the next question that applies and is not yet answered, else the first
// unanswered one anywhere, else "check". A stop ("not-safe", "outside-area") when an answer ends
// the journey.
std::string next_page(std::string_view slug, const Answers& answers);
// The page before `slug` for the Back link: the nearest earlier question that applies, or the
// start page ("") before the first.
std::string previous_page(std::string_view slug, const Answers& answers);
// The first page still needing an answer, or "check" when every question that applies has one.
std::string first_unanswered(const Answers& answers);

// Checks a submitted page and, when it is valid, records its answer (and clears answers of
// questions that no longer apply). Errors use the form's field names, with GOV.UK messages.
// `today` is the London date now: dates after it are refused.
std::vector<FieldError> record_answer(const Question& question, const FormFields& form,
                                      Answers& answers, std::chrono::year_month_day today);

// The answer as it reads on "Check your answers" (one line per entry).
std::vector<std::string> answer_lines(const Question& question, const Answers& answers);

// The local authorities the gateways cover, grouped by area: {area id, area name, [{code, name}]}.
struct AreaChoice {
  std::string id;
  std::string name;
  std::vector<std::pair<std::string, std::string>> local_authorities;
};
const std::vector<AreaChoice>& areas();
// The area id ("merseyside") of a local authority the gateways cover; empty otherwise.
std::string area_of(std::string_view local_authority);

// The referral the answers describe, in the referral JSON format (docs/formats/referral.md),
// received at `received_at` (RFC 3339). Consent, when given, was captured by the victim on the
// web form at that instant.
std::string referral_json(const Answers& answers, const std::string& received_at);

// Strings of a checkbox answer (empty when unanswered).
std::vector<std::string> answer_list(const Answers& answers, std::string_view field);
std::string answer_text(const Answers& answers, std::string_view field);

}  // namespace vg::app::self_referral
