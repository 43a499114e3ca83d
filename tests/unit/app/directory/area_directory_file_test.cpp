// An area pack's directory.json read into the admin forms' terms: every mistake reported at its
// JSON path, so one run names them all.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/directory/area_directory_file.h"

namespace vg::app {
namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(VG_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> fields_of(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field + " " + f.code + " " + f.message);
  return out;
}

TEST(AreaDirectoryFileTest, TheShippedMerseysideFileReads) {
  const auto parsed = parse_area_directory(read("config/areas/merseyside/directory.json"));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->organizations.size(), 12u);
  ASSERT_EQ(parsed->services.size(), 15u);
  EXPECT_EQ(parsed->organizations[0].id, "4bc91d98-76e9-4d36-9127-afd42e761c82");
  EXPECT_EQ(parsed->organizations[0].name, "Victim Support");
  EXPECT_EQ(parsed->organizations[0].website, "https://example.org/victim-support");
  const auto& first = parsed->services[0];
  EXPECT_EQ(first.id, "e9b69224-7e3f-49ac-bf4f-f648f58e8927");
  EXPECT_EQ(first.organization_id, "4bc91d98-76e9-4d36-9127-afd42e761c82");
  EXPECT_EQ(first.status, "active");
  EXPECT_EQ(first.crime_types.size(), 16u);
  EXPECT_EQ(first.crime_types[0], "domestic_abuse");
  EXPECT_EQ(first.local_authorities,
            (std::vector<std::string>{"E08000011", "E08000012", "E08000013", "E08000014",
                                      "E08000015"}));
  EXPECT_EQ(first.phone, "0151 496 0100");
  EXPECT_EQ(first.opening_hours, "Monday to Friday, 8am to 8pm; Saturday, 9am to 5pm");
  EXPECT_TRUE(first.self_referral);
  EXPECT_TRUE(first.illustrative_contact_details);
}

TEST(AreaDirectoryFileTest, EveryShippedAreaReads) {
  for (const char* area : {"greater-manchester", "merseyside", "staffordshire"}) {
    const auto parsed =
        parse_area_directory(read(std::string("config/areas/") + area + "/directory.json"));
    EXPECT_TRUE(parsed.has_value()) << area;
  }
}

TEST(AreaDirectoryFileTest, AllFieldsOfAServiceAreRead) {
  const auto parsed = parse_area_directory(R"({"organizations":[],"services":[{
    "id":"s1","organization_id":"o1","name":"Invented Help","description":"For testing",
    "status":"inactive","url":"https://example.org/x","email":"x@example.org","phone":"01632 960001",
    "opening_hours":"Weekdays","crime_types":["fraud"],"audiences":["adults"],
    "kinds_of_help":["advocacy","helpline"],"local_authorities":["E08000001"],
    "self_referral":false,"minimum_age":18,"maximum_age":65,
    "illustrative_contact_details":true}]})");
  ASSERT_TRUE(parsed.has_value());
  ASSERT_EQ(parsed->services.size(), 1u);
  const auto& s = parsed->services[0];
  EXPECT_EQ(s.id, "s1");
  EXPECT_EQ(s.organization_id, "o1");
  EXPECT_EQ(s.name, "Invented Help");
  EXPECT_EQ(s.description, "For testing");
  EXPECT_EQ(s.status, "inactive");
  EXPECT_EQ(s.url, "https://example.org/x");
  EXPECT_EQ(s.email, "x@example.org");
  EXPECT_EQ(s.phone, "01632 960001");
  EXPECT_EQ(s.opening_hours, "Weekdays");
  EXPECT_EQ(s.crime_types, (std::vector<std::string>{"fraud"}));
  EXPECT_EQ(s.audiences, (std::vector<std::string>{"adults"}));
  EXPECT_EQ(s.kinds_of_help, (std::vector<std::string>{"advocacy", "helpline"}));
  EXPECT_EQ(s.local_authorities, (std::vector<std::string>{"E08000001"}));
  EXPECT_FALSE(s.self_referral);
  EXPECT_EQ(s.minimum_age, 18);
  EXPECT_EQ(s.maximum_age, 65);
  EXPECT_TRUE(s.illustrative_contact_details);
}

TEST(AreaDirectoryFileTest, OptionalFieldsMayBeLeftOut) {
  const auto parsed = parse_area_directory(R"({"services":[
    {"id":"s1","organization_id":"o1","name":"N","description":"D"}]})");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->organizations.empty());
  const auto& s = parsed->services.at(0);
  EXPECT_EQ(s.status, "");  // blank here; the admin checks decide
  EXPECT_TRUE(s.crime_types.empty());
  EXPECT_FALSE(s.self_referral);
  EXPECT_EQ(s.minimum_age, std::nullopt);
  EXPECT_EQ(s.maximum_age, std::nullopt);
}

TEST(AreaDirectoryFileTest, AnEmptyObjectIsAnEmptyDirectory) {
  const auto parsed = parse_area_directory("{}");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->organizations.empty());
  EXPECT_TRUE(parsed->services.empty());
}

TEST(AreaDirectoryFileTest, NotJsonOrNotAnObject) {
  const auto not_json = parse_area_directory("{");
  ASSERT_FALSE(not_json.has_value());
  EXPECT_EQ(not_json.error().code, "validation_failed");
  EXPECT_EQ(not_json.error().message, "Not JSON");
  ASSERT_EQ(not_json.error().fields.size(), 1u);
  EXPECT_EQ(not_json.error().fields[0].field, "$");
  EXPECT_EQ(not_json.error().fields[0].code, "json");

  const auto list = parse_area_directory("[]");
  ASSERT_FALSE(list.has_value());
  EXPECT_EQ(list.error().message, "Not an area directory");
  EXPECT_EQ(fields_of(list.error()), (std::vector<std::string>{"$ type must be an object"}));
}

TEST(AreaDirectoryFileTest, EveryMistakeIsNamedAtItsPath) {
  const auto parsed = parse_area_directory(R"({
    "organizations":[{"name":"No id"}, 7],
    "services":[
      {"id":"s1","organization_id":"o1","name":"N","description":"D","minimum_age":"18",
       "maximum_age":17.5,"self_referral":"yes","crime_types":"fraud","audiences":["adults",3],
       "phone":12345}]})");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, "validation_failed");
  EXPECT_EQ(parsed.error().message, "The area directory file is not valid");
  EXPECT_EQ(fields_of(parsed.error()),
            (std::vector<std::string>{
                "$.organizations[0].id required is required",
                "$.organizations[0].description required is required",
                "$.organizations[1] type must be an object",
                "$.services[0].phone type must be text",
                "$.services[0].crime_types type must be a list of text",
                "$.services[0].audiences type must be a list of text",
                "$.services[0].self_referral type must be true or false",
                "$.services[0].minimum_age type must be a whole number",
                "$.services[0].maximum_age type must be a whole number",
            }));
}

// A typo's huge number must not wrap round into a believable age (4294967312 is 2^32 + 16).
TEST(AreaDirectoryFileTest, AnAgeOutsideZeroTo200IsAnErrorNotAWrappedNumber) {
  const auto parsed = parse_area_directory(R"({"organizations":[],"services":[
      {"id":"s1","organization_id":"o1","name":"N","description":"D",
       "minimum_age":4294967312,"maximum_age":-1},
      {"id":"s2","organization_id":"o1","name":"N","description":"D",
       "minimum_age":0,"maximum_age":200}]})");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(fields_of(parsed.error()),
            (std::vector<std::string>{
                "$.services[0].minimum_age range must be an age from 0 to 200",
                "$.services[0].maximum_age range must be an age from 0 to 200",
            }));
}

TEST(AreaDirectoryFileTest, ListsMustBeLists) {
  const auto parsed = parse_area_directory(R"({"organizations":{},"services":"none"})");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(fields_of(parsed.error()),
            (std::vector<std::string>{"$.organizations type must be a list",
                                      "$.services type must be a list"}));
}

}  // namespace
}  // namespace vg::app
