#include "http/problem.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace vg::http {
namespace {

boost::json::object body_of(const Response& r) { return boost::json::parse(r.body).as_object(); }

TEST(Problem, ValidationErrorListsEveryFieldAs400) {
  Error error{"validation_failed",
              "The input is not valid",
              {{"page", "not_a_number", "Page must be a whole number"},
               {"per_page", "too_large", "At most 100"}}};
  auto r = problem_response(error);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto b = body_of(r);
  EXPECT_EQ(b.at("status").as_int64(), 400);
  EXPECT_EQ(b.at("type").as_string(), "urn:victim-gateway:problem:validation-failed");
  EXPECT_FALSE(b.at("title").as_string().empty());
  EXPECT_EQ(b.at("detail").as_string(), "The input is not valid");
  auto& errors = b.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("field").as_string(), "page");
  EXPECT_EQ(errors[0].at("code").as_string(), "not_a_number");
  EXPECT_EQ(errors[1].at("message").as_string(), "At most 100");
}

TEST(Problem, StatusFollowsTheErrorCode) {
  EXPECT_EQ(status_for(Error{"not_found", "", {}}), 404);
  EXPECT_EQ(status_for(Error{"conflict", "", {}}), 409);
  EXPECT_EQ(status_for(Error{"unauthorized", "", {}}), 401);
  EXPECT_EQ(status_for(Error{"forbidden", "", {}}), 403);
  EXPECT_EQ(status_for(Error{"locked", "", {}}), 423);
  EXPECT_EQ(status_for(Error{"too_many_requests", "", {}}), 429);
  EXPECT_EQ(status_for(Error{"unavailable", "", {}}), 503);
  EXPECT_EQ(status_for(Error{"something_new", "", {}}), 500);
}

TEST(Problem, ExplicitStatusOverridesTheCode) {
  auto r = problem_response(Error{"validation_failed", "bad body", {}}, 422);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(body_of(r).at("status").as_int64(), 422);
}

TEST(Problem, InternalErrorsDoNotDescribeThemselves) {
  auto r = problem_response(Error{"internal", "SQLITE_CORRUPT in table users", {}});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("SQLITE"), std::string::npos);
  EXPECT_FALSE(body_of(r).contains("errors"));
}

TEST(Problem, StatusOnlyProblemIsAboutBlankWithTheReasonPhrase) {
  auto r = problem_response(413, "", "Too big");
  auto b = body_of(r);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(b.at("type").as_string(), "about:blank");
  EXPECT_EQ(b.at("title").as_string(), "Content Too Large");
  EXPECT_EQ(b.at("detail").as_string(), "Too big");
}

TEST(Problem, NoNullsAndNoEmptyDetail) {
  auto r = problem_response(404, "Not Found");
  EXPECT_EQ(r.body.find("null"), std::string::npos);
  EXPECT_FALSE(body_of(r).contains("detail"));
}

TEST(Problem, EscapesQuotesInMessages) {
  auto r = problem_response(Error{"not_found", "Service \"x\"\n was not found", {}});
  auto b = body_of(r);  // parses: the quote and newline were escaped
  EXPECT_EQ(b.at("detail").as_string(), "Service \"x\"\n was not found");
}

}  // namespace
}  // namespace vg::http
