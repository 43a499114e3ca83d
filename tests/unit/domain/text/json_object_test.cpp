// A text that must hold one JSON object: the object, or why not at "$", in the caller's words.
#include <gtest/gtest.h>

#include "domain/text/json_object.h"

namespace vg::text {
namespace {

TEST(JsonObject, AnObjectIsReadAsIs) {
  auto o = parse_json_object(R"({"a":1,"b":[true]})", "not JSON", "not an object");
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->at("a").as_int64(), 1);
}

TEST(JsonObject, NotJsonAndNotAnObjectAreSaidAtTheRoot) {
  auto broken = parse_json_object("{\"a\":", "The file is not JSON", "The file is not an object");
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().message, "The file is not JSON");
  ASSERT_EQ(broken.error().fields.size(), 1u);
  EXPECT_EQ(broken.error().fields[0].field, "$");
  EXPECT_EQ(broken.error().fields[0].code, "json");

  auto list = parse_json_object("[1,2]", "The file is not JSON", "The file is not an object");
  ASSERT_FALSE(list.has_value());
  EXPECT_EQ(list.error().message, "The file is not an object");
  EXPECT_EQ(list.error().fields.at(0).code, "type");
}

}  // namespace
}  // namespace vg::text
