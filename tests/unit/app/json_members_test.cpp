// Reading the members of a hand-written JSON file's object: each problem named at its path.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/json_members.h"

namespace vg::app {
namespace {

namespace json = boost::json;

std::map<std::string, std::string> codes(const std::vector<FieldError>& errors) {
  std::map<std::string, std::string> out;
  for (const auto& e : errors) out[e.field] = e.code;
  return out;
}

TEST(JsonMembers, ReadsEachKindAndNamesWrongOnesByPath) {
  const auto o = json::parse(R"({"name":"A","flag":true,"n":3,"list":[1],"obj":{},)"
                             R"("bad_name":1,"bad_flag":"yes","bad_n":1.5,"bad_list":{},"bad_obj":[]})")
                     .as_object();
  std::vector<FieldError> errors;
  JsonMembers m(o, "$.items[2]", errors);
  EXPECT_EQ(m.text("name"), "A");
  EXPECT_TRUE(m.flag("flag"));
  EXPECT_EQ(m.whole_number("n", "type", "must be a whole number"), 3);
  EXPECT_NE(m.list("list", "must be a list"), nullptr);
  EXPECT_NE(m.object("obj"), nullptr);
  EXPECT_TRUE(errors.empty());

  EXPECT_EQ(m.text("bad_name"), "");
  EXPECT_FALSE(m.flag("bad_flag"));
  EXPECT_EQ(m.whole_number("bad_n", "range", "must be a whole number from 1 to 9"), std::nullopt);
  EXPECT_EQ(m.list("bad_list", "must be a list"), nullptr);
  EXPECT_EQ(m.object("bad_obj"), nullptr);
  auto found = codes(errors);
  EXPECT_EQ(found["$.items[2].bad_name"], "type");
  EXPECT_EQ(found["$.items[2].bad_flag"], "type");
  EXPECT_EQ(found["$.items[2].bad_n"], "range");
  EXPECT_EQ(found["$.items[2].bad_list"], "type");
  EXPECT_EQ(found["$.items[2].bad_obj"], "type");
}

TEST(JsonMembers, AbsentIsEmptyUnlessRequired) {
  const auto o = json::object{};
  std::vector<FieldError> errors;
  JsonMembers m(o, "$", errors);
  EXPECT_EQ(m.text("optional"), "");
  EXPECT_FALSE(m.flag("flag"));
  EXPECT_EQ(m.list("list", "must be a list"), nullptr);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(m.text("name", true), "");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "$.name");
  EXPECT_EQ(errors[0].code, "required");
}

TEST(JsonMembers, AMisspeltMemberIsRefusedWithTheOnesThereAre) {
  const auto o = json::parse(R"({"optinal":true,"text":"x"})").as_object();
  std::vector<FieldError> errors;
  JsonMembers m(o, "$.questions[0]", errors);
  m.refuse_unknown({"text", "optional"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "$.questions[0].optinal");
  EXPECT_EQ(errors[0].code, "unknown");
  EXPECT_EQ(errors[0].message, "is not a member here; the members are text, optional");
}

}  // namespace
}  // namespace vg::app
