// API keys for referral senders: a key works until revoked; a key found valid is trusted for a
// second, so a revocation by another process (another ApiKeys on the same database) takes
// effect within that second, and one through the same service at once. Organisations invented.
#include <gtest/gtest.h>

#include "app/intake/api_keys.h"
#include "intake_store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;

const std::string kPolice = "7a1c0e52-3d4b-4c1e-9f00-0000000000bb";

class IntakeApiKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::open_migrated_store(store_);
    testing::add_police_organisation(*store_, kPolice);
    server_ = std::make_unique<ApiKeys>(*store_, clock_);
    other_process_ = std::make_unique<ApiKeys>(*store_, clock_);
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ApiKeys> server_;
  std::unique_ptr<ApiKeys> other_process_;
};

TEST_F(IntakeApiKeysTest, AKeyWorksForItsOrganisationAndAWrongSecretDoesNot) {
  auto made = server_->create_api_key(kPolice, "case system", "test");
  ASSERT_TRUE(made.has_value()) << made.error().message;
  auto key = server_->authenticate(made->secret);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->organisation_id, kPolice);
  EXPECT_EQ(server_->authenticate(made->secret + "x").error().code, "unauthorized");
  EXPECT_EQ(server_->authenticate("short").error().code, "unauthorized");
}

TEST_F(IntakeApiKeysTest, RevokedThroughTheSameServiceAKeyStopsAtOnce) {
  auto made = server_->create_api_key(kPolice, "case system", "test");
  ASSERT_TRUE(made.has_value());
  ASSERT_TRUE(server_->authenticate(made->secret).has_value());  // now trusted for a second
  ASSERT_TRUE(server_->revoke_api_key(made->key.id, "test").has_value());
  EXPECT_EQ(server_->authenticate(made->secret).error().code, "unauthorized");
}

TEST_F(IntakeApiKeysTest, RevokedElsewhereAKeyStopsWithinASecond) {
  auto made = server_->create_api_key(kPolice, "case system", "test");
  ASSERT_TRUE(made.has_value());
  ASSERT_TRUE(server_->authenticate(made->secret).has_value());
  ASSERT_TRUE(other_process_->revoke_api_key(made->key.id, "test").has_value());
  EXPECT_TRUE(server_->authenticate(made->secret).has_value());  // still within its second
  clock_.advance(1s);
  EXPECT_EQ(server_->authenticate(made->secret).error().code, "unauthorized");
  EXPECT_EQ(other_process_->authenticate(made->secret).error().code, "unauthorized");
}

}  // namespace
}  // namespace vg::app
