// The HSDS 3.0 schema check: every problem reported with its JSON path, a stable code and a
// message a person can act on. Known answers against the embedded data/hsds/schema files.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <string>
#include <vector>

#include "app/directory/hsds_validator.h"

namespace vg::app::hsds {
namespace {

namespace json = boost::json;

constexpr const char* kId = "0b9f4c2e-5a1d-4c3b-9e8f-7a6b5c4d3e2f";

std::vector<FieldError> check(const std::string& text, std::string_view schema = "service") {
  std::vector<FieldError> errors;
  validate(json::parse(text), schema, "$", errors);
  return errors;
}

std::string service_with(const std::string& extra) {
  return std::string(R"({"id":")") + kId + R"(","name":"Riverside Support","status":"active")" +
         (extra.empty() ? "" : "," + extra) + "}";
}

TEST(HsdsValidatorTest, AMinimalServicePasses) {
  EXPECT_TRUE(check(service_with("")).empty());
}

TEST(HsdsValidatorTest, EachMissingRequiredFieldIsReportedAtItsPath) {
  const auto errors = check("{}");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "$.id");
  EXPECT_EQ(errors[1].field, "$.name");
  EXPECT_EQ(errors[2].field, "$.status");
  for (const auto& e : errors) {
    EXPECT_EQ(e.code, "required");
    EXPECT_EQ(e.message, "is required");
  }
}

TEST(HsdsValidatorTest, ANonObjectDocumentIsATypeError) {
  const auto errors = check("[1,2]");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "$");
  EXPECT_EQ(errors[0].code, "type");
  EXPECT_EQ(errors[0].message, "must be an object, not a list");
}

TEST(HsdsValidatorTest, AnUnknownSchemaIsReported) {
  const auto errors = check("{}", "no_such_thing");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "$");
  EXPECT_EQ(errors[0].code, "schema");
  EXPECT_EQ(errors[0].message, "has no HSDS schema named no_such_thing");
}

TEST(HsdsValidatorTest, NullIsRejectedRatherThanTreatedAsAbsent) {
  const auto errors = check(service_with(R"("description":null)"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "$.description");
  EXPECT_EQ(errors[0].code, "null");
  EXPECT_EQ(errors[0].message, "must be left out rather than set to null");
}

TEST(HsdsValidatorTest, ExtraFieldsAreAllowed) {
  EXPECT_TRUE(check(service_with(R"("x_local_note":42)")).empty());
}

TEST(HsdsValidatorTest, TypeErrorsNameWhatWasSent) {
  const auto errors = check(service_with(
      R"("description":7,"minimum_age":"five","phones":{},"organization":"Acme")"));
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].field, "$.description");
  EXPECT_EQ(errors[0].code, "type");
  EXPECT_EQ(errors[0].message, "must be text, not a number");
  EXPECT_EQ(errors[1].field, "$.minimum_age");
  EXPECT_EQ(errors[1].message, "must be a number, not text");
  EXPECT_EQ(errors[2].field, "$.phones");
  EXPECT_EQ(errors[2].message, "must be a list, not an object");
  EXPECT_EQ(errors[3].field, "$.organization");
  EXPECT_EQ(errors[3].message, "must be an object, not text");
}

TEST(HsdsValidatorTest, AStatusOutsideTheEnumListsTheChoices) {
  const auto errors = check(std::string(R"({"id":")") + kId +
                            R"(","name":"Riverside Support","status":"open"})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "$.status");
  EXPECT_EQ(errors[0].code, "enum");
  EXPECT_EQ(errors[0].message, "must be one of: active, inactive, defunct, temporarily closed");
}

TEST(HsdsValidatorTest, FormatsAreChecked) {
  const auto errors = check(service_with(
      R"j("organization_id":"not-a-uuid","url":"javascript:alert(1)","email":"nobody",)j"
      R"("assured_date":"2026-13-01","last_modified":"2026-01-31 09:30")"));
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].field, "$.organization_id");
  EXPECT_EQ(errors[0].code, "format");
  EXPECT_EQ(errors[0].message, "must be a UUID, like 0b9f4c2e-5a1d-4c3b-9e8f-7a6b5c4d3e2f");
  EXPECT_EQ(errors[1].field, "$.url");
  EXPECT_EQ(errors[1].message,
            "must be a web address starting https:// or http://, like https://example.org/page");
  EXPECT_EQ(errors[2].field, "$.email");
  EXPECT_EQ(errors[2].message, "must be an email address, like name@example.org");
  EXPECT_EQ(errors[3].field, "$.assured_date");
  EXPECT_EQ(errors[3].message, "must be a date, like 2026-01-31");
  EXPECT_EQ(errors[4].field, "$.last_modified");
  EXPECT_EQ(errors[4].message, "must be a date and time, like 2026-01-31T09:30:00Z");
}

TEST(HsdsValidatorTest, WellFormedFormatsPass) {
  EXPECT_TRUE(check(service_with(
                  R"("url":"https://example.org/help","email":"first.last+tag@mail.example.org",)"
                  R"("assured_date":"2026-01-31","last_modified":"2026-01-31T09:30:00.5+01:00")"))
                  .empty());
}

// Dates and times are real ones (RFC 3339, as JSON Schema's formats say), not just the shape.
TEST(HsdsValidatorTest, DatesAndTimesMustBeRealOnes) {
  auto date_errors = [](const std::string& date) {
    return check(service_with(R"("assured_date":")" + date + R"(")")).size();
  };
  EXPECT_EQ(date_errors("2026-02-31"), 1u);
  EXPECT_EQ(date_errors("2026-02-29"), 1u);
  EXPECT_EQ(date_errors("2026-04-31"), 1u);
  EXPECT_EQ(date_errors("2026-00-10"), 1u);
  EXPECT_EQ(date_errors("2024-02-29"), 0u);  // a leap year
  EXPECT_EQ(date_errors("2026-12-31"), 0u);

  auto time_errors = [](const std::string& at) {
    return check(service_with(R"("last_modified":")" + at + R"(")")).size();
  };
  EXPECT_EQ(time_errors("2026-01-31T25:00:00Z"), 1u);
  EXPECT_EQ(time_errors("2026-01-31T09:61:00Z"), 1u);
  EXPECT_EQ(time_errors("2026-01-31T09:30:61Z"), 1u);
  EXPECT_EQ(time_errors("2026-02-30T09:30:00Z"), 1u);
  EXPECT_EQ(time_errors("2026-01-31T09:30:00+24:00"), 1u);
  EXPECT_EQ(time_errors("2026-01-31T09:30:00-05:60"), 1u);
  EXPECT_EQ(time_errors("2026-12-31T23:59:60Z"), 0u);  // a leap second
  EXPECT_EQ(time_errors("2026-01-31t09:30:00-05:30"), 0u);
}

TEST(HsdsValidatorTest, EmailShapesOutsideTheFormAreRejected) {
  for (const char* email : {"@example.org", "a@example", "a..b@example.org", ".a@example.org",
                            "a@-x.example.org", "a b@example.org", "a@example..org"}) {
    const auto errors = check(service_with(std::string(R"("email":")") + email + "\""));
    ASSERT_EQ(errors.size(), 1u) << email;
    EXPECT_EQ(errors[0].code, "format") << email;
  }
}

TEST(HsdsValidatorTest, ListItemsAreCheckedAgainstTheirSchemaWithIndexedPaths) {
  const auto errors = check(service_with(std::string(R"("phones":[{"id":")") + kId +
                                         R"(","number":"01632 960000"},{"id":"x","extension":"9"}])"));
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "$.phones[1].number");
  EXPECT_EQ(errors[0].code, "required");
  EXPECT_EQ(errors[1].field, "$.phones[1].id");
  EXPECT_EQ(errors[1].code, "format");
  EXPECT_EQ(errors[2].field, "$.phones[1].extension");
  EXPECT_EQ(errors[2].code, "type");
  EXPECT_EQ(errors[2].message, "must be a number, not text");
}

TEST(HsdsValidatorTest, IsUuidKnownAnswers) {
  EXPECT_TRUE(is_uuid(kId));
  EXPECT_TRUE(is_uuid("0B9F4C2E-5A1D-4C3B-9E8F-7A6B5C4D3E2F"));
  EXPECT_FALSE(is_uuid(""));
  EXPECT_FALSE(is_uuid("0b9f4c2e5a1d4c3b9e8f7a6b5c4d3e2f"));         // no hyphens
  EXPECT_FALSE(is_uuid("0b9f4c2e-5a1d-4c3b-9e8f-7a6b5c4d3e2g"));     // not hex
  EXPECT_FALSE(is_uuid("0b9f4c2e-5a1d-4c3b-9e8f7-a6b5c4d3e2f"));     // hyphen misplaced
  EXPECT_FALSE(is_uuid("0b9f4c2e-5a1d-4c3b-9e8f-7a6b5c4d3e2f0"));    // too long
}

}  // namespace
}  // namespace vg::app::hsds
