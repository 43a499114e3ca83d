// Self-referral drafts and sending: sealed drafts, one referral per draft, per-address limits.
#include "app/intake/self_referral_service.h"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <boost/json.hpp>

#include <cstdio>

#include <unistd.h>

#include "intake_store.h"
#include "store/open/open_store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;
namespace sr = self_referral;

class SelfReferralServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::open_migrated_store(store_);
    intake_ = std::make_unique<testing::Intake>(*store_, clock_, std::string(VG_SOURCE_DIR) + "/config");
    SelfReferralLimits limits;
    limits.drafts_per_hour = 3;
    limits.referrals_per_hour = 2;
    service_ = std::make_unique<SelfReferralService>(*store_, clock_, intake_->referrals, limits);
  }

  static sr::Answers complete() {
    const std::chrono::year_month_day today{std::chrono::year(2026), std::chrono::November, std::chrono::day(23)};
    sr::Answers a;
    auto put = [&](std::string_view slug, sr::FormFields form) {
      EXPECT_TRUE(sr::record_answer(*sr::find_question(slug), form, a, today).empty()) << slug;
    };
    put("safe-to-contact", {{"safe_to_contact", "yes"}});
    put("contact", {{"contact_methods", "text"}, {"mobile", "07700 900 982"}});
    put("contact-times", {{"contact_times", "after 6pm"}});
    put("who", {{"victim_type", "person"}});
    put("name", {{"name", "Sam Inventedname"}});
    put("date-of-birth", {{"date_of_birth-day", "1"}, {"date_of_birth-month", "5"}, {"date_of_birth-year", "1980"}});
    put("what-happened", {{"what_happened", "burglary"}});
    put("where", {{"local_authority", "E08000003"}});
    put("police", {{"reported", "no"}});
    put("when", {});
    put("support", {{"support_needs", "none"}});
    put("account", {{"account", ""}});
    put("consent", {{"consent", "yes"}});
    return a;
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<testing::Intake> intake_;
  std::unique_ptr<SelfReferralService> service_;
};

TEST_F(SelfReferralServiceTest, ADraftComesBackOnlyWithItsOwnToken) {
  auto token = service_->start("192.0.2.1");
  ASSERT_TRUE(token.has_value());
  sr::Answers a;
  a["name"] = "Sam Inventedname";
  ASSERT_TRUE(service_->save(*token, a).has_value());
  EXPECT_EQ(service_->load(*token).value()->at("name").as_string(), "Sam Inventedname");
  std::string other = *token;
  other[0] = other[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(service_->load(other).value(), std::nullopt);
  EXPECT_EQ(service_->load("not-a-token").value(), std::nullopt);
}

TEST(SelfReferralDrafts, TheDatabaseHoldsTheDraftSealedNeverTheAnswersOrTheToken) {
  const std::string path = ::testing::TempDir() + "/self_referral_drafts_test_" + std::to_string(::getpid()) + ".db";
  std::remove(path.c_str());
  auto opened = store::open_store("sqlite:" + path, 2);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  ASSERT_TRUE((*opened)->migrate().has_value());
  FixedClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  testing::Intake intake(**opened, clock, std::string(VG_SOURCE_DIR) + "/config");
  SelfReferralService service(**opened, clock, intake.referrals);
  auto token = service.start("192.0.2.1");
  ASSERT_TRUE(token.has_value());
  ASSERT_TRUE(service.save(*token, sr::Answers{{"name", "Sam Inventedname"}}).has_value());

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT id_hash, sealed FROM form_drafts", -1, &stmt, nullptr), SQLITE_OK);
  int rows = 0;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    ++rows;
    const std::string id_hash = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    const std::string sealed = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
    EXPECT_NE(id_hash, *token);
    EXPECT_EQ(sealed.find("Inventedname"), std::string::npos);
    EXPECT_EQ(sealed.find("name"), std::string::npos);
    EXPECT_GT(sealed.size(), 40u);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  EXPECT_EQ(rows, 1);
  EXPECT_EQ(service.load(*token).value()->at("name").as_string(), "Sam Inventedname");
  std::remove(path.c_str());
}

TEST_F(SelfReferralServiceTest, DraftsExpireTwoHoursAfterTheLastAnswer) {
  auto token = service_->start("192.0.2.1");
  ASSERT_TRUE(token.has_value());
  clock_.advance(119min);
  ASSERT_TRUE(service_->save(*token, sr::Answers{{"name", "x"}}).has_value());
  clock_.advance(119min);
  EXPECT_TRUE(service_->load(*token).value().has_value());
  clock_.advance(2min);
  EXPECT_FALSE(service_->load(*token).value().has_value());
}

TEST_F(SelfReferralServiceTest, SendingStoresOneSelfReferralAndKeepsOnlyItsReference) {
  auto token = service_->start("192.0.2.1");
  ASSERT_TRUE(service_->save(*token, complete()).has_value());
  auto sent = service_->submit(*token, "192.0.2.1");
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(sent->reference, "GM-2026-000001");
  EXPECT_EQ(sent->contact_by, "2026-11-25");  // 2 working days after Monday 23 November
  EXPECT_FALSE(sent->held_for_consent);
  auto stored = store_->referrals().find_by_reference(sent->reference).value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->channel, "self");
  EXPECT_EQ(stored->consent_state, "consented");
  // The draft now holds the reference only: the answers are gone.
  auto after = service_->load(*token).value();
  ASSERT_TRUE(after.has_value());
  EXPECT_FALSE(after->contains("name"));
  EXPECT_EQ(service_->submitted(*token).value()->reference, "GM-2026-000001");
  // What the confirmation says about the contact to come is kept, and no contact detail.
  auto kept = service_->submitted(*token).value();
  EXPECT_EQ(kept->contact_methods, std::vector<std::string>{"text"});
  EXPECT_TRUE(kept->contact_times_given);
  EXPECT_EQ(kept->area, "greater-manchester");
  const std::string draft = boost::json::serialize(*service_->load(*token).value());
  EXPECT_EQ(draft.find("07700"), std::string::npos);
  EXPECT_EQ(draft.find("after 6pm"), std::string::npos);
  // A second send (double click, refresh) adds nothing.
  auto again = service_->submit(*token, "192.0.2.1");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_EQ(store_->referrals().count().value(), 1);
}

TEST_F(SelfReferralServiceTest, AnUnfinishedDraftCannotBeSent) {
  auto token = service_->start("192.0.2.1");
  auto a = complete();
  a.erase("consent");
  ASSERT_TRUE(service_->save(*token, a).has_value());
  auto sent = service_->submit(*token, "192.0.2.1");
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, "validation_failed");
  EXPECT_EQ(store_->referrals().count().value(), 0);
  EXPECT_TRUE(service_->load(*token).value()->contains("name"));
}

TEST_F(SelfReferralServiceTest, StartingDraftsIsLimitedPerAddressPerHour) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(service_->start("192.0.2.1").has_value());
  auto fourth = service_->start("192.0.2.1");
  ASSERT_FALSE(fourth.has_value());
  EXPECT_EQ(fourth.error().code, "rate_limited");
  EXPECT_TRUE(service_->start("198.51.100.7").has_value());  // another address
  clock_.advance(1h);
  EXPECT_TRUE(service_->start("192.0.2.1").has_value());  // the next hour
}

TEST_F(SelfReferralServiceTest, SendingIsLimitedPerAddressAndALimitedDraftIsKept) {
  std::vector<std::string> tokens;
  for (int i = 0; i < 3; ++i) {
    auto token = service_->start(i < 2 ? "192.0.2.1" : "192.0.2.2");
    ASSERT_TRUE(token.has_value());
    auto a = complete();
    a["name"] = "Sam Inventedname " + std::to_string(i);
    ASSERT_TRUE(service_->save(*token, a).has_value());
    tokens.push_back(*token);
  }
  ASSERT_TRUE(service_->submit(tokens[0], "192.0.2.1").has_value());
  ASSERT_TRUE(service_->submit(tokens[1], "192.0.2.1").has_value());
  auto third = service_->submit(tokens[2], "192.0.2.1");  // sent from the first address again
  ASSERT_FALSE(third.has_value());
  EXPECT_EQ(third.error().code, "rate_limited");
  EXPECT_TRUE(service_->load(tokens[2]).value()->contains("name"));
  EXPECT_EQ(store_->referrals().count().value(), 2);
}

// Processes that share a database and an address key share the limits; without a key each
// process hashes addresses with its own random key, so neither can match the other's counts
// (nor can anyone reading the database match them to an address).
TEST_F(SelfReferralServiceTest, ServicesShareLimitsOnlyWhenTheyShareTheAddressKey) {
  auto with_key = [&](std::string key) {
    SelfReferralLimits limits;
    limits.drafts_per_hour = 3;
    limits.address_key = std::move(key);
    return std::make_unique<SelfReferralService>(*store_, clock_, intake_->referrals, limits);
  };
  const std::string key(40, 'k');
  auto first = with_key(key);
  auto second = with_key(key);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(first->start("192.0.2.9").has_value());
  auto shared = second->start("192.0.2.9");
  ASSERT_FALSE(shared.has_value());
  EXPECT_EQ(shared.error().code, "rate_limited");

  auto other_key = with_key(std::string(40, 'q'));
  EXPECT_TRUE(other_key->start("192.0.2.9").has_value());
  auto own_random_key = with_key("");
  EXPECT_TRUE(own_random_key->start("192.0.2.9").has_value());
  EXPECT_TRUE(service_->start("192.0.2.9").has_value());  // the fixture's service: no key either
}

}  // namespace
}  // namespace vg::app
