// A referral taken through an area pack: the pack it names (a missing or unknown area is reported
// with every other field error, as JSON paths), the result as JSON (never the victim's details)
// and each consent state's stable code. People invented.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <memory>

#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/area_pack.h"
#include "app/intake/referral_json.h"
#include "app/intake/routed_referral.h"
#include "support/field_errors.h"

namespace vg::app {
namespace {

using vg::testing::has_error;
using vg::testing::fields_of;

using namespace std::chrono_literals;
namespace json = boost::json;

const std::string kConfig = std::string(VG_SOURCE_DIR) + "/config";

// A Merseyside police referral of a rape and domestic abuse, with the victim's contact details.
json::object referral_body() {
  return json::parse(R"({
    "channel": "police", "area": "merseyside", "reported_to_police": true,
    "police_force_code": "E23000004", "crime_reference": "MP/7",
    "incident_date": "2026-11-20", "date_reported": "2026-11-21", "offence_category": "rape",
    "flags": {"sexual_offence": true, "domestic_abuse": true}, "local_authority": "E08000012",
    "account": "An invented account of what happened",
    "victim": {"type": "person", "name": "Alexis Madeupperson", "date_of_birth": "1985-02-03",
               "phone": "07700900456", "email": "alexis@example.invalid",
               "address": "22 Fictional Road", "postcode": "L1 8JQ"},
    "consent": {"basis": "explicit_consent", "captured_by": "police:E23000004",
                "captured_at": "2026-11-21T14:00:00Z", "method": "police_form"}})")
      .as_object();
}

intake::Referral read(const json::object& body) {
  auto referral = referral_from_json(body, "$");
  EXPECT_TRUE(referral.has_value()) << referral.error().message;
  referral->received_at = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h;
  return *referral;
}

// Knows only Merseyside, as AreaPacks does: anything else is an unknown area.
class PackFor : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pack = load_area_pack(kConfig, "merseyside");
    ASSERT_TRUE(pack.has_value()) << pack.error().message;
    pack_ = std::make_shared<const AreaPack>(std::move(*pack));
  }

  FindAreaPack find() {
    return [this](const std::string& area) -> Result<std::shared_ptr<const AreaPack>> {
      asked_.push_back(area);
      if (area == "merseyside") return pack_;
      return validation_failed({{"$.area", "unknown", "is not an area this gateway serves"}},
                               "The referral is not valid");
    };
  }

  std::shared_ptr<const AreaPack> pack_;
  std::vector<std::string> asked_;
};

TEST_F(PackFor, FindsThePackOfTheAreaNamed) {
  auto pack = pack_for(read(referral_body()), find());
  ASSERT_TRUE(pack.has_value()) << pack.error().message;
  EXPECT_EQ(pack->get(), pack_.get());
  EXPECT_EQ(asked_, std::vector<std::string>{"merseyside"});
}

TEST_F(PackFor, AMissingAreaIsRequiredAlongWithTheOtherErrors) {
  auto body = referral_body();
  body.erase("area");
  body["local_authority"] = "E99999999";
  body["victim"].as_object()["postcode"] = "NOTACODE";
  auto pack = pack_for(read(body), find());
  ASSERT_FALSE(pack.has_value());
  EXPECT_TRUE(asked_.empty()) << "no area to look for";
  EXPECT_EQ(pack.error().code, "validation_failed");
  EXPECT_TRUE(has_error(pack.error(), "$.area", "required")) << fields_of(pack.error());
  EXPECT_TRUE(has_error(pack.error(), "$.local_authority", "unknown")) << fields_of(pack.error());
  EXPECT_TRUE(has_error(pack.error(), "$.victim.postcode", "malformed")) << fields_of(pack.error());
  for (const auto& f : pack.error().fields) EXPECT_TRUE(f.field.starts_with("$")) << f.field;
}

TEST_F(PackFor, AnUnknownAreaIsSaidOnceWithTheOtherErrors) {
  auto body = referral_body();
  body["area"] = "atlantis";
  body["local_authority"] = "E99999999";
  auto pack = pack_for(read(body), find());
  ASSERT_FALSE(pack.has_value());
  EXPECT_EQ(asked_, std::vector<std::string>{"atlantis"});
  EXPECT_EQ(pack.error().code, "validation_failed");
  EXPECT_EQ(pack.error().fields.front().field, "$.area") << "the area's own error first";
  EXPECT_EQ(pack.error().fields.front().code, "unknown");
  EXPECT_TRUE(has_error(pack.error(), "$.local_authority", "unknown")) << fields_of(pack.error());
  EXPECT_FALSE(has_error(pack.error(), "$.area", "required"));
  EXPECT_EQ(std::count_if(pack.error().fields.begin(), pack.error().fields.end(),
                          [](const FieldError& f) { return f.field == "$.area"; }),
            1)
      << fields_of(pack.error());
}

TEST_F(PackFor, AnUnknownAreaOnAnOtherwiseGoodReferralHasOnlyTheAreasError) {
  auto body = referral_body();
  body["area"] = "atlantis";
  auto pack = pack_for(read(body), find());
  ASSERT_FALSE(pack.has_value());
  EXPECT_EQ(fields_of(pack.error()), "$.area unknown; ");
}

TEST_F(PackFor, AnyOtherFailureIsPassedOnAsItIs) {
  FindAreaPack broken = [](const std::string&) -> Result<std::shared_ptr<const AreaPack>> {
    return fail("internal", "The rules could not be read");
  };
  auto body = referral_body();
  body["local_authority"] = "E99999999";
  auto pack = pack_for(read(body), broken);
  ASSERT_FALSE(pack.has_value());
  EXPECT_EQ(pack.error().code, "internal");
  EXPECT_EQ(pack.error().message, "The rules could not be read");
  EXPECT_TRUE(pack.error().fields.empty()) << fields_of(pack.error());
}

class RoutedReferralJson : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pack = load_area_pack(kConfig, "merseyside");
    ASSERT_TRUE(pack.has_value()) << pack.error().message;
    pack_ = std::move(*pack);
    auto routed = assess_and_route(pack_, pack_.services, read(referral_body()),
                                   england_and_wales_bank_holidays(), true);
    ASSERT_TRUE(routed.has_value()) << routed.error().message;
    routed_ = std::move(*routed);
  }

  AreaPack pack_;
  RoutedReferral routed_;
};

TEST_F(RoutedReferralJson, SaysWhatWasDecidedAndWhy) {
  const auto o = routed_referral_json(routed_, pack_);
  EXPECT_EQ(o.at("area").as_string(), "merseyside");
  EXPECT_EQ(o.at("rule_set_version").as_string(), routed_.decision.rule_set_version);
  EXPECT_EQ(o.at("eligibility").as_string(), "eligible");
  EXPECT_EQ(o.at("age").as_int64(), 41);
  EXPECT_TRUE(o.at("enhanced_rights").as_bool()) << "a sexual offence and domestic abuse";
  EXPECT_FALSE(o.at("enhanced_reasons").as_array().empty());
  EXPECT_EQ(o.at("consent").at("state").as_string(), "consented");
  EXPECT_EQ(o.at("consent").at("state").as_string(), consent_state_code(routed_.assessment.consent.state));
  EXPECT_EQ(o.at("decision").at("outcome").as_string(), routing::outcome_code(routed_.decision.outcome));
  if (!routed_.decision.service_id.empty()) {
    EXPECT_EQ(o.at("decision").at("service").at("id").as_string(), routed_.decision.service_id);
    EXPECT_TRUE(o.at("decision").at("service").as_object().contains("name"));
  }
  EXPECT_EQ(o.at("explanation").as_array().size(), routed_.decision.explanation.size());
  EXPECT_EQ(o.at("deadlines").as_array().size(), routed_.deadlines.size());
  for (const auto& d : o.at("deadlines").as_array()) {
    EXPECT_EQ(d.at("due_date").as_string().size(), 10u) << json::serialize(d);
  }
}

TEST_F(RoutedReferralJson, NeverHoldsTheVictimsDetails) {
  const auto text = json::serialize(routed_referral_json(routed_, pack_));
  for (const std::string secret : {"Alexis", "Madeupperson", "22 Fictional Road", "Fictional", "07700900456",
                                   "alexis@example.invalid", "L1 8JQ", "1985-02-03", "invented account"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in " << text;
  }
  const auto o = routed_referral_json(routed_, pack_);
  for (const char* key : {"victim", "person", "name", "address", "phone", "email", "account", "document"}) {
    EXPECT_FALSE(o.contains(key)) << key;
  }
}

TEST_F(RoutedReferralJson, IsTheSameBuiltInAnArena) {
  unsigned char arena[16384];
  json::monotonic_resource memory(arena, sizeof arena);
  EXPECT_EQ(json::value(routed_referral_json(routed_, pack_, &memory)),
            json::value(routed_referral_json(routed_, pack_)));
}

TEST(ConsentStateCode, EachStateHasItsStableCode) {
  using assessment::ConsentState;
  EXPECT_EQ(consent_state_code(ConsentState::kReferUnlessOptedOut), "refer_unless_opted_out");
  EXPECT_EQ(consent_state_code(ConsentState::kConsented), "consented");
  EXPECT_EQ(consent_state_code(ConsentState::kAwaitingConsent), "awaiting_consent");
  EXPECT_EQ(consent_state_code(ConsentState::kOptedOut), "opted_out");
  EXPECT_EQ(consent_state_code(ConsentState::kWithdrawn), "withdrawn");
}

}  // namespace
}  // namespace vg::app
