// The self-referral's questions file: the shipped one holds, a question added to a copy (no C++)
// is asked in its place and reaches the referral, and a file that does not hold is refused with
// every problem at its JSON path.
#include "app/intake/self_referral_questions_file.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <functional>

#include "app/intake/referral_json.h"

namespace vg::app::self_referral {
namespace {

namespace json = boost::json;
using std::chrono::year;

const std::chrono::year_month_day kToday{year(2026), std::chrono::November, std::chrono::day(23)};

json::object shipped() { return json::parse(shipped_questions_text()).as_object(); }

json::array& questions_of(json::object& file) { return file["questions"].as_array(); }

std::size_t index_of(json::object& file, std::string_view slug) {
  auto& qs = questions_of(file);
  for (std::size_t i = 0; i < qs.size(); ++i) {
    if (qs[i].as_object().at("slug").as_string() == slug) return i;
  }
  ADD_FAILURE() << "no question " << slug;
  return 0;
}

// The problems with the shipped file changed by `change`, as "path code" lines.
std::vector<std::string> problems_after(const std::function<void(json::object&)>& change) {
  auto file = shipped();
  change(file);
  auto journey = parse_questions_file(json::serialize(file));
  std::vector<std::string> out;
  if (journey) return out;
  EXPECT_EQ(journey.error().code, "validation_failed");
  for (const auto& f : journey.error().fields) {
    EXPECT_FALSE(f.message.empty()) << f.field;
    out.push_back(f.field + " " + f.code);
  }
  return out;
}

std::vector<FieldError> answer(const Journey& j, std::string_view slug, FormFields form, Answers& a) {
  const auto* q = j.find_question(slug);
  EXPECT_NE(q, nullptr) << slug;
  return q ? record_answer(j, *q, form, a, kToday) : std::vector<FieldError>{{"", "", ""}};
}

std::vector<std::string> slugs(const Journey& j) {
  std::vector<std::string> out;
  for (const auto& q : j.questions) out.push_back(q.slug);
  return out;
}

TEST(SelfReferralQuestionsFile, TheShippedFileHolds) {
  auto journey = load_shipped_journey();
  ASSERT_TRUE(journey.has_value()) << journey.error().message;
  EXPECT_EQ(journey->questions.size(), 17u);
  EXPECT_EQ(journey->crime_kinds.size(), 15u);
  // "What happened?" offers the crime kinds; "Where?" the districts, then "Somewhere else".
  const auto* what = journey->find_question("what-happened");
  ASSERT_NE(what, nullptr);
  ASSERT_EQ(what->choices.size(), journey->crime_kinds.size());
  EXPECT_EQ(what->choices.front().value, "domestic_abuse");
  const auto* where = journey->find_question("where");
  ASSERT_NE(where, nullptr);
  EXPECT_EQ(where->choices.back().value, "elsewhere");
  EXPECT_EQ(where->choices.back().ends_journey, "outside-area");
  EXPECT_EQ(area_of(where->choices.front().value), "greater-manchester");
}

// Issue 12: a simple question is added without C++. Here a code word for calls, after the safe
// times, that the referral already has a place for.
TEST(SelfReferralQuestionsFile, AQuestionAddedToACopyIsAskedInItsPlaceAndSent) {
  auto file = shipped();
  auto& qs = questions_of(file);
  const std::size_t after = index_of(file, "contact-times");
  qs.insert(qs.begin() + static_cast<std::ptrdiff_t>(after + 1),
            json::parse(R"json({"slug": "code-word", "field": "code_word", "kind": "text",
                "applies_when": {"field": "contact_methods", "any_of": ["call", "text"]},
                "heading": "Is there a word we should say so you know it is us? (optional)",
                "summary": "Code word", "optional": true, "max_length": 100,
                "to_referral": "safe_contact.code_word"})json"));
  auto& first_section = file["check_your_answers"].as_array()[0].as_object()["questions"].as_array();
  first_section.emplace_back("code-word");
  auto journey = parse_questions_file(json::serialize(file));
  ASSERT_TRUE(journey.has_value()) << journey.error().message << " "
                                   << (journey.error().fields.empty() ? "" : journey.error().fields[0].field);

  auto order = slugs(*journey);
  ASSERT_EQ(order.size(), 18u);
  EXPECT_EQ(order[after], "contact-times");
  EXPECT_EQ(order[after + 1], "code-word");
  EXPECT_EQ(order[after + 2], "who");

  Answers a;
  ASSERT_TRUE(answer(*journey, "safe-to-contact", {{"safe_to_contact", "yes"}}, a).empty());
  ASSERT_TRUE(answer(*journey, "contact", {{"contact_methods", "email"}, {"email", "robin@example.com"}}, a).empty());
  EXPECT_EQ(next_page(*journey, "contact", a), "who");  // no calls: no code word either
  ASSERT_TRUE(answer(*journey, "contact", {{"contact_methods", "call"}, {"phone", "0161 496 0000"}}, a).empty());
  ASSERT_TRUE(answer(*journey, "voicemail", {{"voicemail", "no"}}, a).empty());
  ASSERT_TRUE(answer(*journey, "say-who-we-are", {{"say_who_we_are", "no"}}, a).empty());
  ASSERT_TRUE(answer(*journey, "contact-times", {{"contact_times", ""}}, a).empty());
  EXPECT_EQ(next_page(*journey, "contact-times", a), "code-word");
  EXPECT_EQ(previous_page(*journey, "who", a), "code-word");
  EXPECT_EQ(answer(*journey, "code-word", {{"code_word", std::string(101, 'x')}}, a).at(0).message,
            "Code word must be 100 characters or fewer");
  ASSERT_TRUE(answer(*journey, "code-word", {{"code_word", "bluebell"}}, a).empty());
  EXPECT_EQ(answer_lines(*journey->find_question("code-word"), a), std::vector<std::string>{"bluebell"});
  EXPECT_EQ(next_page(*journey, "code-word", a), "who");

  for (auto [slug, form] : std::vector<std::pair<std::string, FormFields>>{
           {"who", {{"victim_type", "person"}}},
           {"name", {{"name", "Robin Testperson"}}},
           {"date-of-birth", {{"date_of_birth-day", "3"}, {"date_of_birth-month", "2"}, {"date_of_birth-year", "1990"}}},
           {"what-happened", {{"what_happened", "stalking"}}},
           {"where", {{"local_authority", "E08000012"}}},
           {"police", {{"reported", "no"}}},
           {"when", {}},
           {"support", {{"support_needs", "none"}}},
           {"account", {{"account", ""}}},
           {"consent", {{"consent", "yes"}}}}) {
    ASSERT_TRUE(answer(*journey, slug, form, a).empty()) << slug;
  }
  EXPECT_EQ(first_unanswered(*journey, a), "check");
  auto referral = parse_referral_json(referral_json(*journey, a, "2026-11-23T10:00:00Z"));
  ASSERT_TRUE(referral.has_value()) << referral.error().message;
  ASSERT_TRUE(referral->safe_contact.has_value());
  EXPECT_EQ(referral->safe_contact->code_word, "bluebell");

  // Calls no longer safe: the code word no longer applies, is cleared, and is not sent.
  ASSERT_TRUE(answer(*journey, "contact", {{"contact_methods", "email"}, {"email", "robin@example.com"}}, a).empty());
  EXPECT_FALSE(a.contains("code_word"));
}

TEST(SelfReferralQuestionsFile, AFileThatIsNotJsonSaysWhere) {
  auto journey = parse_questions_file("{\n  \"questions\": [\n    {\"slug\": \"a\",,}\n  ]\n}");
  ASSERT_FALSE(journey.has_value());
  ASSERT_EQ(journey.error().fields.size(), 1u);
  EXPECT_EQ(journey.error().fields[0].field, "$");
  EXPECT_NE(journey.error().fields[0].message.find("line 3"), std::string::npos) << journey.error().fields[0].message;
  EXPECT_FALSE(parse_questions_file("[]").has_value());
  EXPECT_FALSE(parse_questions_file("").has_value());
}

TEST(SelfReferralQuestionsFile, AMisspeltMemberIsRefusedNotIgnored) {
  EXPECT_EQ(problems_after([](json::object& f) {
              auto& q = questions_of(f)[index_of(f, "contact-times")].as_object();
              q.erase("optional");
              q["optinal"] = true;
            }),
            (std::vector<std::string>{"$.questions[4].optinal unknown", "$.questions[4].error_required required"}));
  EXPECT_EQ(problems_after([](json::object& f) { f["question"] = json::array{}; }),
            std::vector<std::string>{"$.question unknown"});
}

TEST(SelfReferralQuestionsFile, EachQuestionNeedsItsWordsAndAKnownKind) {
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f)[0].as_object().erase("heading"); }),
            std::vector<std::string>{"$.questions[0].heading required"});
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f)[0].as_object()["kind"] = "radio"; }),
            std::vector<std::string>{"$.questions[0].kind unknown"});
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f)[0].as_object()["summary"] = "  "; }),
            std::vector<std::string>{"$.questions[0].summary required"});
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f)[0].as_object()["optional"] = true; }),
            (std::vector<std::string>{"$.questions[0].optional not_allowed", "$.questions[0].error_required not_allowed"}));
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f)[0].as_object()["max_length"] = 20; }),
            std::vector<std::string>{"$.questions[0].max_length not_allowed"});
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f)[0].as_object()["autocomplete"] = "name"; }),
            std::vector<std::string>{"$.questions[0].autocomplete not_allowed"});
}

TEST(SelfReferralQuestionsFile, SlugsAndFieldsAreUniqueAndNotThePagesOwn) {
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f)[1].as_object()["slug"] = "safe-to-contact"; }),
            (std::vector<std::string>{"$.questions[1].slug duplicate", "$.check_your_answers[0].questions[1] unknown"}));
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f)[0].as_object()["slug"] = "check"; }),
            (std::vector<std::string>{"$.questions[0].slug reserved", "$.check_your_answers[0].questions[0] unknown",
                                      "$.questions[0].slug not_shown"}));
  // A question's field may not be an input another choice reveals.
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f)[index_of(f, "name")].as_object()["field"] = "phone"; }),
            (std::vector<std::string>{"$.questions[7].field duplicate"}));
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f)[index_of(f, "name")].as_object()["field"] = "Name"; }),
            (std::vector<std::string>{"$.questions[7].field malformed"}));
}

TEST(SelfReferralQuestionsFile, AConditionNamesAnEarlierQuestionAndItsChoices) {
  EXPECT_EQ(problems_after([](json::object& f) {
              questions_of(f)[index_of(f, "voicemail")].as_object()["applies_when"] =
                  json::parse(R"({"field": "contact_methods", "any_of": ["phone"]})");
            }),
            std::vector<std::string>{"$.questions[2].applies_when.any_of[0] unknown"});
  EXPECT_EQ(problems_after([](json::object& f) {
              questions_of(f)[index_of(f, "voicemail")].as_object()["applies_when"] =
                  json::parse(R"({"field": "consent", "any_of": ["yes"]})");
            }),
            std::vector<std::string>{"$.questions[2].applies_when.field unknown"});
  EXPECT_EQ(problems_after([](json::object& f) {
              questions_of(f)[index_of(f, "voicemail")].as_object()["applies_when"] = json::parse(R"({"field": "contact_methods"})");
            }),
            std::vector<std::string>{"$.questions[2].applies_when.any_of required"});
}

TEST(SelfReferralQuestionsFile, AnAnswerEndsTheJourneyOnlyAtAStopPage) {
  EXPECT_EQ(problems_after([](json::object& f) {
              questions_of(f)[0].as_object()["choices"].as_array()[1].as_object()["ends_journey"] = "goodbye";
            }),
            std::vector<std::string>{"$.questions[0].choices[1].ends_journey unknown"});
}

TEST(SelfReferralQuestionsFile, EveryQuestionIsOnCheckYourAnswersOnce) {
  EXPECT_EQ(problems_after([](json::object& f) {
              f["check_your_answers"].as_array()[3].as_object()["questions"] = json::array{};
            }),
            std::vector<std::string>{"$.questions[16].slug not_shown"});
  EXPECT_EQ(problems_after([](json::object& f) {
              f["check_your_answers"].as_array()[3].as_object()["questions"] = json::array{"consent", "name"};
            }),
            std::vector<std::string>{"$.check_your_answers[3].questions[1] duplicate"});
}

// The referral is made in C++ from named fields and choices: a file without them is refused
// at start, not discovered when a victim's request fails to send.
TEST(SelfReferralQuestionsFile, WhatTheReferralReadsMustBeThere) {
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f).erase(questions_of(f).begin() + index_of(f, "consent"));
                                                  f["check_your_answers"].as_array()[3].as_object()["questions"] = json::array{}; }),
            std::vector<std::string>{"$.questions missing"});
  EXPECT_EQ(problems_after([](json::object& f) {
              questions_of(f)[index_of(f, "who")].as_object()["choices"].as_array()[1].as_object()["value"] = "company";
            }),
            (std::vector<std::string>{"$.questions[6].applies_when.any_of[0] unknown"}));
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f)[index_of(f, "account")].as_object()["kind"] = "text"; }),
            std::vector<std::string>{"$.questions[15].kind mismatch"});
  EXPECT_EQ(problems_after([](json::object& f) { f["crime_kinds"].as_array()[0].as_object()["flags"] = json::array{"domestic"}; }),
            std::vector<std::string>{"$.crime_kinds[0].flags[0] unknown"});
  EXPECT_EQ(problems_after([](json::object& f) { questions_of(f)[index_of(f, "contact-times")].as_object()["to_referral"] = "victim.name"; }),
            std::vector<std::string>{"$.questions[4].to_referral unknown"});
}

}  // namespace
}  // namespace vg::app::self_referral
