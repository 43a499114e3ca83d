// Intake routes with the rule set in force in the store, and each referral names its version.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "app/intake/area_packs.h"
#include "intake_store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace json = boost::json;

constexpr const char* kReferral = R"({
  "channel": "phone", "received_at": "2026-11-23T10:00:00Z", "area": "merseyside",
  "local_authority": "E08000012", "offence_category": "burglary_residential",
  "victim": {"type": "person", "name": "Jamie Inventedname", "age": 40}})";

class IntakeRuleSetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder per test and process: ctest runs the tests of this file side by side.
    config_ = fs::path(::testing::TempDir()) /
              ("intake_rule_sets_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
               "_" + std::to_string(::getpid()));
    fs::remove_all(config_);
    fs::copy(fs::path(VG_SOURCE_DIR) / "config", config_, fs::copy_options::recursive);
    testing::open_migrated_store(store_);
    intake_ = std::make_unique<testing::Intake>(*store_, clock_, config_.string());
  }
  void TearDown() override { fs::remove_all(config_); }

  void write_version(const std::string& version) {
    const auto file = config_ / "areas/merseyside/routing.json";
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    auto pack = json::parse(text.str()).as_object();
    pack["version"] = version;
    std::ofstream(file, std::ios::trunc) << json::serialize(pack);
  }

  std::string version_of_new_referral() {
    auto answer = intake_->referrals.preview(kReferral);
    EXPECT_TRUE(answer.has_value()) << (answer ? "" : answer.error().message);
    return answer ? std::string(answer->at("rule_set_version").as_string()) : "";
  }

  fs::path config_;
  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<testing::Intake> intake_;
};

TEST_F(IntakeRuleSetsTest, TheFirstUseOfAnAreaLoadsItsFileAsTheFirstVersion) {
  const std::string first = version_of_new_referral();
  EXPECT_FALSE(first.empty());
  auto current = store_->rule_sets().current_rule_set("merseyside").value();
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(current->version, first);
  EXPECT_EQ(current->loaded_by, "system:intake");
}

TEST_F(IntakeRuleSetsTest, ANewlyLoadedVersionRoutesAtOnceInThisProcess) {
  version_of_new_referral();
  write_version("2099-01-01.1");
  auto loaded = intake_->packs.load_rule_sets("system:test", "merseyside");
  ASSERT_TRUE(loaded.has_value());
  EXPECT_TRUE(loaded->front().added);
  EXPECT_EQ(version_of_new_referral(), "2099-01-01.1");
}

TEST_F(IntakeRuleSetsTest, AVersionLoadedByAnotherProcessIsUsedWithinSeconds) {
  const std::string first = version_of_new_referral();
  write_version("2099-01-01.2");
  // Another process (a `rules load` run) loads the new version into the shared store.
  AreaPacks other(*store_, clock_, config_.string());
  ASSERT_TRUE(other.load_rule_sets("system:rules-load", "merseyside").has_value());
  EXPECT_EQ(version_of_new_referral(), first);  // still the copy it holds
  clock_.advance(6s);
  EXPECT_EQ(version_of_new_referral(), "2099-01-01.2");
}

TEST_F(IntakeRuleSetsTest, AnUnknownAreaIsAFieldError) {
  auto pack = intake_->packs.area_pack("atlantis");
  ASSERT_FALSE(pack.has_value());
  EXPECT_EQ(pack.error().code, "validation_failed");
  EXPECT_TRUE(store_->rule_sets().list_rule_sets("atlantis").value().empty());
}

}  // namespace
}  // namespace vg::app
