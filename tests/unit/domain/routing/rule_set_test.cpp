#include "domain/routing/rule_set.h"

#include <gtest/gtest.h>

#include "domain/routing/rule_labels.h"

#include <map>

namespace vg::routing {
namespace {

constexpr const char* kService = "b557d28f-f4c7-4b0b-a461-5828f93b49f5";

std::map<std::string, std::string> field_codes(const Error& e) {
  std::map<std::string, std::string> out;
  for (const auto& f : e.fields) out[f.field] = f.code;
  return out;
}

TEST(RuleSetParse, ReadsRulesInOrderWithServicesByPriority) {
  auto set = parse_rule_set(R"({"area":"merseyside","version":"1","reference_prefix":"MY","fallback_service":")" +
                            std::string(kService) + R"(",
    "capacity": {")" + kService + R"(": 12},
    "rules":[{"id":"a","explain":"A","when":{"flags":["hate_crime"],"age_bands":["under_18"]},
              "services":[{"service":"e9b69224-7e3f-49ac-bf4f-f648f58e8927","priority":2},
                          {"service":")" + kService + R"(","priority":1}]},
             {"id":"b","explain":"B","services":[{"service":")" + kService + R"("}]}]})", {});
  ASSERT_TRUE(set.has_value()) << set.error().message;
  ASSERT_EQ(set->rules.size(), 2u);
  EXPECT_EQ(set->rules[0].id, "a");
  EXPECT_EQ(set->rules[0].services[0].service_id, kService);  // priority 1 first
  EXPECT_EQ(set->rules[1].services[0].priority, 1);            // default priority
  EXPECT_EQ(set->capacity.at(0).second, 12);
  EXPECT_EQ(set->service_levels.police_referral_working_days, 2);  // the Victims' Code default
}

TEST(RuleSetParse, EveryMistakeIsNamedByPath) {
  auto set = parse_rule_set(R"({"area":"x","reference_prefix":"my-","fallback_service":"not-a-uuid",
    "rules":[{"id":"a","explain":"A","when":{"flags":["burglary"],"age_bands":["child"],"colour":"red"},
              "services":[]},
             {"id":"a","services":[{"service":"e9b69224-7e3f-49ac-bf4f-f648f58e8927","priority":0}]}]})", {});
  ASSERT_FALSE(set.has_value());
  auto codes = field_codes(set.error());
  EXPECT_EQ(codes["$.version"], "required");
  EXPECT_EQ(codes["$.reference_prefix"], "malformed");
  EXPECT_EQ(codes["$.fallback_service"], "malformed");
  EXPECT_EQ(codes["$.rules[0].when.flags[0]"], "unknown");
  EXPECT_EQ(codes["$.rules[0].when.age_bands[0]"], "unknown");
  EXPECT_EQ(codes["$.rules[0].when.colour"], "unknown");  // a misspelt condition is not ignored
  EXPECT_EQ(codes["$.rules[0].services"], "required");
  EXPECT_EQ(codes["$.rules[1].id"], "duplicate");
  EXPECT_EQ(codes["$.rules[1].explain"], "required");
  EXPECT_EQ(codes["$.rules[1].services[0].priority"], "out_of_range");
}

TEST(RuleSetParse, ReferDirectlyIsReadPerServiceChoice) {
  auto set = parse_rule_set(R"({"area":"merseyside","version":"1","reference_prefix":"MY","fallback_service":")" +
                            std::string(kService) + R"(",
    "rules":[{"id":"a","explain":"A","services":[{"service":")" + kService + R"(","refer_directly":true},
                          {"service":"e9b69224-7e3f-49ac-bf4f-f648f58e8927","priority":2}]}]})", {});
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_TRUE(set->rules[0].services[0].refer_directly);
  EXPECT_FALSE(set->rules[0].services[1].refer_directly);  // not said: not direct
}

TEST(RuleSetParse, AMisspeltOrMistypedReferDirectlyIsRefused) {
  auto set = parse_rule_set(R"({"area":"merseyside","version":"1","reference_prefix":"MY","fallback_service":")" +
                            std::string(kService) + R"(",
    "rules":[{"id":"a","explain":"A","services":[{"service":")" + kService + R"(","refer_direct":true},
                          {"service":")" + kService + R"(","refer_directly":"yes"}]}]})", {});
  ASSERT_FALSE(set.has_value());
  auto codes = field_codes(set.error());
  EXPECT_EQ(codes["$.rules[0].services[0].refer_direct"], "unknown");
  EXPECT_EQ(codes["$.rules[0].services[1].refer_directly"], "type");
}

TEST(RuleSetParse, NotJsonIsRefused) {
  auto set = parse_rule_set("{rules:", {});
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().fields.at(0).field, "$");
}

}  // namespace
}  // namespace vg::routing
