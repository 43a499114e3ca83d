#include "app/intake/self_referral_journey.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

#include "app/directory/local_authorities.h"
#include "domain/assessment/safe_contact.h"
#include "domain/text/control_characters.h"
#include "domain/text/utf8.h"

// The questions below are written with designated initializers, naming only what each one
// needs; GCC 12 warns about every member left to its default.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace vg::app::self_referral {
namespace {

namespace json = boost::json;

constexpr int kMaxAge = 130;

std::vector<Question> build_questions() {
  std::vector<Question> q;
  q.push_back({.slug = "safe-to-contact",
               .field = "safe_to_contact",
               .kind = Kind::kRadios,
               .heading = "Is it safe for us to contact you?",
               .hint = "We will only contact you in the ways you tell us are safe.",
               .summary = "Safe to contact you",
               .choices = {{.value = "yes", .text = "Yes"}, {.value = "no", .text = "No"}},
               .error_required = "Select yes if it is safe for us to contact you"});
  q.push_back({.slug = "contact",
               .field = "contact_methods",
               .kind = Kind::kCheckboxes,
               .heading = "How can we contact you safely?",
               .hint = "Select all that are safe.",
               .summary = "Safe ways to contact you",
               .choices = {{.value = "call", .text = "Phone call", .reveals = "phone",
                            .reveal_label = "Phone number", .reveal_type = "tel",
                            .reveal_error = "Enter your phone number"},
                           {.value = "text", .text = "Text message", .reveals = "mobile",
                            .reveal_label = "Mobile phone number", .reveal_type = "tel",
                            .reveal_error = "Enter your mobile phone number"},
                           {.value = "email", .text = "Email", .reveals = "email",
                            .reveal_label = "Email address", .reveal_type = "email",
                            .reveal_error = "Enter your email address"},
                           {.value = "letter", .text = "Letter", .reveals = "address",
                            .reveal_label = "Postal address", .reveal_type = "textarea",
                            .reveal_error = "Enter your postal address"}},
               .error_required = "Select at least one safe way to contact you"});
  q.push_back({.slug = "voicemail",
               .field = "voicemail",
               .kind = Kind::kRadios,
               .heading = "Can we leave you a voicemail?",
               .hint = "We will only say our first name and ask you to call back.",
               .summary = "Voicemail",
               .choices = {{.value = "yes", .text = "Yes"}, {.value = "no", .text = "No"}},
               .error_required = "Select yes if we can leave you a voicemail"});
  q.push_back({.slug = "say-who-we-are",
               .field = "say_who_we_are",
               .kind = Kind::kRadios,
               .heading = "If someone else answers, can we say who we are?",
               .hint = "If you say no, we will ask for you by name and not say why we are calling.",
               .summary = "Say who we are",
               .choices = {{.value = "yes", .text = "Yes"}, {.value = "no", .text = "No"}},
               .error_required = "Select yes if we can say who we are"});
  q.push_back({.slug = "contact-times",
               .field = "contact_times",
               .kind = Kind::kText,
               .heading = "When is it safe to contact you? (optional)",
               .hint = "For example, weekdays between 10am and 2pm.",
               .summary = "Safe times",
               .optional = true,
               .max_length = 200});
  q.push_back({.slug = "who",
               .field = "victim_type",
               .kind = Kind::kRadios,
               .heading = "Who was the crime against?",
               .summary = "Who it was against",
               .choices = {{.value = "person", .text = "Me"},
                           {.value = "business", .text = "A business or organisation",
                            .hint = "For example, a shop you own or work for."}},
               .error_required = "Select who the crime was against"});
  q.push_back({.slug = "business-name",
               .field = "business_name",
               .kind = Kind::kText,
               .heading = "What is the name of the business or organisation?",
               .summary = "Business or organisation",
               .error_required = "Enter the name of the business or organisation",
               .max_length = 200});
  q.push_back({.slug = "name",
               .field = "name",
               .kind = Kind::kText,
               .heading = "What is your name?",
               .hint = "The name you would like us to use.",
               .summary = "Name",
               .error_required = "Enter your name",
               .max_length = 200});
  q.push_back({.slug = "date-of-birth",
               .field = "date_of_birth",
               .kind = Kind::kDate,
               .heading = "What is your date of birth?",
               .hint = "For example, 27 3 2007",
               .summary = "Date of birth",
               .error_required = "Enter your date of birth"});
  {
    Question what{.slug = "what-happened",
                  .field = "what_happened",
                  .kind = Kind::kRadios,
                  .heading = "What happened?",
                  .hint = "Choose the one that fits best. You can tell us more later.",
                  .summary = "What happened",
                  .error_required = "Select what happened"};
    for (const auto& kind : crime_kinds()) what.choices.push_back({.value = kind.value, .text = kind.text});
    q.push_back(std::move(what));
  }
  q.push_back({.slug = "hate",
               .field = "hate_strands",
               .kind = Kind::kCheckboxes,
               .heading = "Why do you think you were targeted?",
               .hint = "Select all that apply.",
               .summary = "Targeted because of",
               .choices = {{.value = "race", .text = "Race, ethnicity or nationality"},
                           {.value = "religion", .text = "Religion or belief"},
                           {.value = "sexual_orientation", .text = "Sexual orientation"},
                           {.value = "disability", .text = "Disability"},
                           {.value = "transgender", .text = "Being transgender"},
                           {.value = "not_sure", .text = "I'm not sure", .exclusive = true}},
               .error_required = "Select why you think you were targeted, or select \"I'm not sure\""});
  {
    Question where{.slug = "where",
                   .field = "local_authority",
                   .kind = Kind::kSelect,
                   .heading = "Where did it happen?",
                   .hint = "If it happened online or in more than one place, choose where you live.",
                   .summary = "Where it happened",
                   .error_required = "Select where it happened"};
    for (const auto& area : areas()) {
      for (const auto& [code, name] : area.local_authorities) where.choices.push_back({.value = code, .text = name, .hint = area.name});
    }
    where.choices.push_back({.value = "elsewhere", .text = "Somewhere else"});
    q.push_back(std::move(where));
  }
  q.push_back({.slug = "police",
               .field = "reported",
               .kind = Kind::kRadios,
               .heading = "Have you reported it to the police?",
               .summary = "Reported to the police",
               .choices = {{.value = "yes", .text = "Yes", .reveals = "crime_reference",
                            .reveal_label = "Crime reference number (optional)"},
                           {.value = "no", .text = "No",
                            .hint = "You can get support without reporting it."}},
               .error_required = "Select yes if you have reported it to the police"});
  q.push_back({.slug = "when",
               .field = "incident_date",
               .kind = Kind::kDate,
               .heading = "When did it happen? (optional)",
               .hint = "If it went on for a while, enter when it started. For example, 14 10 2026",
               .summary = "When it happened",
               .optional = true});
  q.push_back({.slug = "support",
               .field = "support_needs",
               .kind = Kind::kCheckboxes,
               .heading = "Is there anything that would help us support you?",
               .hint = "Select all that apply.",
               .summary = "What would help",
               .choices = {{.value = "interpreter", .text = "An interpreter", .reveals = "language",
                            .reveal_label = "Which language?",
                            .reveal_error = "Enter the language you need an interpreter for"},
                           {.value = "bsl", .text = "British Sign Language"},
                           {.value = "large_print", .text = "Large print"},
                           {.value = "easy_read", .text = "Easy read"},
                           {.value = "disability", .text = "I have a disability or a long-term health condition"},
                           {.value = "targeted", .text = "It has happened more than once, or I am being targeted"},
                           {.value = "children", .text = "Children live with me"},
                           {.value = "none", .text = "No, nothing", .exclusive = true}},
               .error_required = "Select anything that would help, or select \"No, nothing\""});
  q.push_back({.slug = "account",
               .field = "account",
               .kind = Kind::kTextarea,
               .heading = "Tell us what happened (optional)",
               .hint = "Only tell us what you feel comfortable sharing. A support worker can talk to you about it.",
               .summary = "What you told us",
               .optional = true,
               .max_length = 2000});
  q.push_back({.slug = "consent",
               .field = "consent",
               .kind = Kind::kRadios,
               .heading = "Can we share your details with the service best placed to support you?",
               .hint = "This could be our own team or a local specialist service, such as a rape crisis "
                       "centre. We will not share your details with anyone else without asking you.",
               .summary = "Share your details",
               .choices = {{.value = "yes", .text = "Yes"},
                           {.value = "no", .text = "No, contact me first to talk about it"}},
               .error_required = "Select yes if we can share your details"});
  return q;
}

bool has(const Answers& a, std::string_view field) { return a.contains(field); }

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Characters, not bytes: Welsh or Urdu answers get the same limit as English ones.
std::size_t utf8_length(std::string_view s) { return text::code_points(s); }

std::string form_value(const FormFields& form, std::string_view name) {
  for (const auto& [k, v] : form) {
    if (k == name) return v;
  }
  return {};
}

std::vector<std::string> form_values(const FormFields& form, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : form) {
    if (k == name && !v.empty()) out.push_back(v);
  }
  return out;
}

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

// Answers that only make sense with another answer: cleared when that answer changes.
void clear_answers_that_no_longer_apply(Answers& answers) {
  for (const auto& q : questions()) {
    if (!applies(q, answers) && answers.contains(q.field)) answers.erase(q.field);
  }
}

}  // namespace

const std::vector<CrimeKind>& crime_kinds() {
  static const std::vector<CrimeKind> kinds = {
      {"domestic_abuse", "Domestic abuse by a partner, ex-partner or family member", "", "domestic_abuse",
       "domestic_abuse",
       "Domestic abuse is never your fault. If you are in danger now, call 999. If you cannot speak, "
       "call 999 and press 55 when asked. The National Domestic Abuse Helpline is free and open day "
       "and night on 0808 2000 247."},
      {"sexual_violence", "Rape, sexual assault or sexual abuse", "other_sexual_offences", "sexual_offence",
       "sexual_violence",
       "What happened was not your fault, however long ago it was. You can get support without "
       "reporting it to the police. A sexual assault referral centre can give medical care and keep "
       "evidence in case you decide to report it later."},
      {"exploitation", "Sexual exploitation or grooming", "other_sexual_offences", "child_sexual_exploitation",
       "child_sexual_exploitation",
       "If someone is pressuring you for photos, to meet, or to do things you do not want to do, it is "
       "not your fault and you will not be in trouble. Stop replying, keep the messages, and tell an "
       "adult you trust or a service below."},
      {"stalking", "Stalking or harassment", "stalking_and_harassment", "stalking_or_harassment",
       "stalking_and_harassment",
       "Keep a diary of what happens and keep messages, letters and call logs. The National Stalking "
       "Helpline gives free advice on 0808 802 0300."},
      {"hate", "Hate crime or a hate incident", "", "hate_crime", "hate_crime",
       "A hate crime is one where someone targets you because of who you are. You can report it to "
       "the police, or to a third-party reporting centre if you would rather not go to the police."},
      {"violence", "Assault or violence", "", "", "violent_crime",
       "If you were hurt, get medical help, even if the injury seems small. Keep any photos of "
       "injuries and damaged clothing."},
      {"burglary", "Burglary", "burglary_residential", "", "burglary_and_theft",
       "Change locks if keys were taken, tell your insurer, and ask for a crime reference number for "
       "your claim."},
      {"robbery", "Robbery or mugging", "robbery_of_personal_property", "", "robbery",
       "Cancel stolen bank cards, and if your phone was taken, ask your network to block it."},
      {"theft", "Theft", "all_other_theft_offences", "", "burglary_and_theft",
       "Tell your insurer and keep any receipts or photos of what was taken."},
      {"fraud", "Fraud, a scam or cyber crime", "fraud", "", "fraud_and_cyber_crime",
       "Call your bank straight away on the number on your card. Report fraud to Action Fraud on "
       "0300 123 2040. Change passwords that may have been seen."},
      {"damage", "Criminal damage or arson", "criminal_damage", "", "criminal_damage",
       "Take photos of the damage before it is repaired, and tell your landlord or insurer."},
      {"modern_slavery", "Modern slavery or trafficking", "modern_slavery", "modern_slavery", "modern_slavery",
       "If you are being forced to work or cannot leave, call the Modern Slavery Helpline on "
       "08000 121 700, day or night. You can get help whatever your immigration status."},
      {"bereaved", "Someone close to me died because of a crime", "homicide", "", "homicide_bereavement",
       "You do not have to cope alone. Support for people bereaved by murder or manslaughter is free "
       "and can last as long as you need it."},
      {"asb", "Anti-social behaviour", "", "non_crime_asb", "anti_social_behaviour",
       "Keep a log of dates, times and what happens. Your council and landlord can act on "
       "anti-social behaviour, and you can ask for a case review if it keeps happening."},
      {"other", "Something else", "", "", "",
       "Whatever happened, you can get free, confidential support, whether or not you reported it to "
       "the police."},
  };
  return kinds;
}

const CrimeKind* find_crime_kind(std::string_view value) {
  for (const auto& k : crime_kinds()) {
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

const std::vector<Question>& questions() {
  static const std::vector<Question> list = build_questions();
  return list;
}

const Question* find_question(std::string_view slug) {
  for (const auto& q : questions()) {
    if (q.slug == slug) return &q;
  }
  return nullptr;
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
  const auto methods = answer_list(a, "contact_methods");
  if (q.slug == "voicemail" || q.slug == "say-who-we-are") return contains(methods, "call");
  if (q.slug == "contact-times") return contains(methods, "call") || contains(methods, "text");
  if (q.slug == "business-name") return answer_text(a, "victim_type") == "business";
  if (q.slug == "date-of-birth") return answer_text(a, "victim_type") == "person";
  if (q.slug == "hate") return answer_text(a, "what_happened") == "hate";
  return true;
}

bool answered(const Question& q, const Answers& a) { return has(a, q.field); }

std::string first_unanswered(const Answers& answers) {
  if (answer_text(answers, "safe_to_contact") == "no") return "not-safe";
  if (answer_text(answers, "local_authority") == "elsewhere") return "outside-area";
  for (const auto& q : questions()) {
    if (applies(q, answers) && !answered(q, answers)) return q.slug;
  }
  return "check";
}

std::string next_page(std::string_view slug, const Answers& answers) {
  if (answer_text(answers, "safe_to_contact") == "no") return "not-safe";
  if (answer_text(answers, "local_authority") == "elsewhere") return "outside-area";
  const auto& list = questions();
  auto it = std::find_if(list.begin(), list.end(), [&](const Question& q) { return q.slug == slug; });
  if (it != list.end()) {
    for (++it; it != list.end(); ++it) {
      if (applies(*it, answers) && !answered(*it, answers)) return it->slug;
    }
  }
  return first_unanswered(answers);
}

std::string previous_page(std::string_view slug, const Answers& answers) {
  std::string previous;
  for (const auto& q : questions()) {
    if (q.slug == slug) return previous;
    if (applies(q, answers)) previous = q.slug;
  }
  return {};
}

// Said of an answer holding a character the referral refuses (text::find_control_character):
// most likely pasted in with the text, and invisible to the person who typed it.
namespace {
std::string control_characters_message(const std::string& what) {
  return what + " must not contain hidden control characters: type it again rather than paste it";
}
}  // namespace

std::vector<FieldError> record_answer(const Question& q, const FormFields& form, Answers& answers,
                                      std::chrono::year_month_day today) {
  std::vector<FieldError> errors;
  auto error = [&](std::string field, std::string code, std::string message) {
    errors.push_back({std::move(field), std::move(code), std::move(message)});
  };
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
        if (utf8_length(revealed) > 50) {
          error(choice->reveals, "too_long", "The crime reference number must be 50 characters or fewer");
          break;
        }
        if (text::find_control_character(revealed)) {
          error(choice->reveals, "control_character", control_characters_message("The crime reference number"));
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
      std::map<std::string, std::string> revealed;
      for (const auto& c : q.choices) {
        if (c.reveals.empty() || !contains(picked, c.value)) continue;
        std::string v = trim(form_value(form, c.reveals));
        // The referral format's own limits, so an answer a page accepts is never refused later.
        const std::size_t limit = c.reveal_type == "textarea" ? 500
                                  : c.reveal_type == "tel"    ? 40
                                  : c.reveals == "language"   ? 40
                                                              : 100;
        if (v.empty()) {
          error(c.reveals, "required", c.reveal_error);
        } else if (utf8_length(v) > limit) {
          error(c.reveals, "too_long", c.reveal_label + " must be " + std::to_string(limit) + " characters or fewer");
        } else if (text::find_control_character(v)) {
          error(c.reveals, "control_character", control_characters_message(c.reveal_label));
        }
        revealed[c.reveals] = std::move(v);
      }
      if (q.field == "contact_methods") {
        // The domain's own rules for a safe number and address, so the page says what the
        // referral would otherwise be refused for.
        for (const auto& [field, value] : revealed) {
          if (value.empty()) continue;
          intake::SafeContactProfile one;
          if (field == "phone" || field == "mobile") one.safe_phone = value;
          if (field == "email") one.safe_email = value;
          for (const auto& e : assessment::validate_safe_contact(one)) {
            if (e.code != "invalid") continue;
            if (field == "email") {
              error(field, "invalid", "Enter an email address in the correct format, like name@example.com");
            } else {
              error(field, "invalid", "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192");
            }
          }
        }
      }
      if (!errors.empty()) break;
      json::array values;
      for (const auto& v : picked) values.emplace_back(v);
      answers[q.field] = std::move(values);
      for (const auto& c : q.choices) {
        if (!c.reveals.empty()) answers.erase(c.reveals);
      }
      for (auto& [field, value] : revealed) answers[field] = value;
      break;
    }
    case Kind::kText:
    case Kind::kTextarea: {
      std::string value = trim(form_value(form, q.field));
      if (value.empty() && !q.optional) {
        error(q.field, "required", q.error_required);
      } else if (utf8_length(value) > static_cast<std::size_t>(q.max_length)) {
        std::string what = q.summary;
        error(q.field, "too_long",
              what + " must be " + std::to_string(q.max_length) + " characters or fewer");
      } else if (text::find_control_character(value)) {
        // The referral's own rule, so an answer a page accepts is never refused when it is sent.
        error(q.field, "control_character", control_characters_message(q.summary));
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
      const std::string what = q.field == "date_of_birth" ? "Date of birth" : "The date it happened";
      if (parts.day.empty() || parts.month.empty() || parts.year.empty()) {
        std::string missing = parts.day.empty() ? "day" : parts.month.empty() ? "month" : "year";
        error(q.field + "-" + missing, "incomplete", what + " must include a " + missing);
        break;
      }
      std::string problem;
      auto date = parse_date(parts, problem);
      if (!date) {
        error(anchor, "invalid", what + " " + problem);
        break;
      }
      if (*date > today) {
        error(anchor, "in_future", what + " must be today or in the past");
        break;
      }
      if (q.field == "date_of_birth" && date->year() < std::chrono::year(1900)) {
        error(anchor, "out_of_range", "Date of birth must be after 1899");
        break;
      }
      answers[q.field] = iso_date(*date);
      break;
    }
  }
  if (errors.empty()) clear_answers_that_no_longer_apply(answers);
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

std::string referral_json(const Answers& a, const std::string& received_at) {
  json::object r;
  r["channel"] = "self";
  r["received_at"] = received_at;
  const std::string la = answer_text(a, "local_authority");
  r["area"] = area_of(la);
  r["local_authority"] = la;
  const bool reported = answer_text(a, "reported") == "yes";
  r["reported_to_police"] = reported;
  if (reported) {
    for (const auto& item : local_authorities()) {
      if (item.code == la) r["police_force_code"] = item.force_code;
    }
    r["crime_reference"] = answer_text(a, "crime_reference");
  }
  if (const auto when = answer_text(a, "incident_date"); !when.empty()) r["incident_date"] = when;

  const bool business = answer_text(a, "victim_type") == "business";
  json::object flags;
  const CrimeKind* kind = find_crime_kind(answer_text(a, "what_happened"));
  std::string category = kind ? kind->offence_category : "";
  if (kind && kind->value == "burglary" && business) category = "burglary_business_and_community";
  if (kind && kind->value == "robbery" && business) category = "robbery_of_business_property";
  if (!category.empty()) r["offence_category"] = category;
  if (kind && !kind->flag.empty()) flags[kind->flag] = true;
  if (kind && (kind->value == "sexual_violence" || kind->value == "exploitation")) flags["sexual_offence"] = true;
  if (business) flags["business_crime"] = true;
  if (kind && kind->value == "hate") {
    json::array strands;
    for (const auto& s : answer_list(a, "hate_strands")) {
      if (s != "not_sure") strands.emplace_back(s);
    }
    if (!strands.empty()) flags["hate_strands"] = std::move(strands);
  }
  r["flags"] = std::move(flags);

  const auto methods = answer_list(a, "contact_methods");
  const std::string phone = !answer_text(a, "phone").empty() ? answer_text(a, "phone") : answer_text(a, "mobile");
  const auto needs = answer_list(a, "support_needs");
  const bool interpreter = contains(needs, "interpreter");
  json::object victim;
  if (business) {
    victim["type"] = "business";
    victim["name"] = answer_text(a, "business_name");
    victim["contact_name"] = answer_text(a, "name");
    victim["contact_phone"] = phone;
    victim["contact_email"] = answer_text(a, "email");
  } else {
    victim["type"] = "person";
    victim["name"] = answer_text(a, "name");
    if (const auto dob = answer_text(a, "date_of_birth"); !dob.empty()) victim["date_of_birth"] = dob;
    victim["phone"] = phone;
    victim["email"] = answer_text(a, "email");
    victim["address"] = answer_text(a, "address");
    victim["interpreter_needed"] = interpreter;
    if (interpreter) victim["language"] = answer_text(a, "language");
    if (contains(needs, "disability")) victim["disabilities"] = json::array{"other"};
    victim["persistently_targeted"] = contains(needs, "targeted");
    victim["children_in_household"] = contains(needs, "children");
    victim["bereaved_relative"] = kind && kind->value == "bereaved";
  }
  r["victim"] = std::move(victim);
  if (const auto account = answer_text(a, "account"); !account.empty()) r["account"] = account;

  json::object safe;
  json::array channels;
  for (const auto& m : methods) channels.emplace_back(m);
  safe["safe_channels"] = std::move(channels);
  safe["safe_phone"] = phone;
  safe["safe_email"] = answer_text(a, "email");
  safe["safe_address"] = answer_text(a, "address");
  safe["safe_times"] = answer_text(a, "contact_times");
  safe["voicemail_allowed"] = answer_text(a, "voicemail") == "yes";
  safe["may_say_who_we_are"] = answer_text(a, "say_who_we_are") == "yes";
  safe["interpreter_needed"] = interpreter;
  if (interpreter) safe["language"] = answer_text(a, "language");
  json::array access;
  for (const auto& n : {"bsl", "large_print", "easy_read"}) {
    if (contains(needs, n)) access.emplace_back(n);
  }
  safe["accessibility_needs"] = std::move(access);
  r["safe_contact"] = std::move(safe);

  // "No, contact me first": held at the gateway, nothing shared with a partner until the victim
  // agrees (the opt-out beats every consent rule).
  if (answer_text(a, "consent") == "no") r["opted_out"] = true;
  if (answer_text(a, "consent") == "yes") {
    r["consent"] = json::object{{"basis", "explicit_consent"},
                                {"captured_by", "self"},
                                {"captured_at", received_at},
                                {"method", "web_form"},
                                {"scope", "referral_to_support"}};
  }
  return json::serialize(r);
}

}  // namespace vg::app::self_referral
