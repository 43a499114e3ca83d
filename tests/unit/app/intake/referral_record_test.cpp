// The stored form of a referral that passed every check: the fields it is kept under, the
// reference prefix (area and the Europe/London year it was received) and the victim key that
// recognises the same victim again without ever holding who they are. People invented.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>

#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/area_pack.h"
#include "app/intake/referral_json.h"
#include "app/intake/referral_record.h"
#include "app/intake/routed_referral.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

const std::string kConfig = std::string(VG_SOURCE_DIR) + "/config";
const std::string kOrganisation = "7a1c0e52-3d4b-4c1e-9f00-0000000000d1";

const std::string kDocument = R"({
    "channel": "police", "area": "merseyside", "reported_to_police": true,
    "police_force_code": "E23000004", "crime_reference": "MP/1",
    "incident_date": "2026-11-20", "date_reported": "2026-11-21", "offence_category": "rape",
    "flags": {"sexual_offence": true, "domestic_abuse": true}, "local_authority": "E08000012",
    "victim": {"type": "person", "name": "Robin Inventedname", "date_of_birth": "1990-04-05",
               "phone": "07700900123", "address": "1 Invented Street"},
    "consent": {"basis": "explicit_consent", "captured_by": "police:E23000004",
                "captured_at": "2026-11-21T14:00:00Z", "method": "police_form"}})";

const intake::Instant kReceived = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h;

intake::Referral read_referral(const std::string& text = kDocument) {
  auto referral = referral_from_json(json::parse(text).as_object(), "$");
  EXPECT_TRUE(referral.has_value()) << referral.error().message;
  referral->received_at = kReceived;
  return *referral;
}

class ReferralRecordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pack = load_area_pack(kConfig, "merseyside");
    ASSERT_TRUE(pack.has_value()) << pack.error().message;
    pack_ = std::move(*pack);
  }

  RoutedReferral route(const intake::Referral& referral) {
    auto routed = assess_and_route(pack_, pack_.services, referral, england_and_wales_bank_holidays(), true);
    EXPECT_TRUE(routed.has_value()) << routed.error().message;
    return *routed;
  }

  AreaPack pack_;
};

TEST_F(ReferralRecordTest, KeepsTheDecisionTheSenderAndTheDocumentAsSent) {
  const auto referral = read_referral();
  const auto routed = route(referral);
  const auto stored = stored_referral(referral, routed, pack_, kOrganisation, kDocument);

  EXPECT_EQ(stored.id.size(), 36u);
  EXPECT_EQ(stored.id[14], '7') << "a time-ordered (version 7) UUID: " << stored.id;
  EXPECT_EQ(stored.reference, "") << "the store numbers it";
  EXPECT_EQ(stored.area, "merseyside");
  EXPECT_EQ(stored.channel, "police");
  EXPECT_EQ(stored.received_at, kReceived);
  EXPECT_EQ(stored.source_organisation_id, kOrganisation);
  EXPECT_EQ(stored.police_force_code, "E23000004");
  EXPECT_EQ(stored.crime_reference, "mp/1");
  EXPECT_EQ(stored.victim_key, victim_key(referral));
  EXPECT_EQ(stored.consent_state, "consented");
  EXPECT_EQ(stored.consent_state, consent_state_code(routed.assessment.consent.state));
  EXPECT_EQ(stored.outcome, routing::outcome_code(routed.decision.outcome));
  EXPECT_EQ(stored.service_id, routed.decision.service_id);
  EXPECT_EQ(stored.rule_set_version, routed.decision.rule_set_version);
  EXPECT_FALSE(stored.rule_set_version.empty());
  EXPECT_EQ(stored.document, kDocument);
  EXPECT_EQ(json::parse(stored.assessment), json::value(routed_referral_json(routed, pack_)));
  EXPECT_EQ(stored.possible_duplicate_of, "");
}

TEST_F(ReferralRecordTest, EachStoredReferralHasItsOwnId) {
  const auto referral = read_referral();
  const auto routed = route(referral);
  EXPECT_NE(stored_referral(referral, routed, pack_, kOrganisation, kDocument).id,
            stored_referral(referral, routed, pack_, kOrganisation, kDocument).id);
}

TEST_F(ReferralRecordTest, TheCrimeReferenceIsKeptInOneCaseAndSpacing) {
  auto referral = read_referral();
  referral.crime_reference = "  MP   /1X  ";
  const auto stored = stored_referral(referral, route(referral), pack_, kOrganisation, kDocument);
  EXPECT_EQ(stored.crime_reference, "mp /1x");
}

TEST_F(ReferralRecordTest, NotReportedToThePoliceHasNoDuplicateKey) {
  // A partner's referral of a crime the victim did not report (it still names a force).
  auto referral = read_referral();
  referral.channel = intake::Channel::kPartner;
  referral.reported_to_police = false;
  referral.crime_reference.clear();
  const auto routed = route(referral);
  const auto stored = stored_referral(referral, routed, pack_, kOrganisation, "{}");
  EXPECT_EQ(stored.channel, "partner");
  EXPECT_EQ(stored.police_force_code, "");
  EXPECT_EQ(stored.crime_reference, "");
  EXPECT_EQ(stored.victim_key, "");
}

TEST_F(ReferralRecordTest, TheAssessmentHoldsNoneOfTheVictimsDetails) {
  const auto referral = read_referral();
  const auto stored = stored_referral(referral, route(referral), pack_, kOrganisation, kDocument);
  for (const std::string secret : {"Robin", "Inventedname", "07700900123", "Invented Street", "1990-04-05"}) {
    EXPECT_EQ(stored.assessment.find(secret), std::string::npos) << secret;
  }
}

TEST(ReferenceParts, ThePrefixIsTheAreasWithTheLondonYear) {
  auto pack = load_area_pack(kConfig, "merseyside");
  ASSERT_TRUE(pack.has_value()) << pack.error().message;
  using std::chrono::sys_days;
  using std::chrono::year;
  EXPECT_EQ(reference_prefix(*pack, sys_days{year{2026} / 11 / 23} + 10h), "MY-2026-");
  // London keeps GMT in winter: the last half hour of the year is still that year there...
  EXPECT_EQ(reference_prefix(*pack, sys_days{year{2026} / 12 / 31} + 23h + 30min), "MY-2026-");
  // ...and the first minutes of the next are the next year.
  EXPECT_EQ(reference_prefix(*pack, sys_days{year{2027} / 1 / 1} + 0h + 10min), "MY-2027-");
  // In summer London is an hour ahead: 23:30 UTC on 30 June is already 1 July there (same year).
  EXPECT_EQ(reference_prefix(*pack, sys_days{year{2026} / 6 / 30} + 23h + 30min), "MY-2026-");

  auto other = load_area_pack(kConfig, "greater-manchester");
  ASSERT_TRUE(other.has_value()) << other.error().message;
  EXPECT_EQ(reference_prefix(*other, sys_days{year{2026} / 11 / 23}), "GM-2026-");
}

TEST(VictimKey, IsAKnownHashOfTheNormalisedNameAndDateOfBirth) {
  // sha256("person|robin inventedname|1990-4-5"), worked out outside the code: keys already
  // stored must keep matching.
  EXPECT_EQ(victim_key(read_referral()), "ac49b476de5f3fb4424c4a297a5787bae0db1ee25528946c1864f7224a215408");
}

TEST(VictimKey, IgnoresCaseAndSpacingOfTheName) {
  auto a = read_referral();
  auto b = read_referral();
  b.person.name = "  ROBIN \t  inventedNAME ";
  EXPECT_EQ(victim_key(a), victim_key(b));
  b.person.name = "Robin Inventedname2";
  EXPECT_NE(victim_key(a), victim_key(b));
  b.person.name = "RobinInventedname";
  EXPECT_NE(victim_key(a), victim_key(b)) << "a space between words still counts";
}

TEST(VictimKey, DiffersByDateOfBirth) {
  auto a = read_referral();
  auto b = read_referral();
  b.person.date_of_birth = std::chrono::year{1990} / 4 / 6;
  EXPECT_NE(victim_key(a), victim_key(b));
  b.person.date_of_birth.reset();
  EXPECT_NE(victim_key(a), victim_key(b));
}

TEST(VictimKey, ABusinessIsNeverThePersonOfTheSameName) {
  auto person = read_referral();
  person.person.name = "Invented Traders Ltd";
  person.person.date_of_birth.reset();
  auto business = person;
  business.victim_type = intake::VictimType::kBusiness;
  business.business.name = "  INVENTED  traders ltd";
  EXPECT_NE(victim_key(person), victim_key(business));
  // sha256("business|invented traders ltd"), worked out outside the code.
  EXPECT_EQ(victim_key(business), "a338aca93415249f9fa7f7c79f2b3fc00a077673f41f51105ef082f2e216b8a0");
  auto other = business;
  other.business.name = "Other Invented Traders";
  EXPECT_NE(victim_key(business), victim_key(other));
}

TEST(VictimKey, NeverHoldsTheName) {
  const auto key = victim_key(read_referral());
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos) << key;
  EXPECT_EQ(key.find("robin"), std::string::npos);
  EXPECT_EQ(key.find("Robin"), std::string::npos);
}

}  // namespace
}  // namespace vg::app
