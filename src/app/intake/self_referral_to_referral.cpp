#include "app/intake/self_referral_to_referral.h"

#include <boost/json.hpp>

#include <algorithm>
#include <optional>
#include <string>

#include "app/directory/local_authorities.h"

namespace vg::app::self_referral {
namespace {

namespace json = boost::json;

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// What referral_json below reads: each field, the kinds of question that may hold it, and the
// choices it tests by value.
struct Needed {
  std::string_view field;
  std::vector<Kind> kinds;
  std::vector<std::string_view> values;
};

const std::vector<Needed>& needed() {
  static const std::vector<Needed> list = {
      {"contact_methods", {Kind::kCheckboxes}, {}},
      {"voicemail", {Kind::kRadios}, {"yes"}},
      {"say_who_we_are", {Kind::kRadios}, {"yes"}},
      {"contact_times", {Kind::kText, Kind::kTextarea}, {}},
      {"victim_type", {Kind::kRadios}, {"person", "business"}},
      {"business_name", {Kind::kText}, {}},
      {"name", {Kind::kText}, {}},
      {"date_of_birth", {Kind::kDate}, {}},
      {"what_happened", {Kind::kRadios}, {}},
      {"hate_strands", {Kind::kCheckboxes}, {}},
      {"local_authority", {Kind::kSelect}, {}},
      {"reported", {Kind::kRadios}, {"yes"}},
      {"incident_date", {Kind::kDate}, {}},
      {"support_needs", {Kind::kCheckboxes},
       {"interpreter", "disability", "targeted", "children", "bsl", "large_print", "easy_read"}},
      {"account", {Kind::kTextarea}, {}},
      {"consent", {Kind::kRadios}, {"yes", "no"}},
  };
  return list;
}

// Inputs revealed by a choice that the mapping reads, and the choice's question.
struct NeededReveal {
  std::string_view field;
  std::string_view question_field;
};
constexpr NeededReveal kNeededReveals[] = {{"phone", "contact_methods"},    {"mobile", "contact_methods"},
                                           {"email", "contact_methods"},    {"address", "contact_methods"},
                                           {"crime_reference", "reported"}, {"language", "support_needs"}};

// The safe ways of contact the referral knows (a contact_methods choice is one of them).
constexpr std::string_view kChannels[] = {"call", "text", "email", "letter", "visit"};

constexpr std::string_view kFlags[] = {"domestic_abuse",         "hate_crime",     "sexual_offence",
                                       "child_sexual_exploitation", "modern_slavery", "stalking_or_harassment",
                                       "business_crime",         "non_crime_asb"};

constexpr std::string_view kHateStrands[] = {"race", "religion", "sexual_orientation", "disability",
                                             "transgender"};

// Referral fields no answer above fills, that a question may name in `to_referral`: a text
// answer up to the referral's own limit for it, or a date.
struct Target {
  std::string_view path;  // object.member, or member
  bool is_date;
  int max_length;
};
constexpr Target kTargets[] = {{"safe_contact.code_word", false, 100}, {"incident_end_date", true, 0}};

const Target* find_target(std::string_view path) {
  for (const auto& t : kTargets) {
    if (t.path == path) return &t;
  }
  return nullptr;
}

std::string kind_names(const std::vector<Kind>& kinds) {
  static const char* kNames[] = {"radios", "checkboxes", "text", "date", "textarea", "select"};
  std::string out;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == kinds.size() ? " or " : ", ") + std::string(kNames[static_cast<int>(kinds[i])]);
  }
  return out;
}

template <typename List>
bool in(const List& list, std::string_view value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

}  // namespace

bool is_referral_flag(std::string_view flag) { return in(kFlags, flag); }

std::vector<FieldError> referral_mapping_problems(const Journey& journey) {
  std::vector<FieldError> problems;
  const auto& qs = journey.questions;
  auto index_of = [&](std::string_view field) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < qs.size(); ++i) {
      if (qs[i].field == field) return i;
    }
    return std::nullopt;
  };
  auto at = [](std::size_t i, std::string_view key) { return "$.questions[" + std::to_string(i) + "]." + std::string(key); };

  for (const auto& need : needed()) {
    const auto i = index_of(need.field);
    if (!i) {
      problems.push_back({"$.questions", "missing",
                          "the referral is made from a question with field " + std::string(need.field) +
                              " (" + kind_names(need.kinds) + ")"});
      continue;
    }
    const Question& q = qs[*i];
    if (std::find(need.kinds.begin(), need.kinds.end(), q.kind) == need.kinds.end()) {
      problems.push_back({at(*i, "kind"), "mismatch",
                          "the referral reads " + q.field + " as " + kind_names(need.kinds)});
      continue;
    }
    for (auto value : need.values) {
      const bool found = std::ranges::any_of(q.choices, [&](const Choice& c) { return c.value == value; });
      if (!found) {
        problems.push_back({at(*i, "choices"), "missing",
                            "the referral reads the choice " + std::string(value) + " of " + q.field});
      }
    }
  }
  for (const auto& reveal : kNeededReveals) {
    const auto i = index_of(reveal.question_field);
    if (!i) continue;  // reported above
    const bool found = std::ranges::any_of(qs[*i].choices, [&](const Choice& c) { return c.reveals == reveal.field; });
    if (!found) {
      problems.push_back({at(*i, "choices"), "missing",
                          "the referral reads " + std::string(reveal.field) + ", revealed by a choice of " +
                              qs[*i].field});
    }
  }
  if (const auto i = index_of("contact_methods")) {
    for (std::size_t c = 0; c < qs[*i].choices.size(); ++c) {
      if (!in(kChannels, qs[*i].choices[c].value)) {
        problems.push_back({at(*i, "choices[" + std::to_string(c) + "].value"), "unknown",
                            "a safe way of contact the referral knows: call, text, email, letter or visit"});
      }
    }
  }
  if (const auto i = index_of("what_happened")) {
    for (const auto& kind : journey.crime_kinds) {
      const bool found = std::ranges::any_of(qs[*i].choices, [&](const Choice& c) { return c.value == kind.value; });
      if (!found) {
        problems.push_back({at(*i, "choices_from"), "missing",
                            "what_happened must offer every crime kind (crime_kinds), and " + kind.value + " is not among its choices"});
        break;
      }
    }
  }
  std::vector<std::string> targets;
  for (std::size_t i = 0; i < qs.size(); ++i) {
    const Question& q = qs[i];
    if (q.to_referral.empty()) continue;
    const Target* t = find_target(q.to_referral);
    if (t == nullptr) {
      std::string known;
      for (const auto& k : kTargets) known += (known.empty() ? "" : ", ") + std::string(k.path);
      problems.push_back({at(i, "to_referral"), "unknown", "must be one of " + known});
    } else if (t->is_date && q.kind != Kind::kDate) {
      problems.push_back({at(i, "to_referral"), "mismatch", q.to_referral + " takes a date question"});
    } else if (!t->is_date && q.kind != Kind::kText && q.kind != Kind::kTextarea) {
      problems.push_back({at(i, "to_referral"), "mismatch", q.to_referral + " takes a text or textarea question"});
    } else if (!t->is_date && q.max_length > t->max_length) {
      problems.push_back({at(i, "max_length"), "too_long",
                          q.to_referral + " holds at most " + std::to_string(t->max_length) + " characters"});
    } else if (contains(targets, q.to_referral)) {
      problems.push_back({at(i, "to_referral"), "duplicate", "another question already fills " + q.to_referral});
    }
    targets.push_back(q.to_referral);
  }
  return problems;
}

std::string referral_json(const Journey& journey, const Answers& a, const std::string& received_at) {
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
  const CrimeKind* kind = journey.find_crime_kind(answer_text(a, "what_happened"));
  std::string category;
  if (kind) category = business && !kind->business_offence_category.empty() ? kind->business_offence_category
                                                                             : kind->offence_category;
  if (!category.empty()) r["offence_category"] = category;
  if (kind) {
    for (const auto& flag : kind->flags) flags[flag] = true;
  }
  if (business) flags["business_crime"] = true;
  if (kind && contains(kind->flags, "hate_crime")) {
    json::array strands;
    for (const auto& s : answer_list(a, "hate_strands")) {
      if (in(kHateStrands, s)) strands.emplace_back(s);  // not "I'm not sure"
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
    victim["bereaved_relative"] = kind && kind->bereaved_relative;
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

  // Answers of questions added in the file alone, placed where the file says.
  for (const auto& q : journey.questions) {
    const std::string value = answer_text(a, q.field);
    if (q.to_referral.empty() || value.empty() || !applies(q, a)) continue;
    const auto dot = q.to_referral.find('.');
    if (dot == std::string::npos) {
      r[q.to_referral] = value;
    } else {
      auto& parent = r[q.to_referral.substr(0, dot)];
      if (!parent.is_object()) parent = json::object{};
      parent.as_object()[q.to_referral.substr(dot + 1)] = value;
    }
  }

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
