// For casework's unit tests: a freshly migrated in-memory SQLite store holding one invented
// gateway, its Merseyside team with one advisor, and one police referral's case allocated to
// them, with its first-contact and needs-assessment clocks. Every person here is invented.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "domain/access/access_table.h"
#include "domain/casework/case_records.h"
#include "support/fixed_clock.h"
#include "unit/app/intake/intake_store.h"

namespace vg::app::testing {

class CaseworkStoreTest : public ::testing::Test {
 protected:
  static constexpr const char* kGateway = "00000000-0000-4000-8000-0000000000a1";
  static constexpr const char* kPolice = "00000000-0000-4000-8000-0000000000a2";
  static constexpr const char* kTeam = "00000000-0000-4000-8000-0000000000a3";
  static constexpr const char* kAdvisor = "00000000-0000-4000-8000-0000000000a4";
  static constexpr const char* kCase = "00000000-0000-4000-8000-0000000000a5";

  void SetUp() override {
    open_migrated_store(store_);
    accounts::AuditEntry audit;
    audit.actor = "test";
    audit.action = "setup";
    ASSERT_TRUE(store_->accounts().upsert_organisation(
        {kGateway, "Invented Hub", "gateway", {"merseyside"}}, audit));
    add_police_organisation(*store_, kPolice);
    accounts::User u;
    u.id = kAdvisor;
    u.email = "advisor@example.org";
    u.display_name = "Invented Advisor";
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$invented$invented";
    u.organisation_id = kGateway;
    u.created_at = clock_.now();
    ASSERT_TRUE(store_->accounts().create_user(u, audit));
    ASSERT_TRUE(
        store_->cases().upsert_team({kTeam, kGateway, "merseyside", "Invented team"}, audit));
    ASSERT_TRUE(store_->cases().set_team_member({kAdvisor, kTeam, {}, 20}, audit));

    intake::StoredReferral r;
    r.id = kCase;
    r.reference = "MY-2026-000001";
    r.area = "merseyside";
    r.channel = "police";
    r.received_at = clock_.now();
    r.source_organisation_id = kPolice;
    r.consent_state = "consented";
    r.outcome = "routed";
    r.document = "{}";
    r.assessment = "{}";
    casework::CaseRecord c;
    c.id = kCase;
    c.reference = r.reference;
    c.area = "merseyside";
    c.channel = "police";
    c.consent_state = "consented";
    c.source_organisation_id = kPolice;
    c.team_id = kTeam;
    c.holder_organisation_id = kGateway;
    c.allocated_to = kAdvisor;
    c.opened_at = clock_.now();
    c.updated_at = c.opened_at;
    using namespace std::chrono;
    c.next_due = year{2026} / December / day{8};
    std::vector<casework::CaseDeadline> clocks{
        {kCase, "first_contact", *c.next_due, 2, {}},
        {kCase, "needs_assessment", year{2026} / December / day{11}, 5, {}}};
    auto written = store_->write([&](store::UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      return unit.cases().insert({c}, clocks);
    });
    ASSERT_TRUE(written) << written.error().message;
  }

  access::Actor advisor() const {
    return {access::Role::kGatewayAdvisor, kAdvisor, kGateway, "gateway", {"merseyside"}, kTeam};
  }

  std::int64_t version() { return store_->cases().find(kCase).value()->version; }

  std::unique_ptr<store::Store> store_;
  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 12 / 4} +
                    std::chrono::hours(10)};
};

}  // namespace vg::app::testing
