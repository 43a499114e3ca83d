// Conformance: referral rows (read, and written through a unit of work), API keys and their audit
// entries, and the open cases kept per service, the same on every backend. The rules of creating
// a referral are the intake's (tests/integration/app/intake/referral_creation_test.cpp). Every
// person, force and crime reference here is invented.
#include <gtest/gtest.h>

#include <set>

#include "referral_fixture.h"

namespace vg::store::testing {
namespace {

class ReferralTest : public ReferralFixture {
 protected:
  // Stores `rows` as they are in one unit of work, each with an audit entry; a row with no
  // reference is given one from its id.
  Result<void> insert(std::vector<StoredReferral> rows) {
    for (auto& r : rows) {
      if (r.reference.empty() || r.reference == "ignored") r.reference = "T-" + r.id;
    }
    return store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert(rows));
      std::vector<AuditEntry> audit;
      for (const auto& r : rows) audit.push_back(audit_entry("referral.create", r.id));
      return unit.append_audit(audit);
    });
  }
};

TEST_F(ReferralTest, FindAndFindByReferenceReturnEveryFieldAsStored) {
  auto expected = referral(1, "XX/INV/0001/26", "victim-key-1");
  expected.reference = "MY-2026-000001";
  expected.possible_duplicate_of = uuid(150);
  ASSERT_TRUE(insert({expected}).has_value());

  auto by_id = referrals().find(uuid(101)).value();
  ASSERT_TRUE(by_id);
  expect_same_referral(*by_id, expected);
  auto by_reference = referrals().find_by_reference("MY-2026-000001").value();
  ASSERT_TRUE(by_reference);
  expect_same_referral(*by_reference, expected);

  EXPECT_EQ(referrals().find(uuid(199)).value(), std::nullopt);
  EXPECT_EQ(referrals().find_by_reference("MY-2026-000002").value(), std::nullopt);
}

TEST_F(ReferralTest, SelfReferralWithNoOrganisationOrServiceIsStored) {
  auto self = referral(1);
  self.reference = "MY-2026-000001";
  self.channel = "self";
  self.source_organisation_id = "";
  self.police_force_code = "";
  self.service_id = "";
  self.outcome = "queued";
  ASSERT_TRUE(insert({self}).has_value());
  auto found = referrals().find(self.id).value();
  ASSERT_TRUE(found);
  expect_same_referral(*found, self);
}

// --- a unit of work ------------------------------------------------------------------------------

TEST_F(ReferralTest, ReferenceNumbersCountOnPerPrefixFromOne) {
  std::vector<std::int64_t> firsts;
  ASSERT_TRUE(store_
                  ->write([&](UnitOfWork& unit) -> Result<void> {
                    auto& rows = unit.referrals();
                    firsts.push_back(VG_TRY(rows.take_reference_numbers("MY-2026-", 3)));
                    firsts.push_back(VG_TRY(rows.take_reference_numbers("MY-2027-", 1)));
                    firsts.push_back(VG_TRY(rows.take_reference_numbers("MY-2026-", 2)));
                    return {};
                  })
                  .has_value());
  ASSERT_TRUE(store_
                  ->write([&](UnitOfWork& unit) -> Result<void> {
                    firsts.push_back(VG_TRY(unit.referrals().take_reference_numbers("MY-2026-", 1)));
                    return {};
                  })
                  .has_value());
  EXPECT_EQ(firsts, (std::vector<std::int64_t>{1, 1, 4, 6}));
}

TEST_F(ReferralTest, AUnitOfWorkThatFailsLeavesNothingBehindAndGivesItsNumbersBack) {
  const auto audit_before = audit_count();
  auto failed = store_->write([&](UnitOfWork& unit) -> Result<void> {
    auto& rows = unit.referrals();
    VG_TRY(rows.take_reference_numbers(kPrefix, 2));
    auto r = referral(1);
    r.reference = "MY-2026-000001";
    VG_CHECK(rows.insert({r}));
    IdempotencyRecord record{kPolice, "key-1", "hash-a", r.id, at()};
    VG_CHECK(rows.insert_idempotency_records({record}));
    VG_CHECK(unit.append_audit({audit_entry("referral.create", r.id)}));
    return fail("conflict", "The use case changed its mind");
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, "conflict");
  EXPECT_EQ(count(), 0);
  EXPECT_EQ(audit_count(), audit_before);
  std::int64_t next = 0;
  ASSERT_TRUE(store_
                  ->write([&](UnitOfWork& unit) -> Result<void> {
                    EXPECT_TRUE(VG_TRY(unit.referrals().idempotency_records({{kPolice, "key-1"}})).empty());
                    next = VG_TRY(unit.referrals().take_reference_numbers(kPrefix, 1));
                    return {};
                  })
                  .has_value());
  EXPECT_EQ(next, 1);
}

TEST_F(ReferralTest, ReadsSeeTheRowsOfTheirOwnUnitOfWork) {
  auto force = referral(1, "XX/INV/0001/26", "victim-key-1");
  auto partner = from_sender(referral(2, "XX/INV/0001/26", "victim-key-1"), kPartner, "partner");
  auto other = referral(3, "XX/INV/0002/26", "victim-key-1");
  force.reference = "MY-2026-000001";
  partner.reference = "MY-2026-000002";
  other.reference = "MY-2026-000003";
  ASSERT_TRUE(store_
                  ->write([&](UnitOfWork& unit) -> Result<void> {
                    auto& rows = unit.referrals();
                    VG_CHECK(rows.insert({force, partner, other}));
                    VG_CHECK(rows.insert_idempotency_records({{kPolice, "key-1", "hash-a", force.id, at(5s + 42ns)}}));
                    // Every sender's referral of the crime, and only that crime's.
                    std::set<std::string> same_crime;
                    for (const auto& r : VG_TRY(rows.with_crime_references({&force}))) same_crime.insert(r.id);
                    EXPECT_EQ(same_crime, (std::set<std::string>{force.id, partner.id}));
                    auto by_id = VG_TRY(rows.with_ids({other.id, uuid(199)}));
                    EXPECT_EQ(by_id.size(), 1u);
                    auto records = VG_TRY(rows.idempotency_records({{kPolice, "key-1"}, {kPartner, "key-1"}}));
                    EXPECT_EQ(records.size(), 1u);
                    if (!records.empty()) {
                      EXPECT_EQ(records[0].organisation_id, kPolice);
                      EXPECT_EQ(records[0].key, "key-1");
                      EXPECT_EQ(records[0].request_hash, "hash-a");
                      EXPECT_EQ(records[0].referral_id, force.id);
                      EXPECT_EQ(records[0].created_at, at(5s + 42ns));
                    }
                    return {};
                  })
                  .has_value());
}

TEST_F(ReferralTest, AReferralHeldKeepsWhatItWasFirstHeldFor) {
  ASSERT_TRUE(insert({referral(1), referral(2), referral(3)}).has_value());
  auto hold = [&](std::vector<std::pair<std::string, std::string>> holds) {
    return store_->write([&](UnitOfWork& unit) { return unit.referrals().hold_as_possible_duplicates(holds); });
  };
  ASSERT_TRUE(hold({{uuid(101), uuid(102)}}).has_value());
  ASSERT_TRUE(hold({{uuid(101), uuid(103)}, {uuid(103), uuid(102)}}).has_value());
  EXPECT_EQ(referrals().find(uuid(101)).value()->possible_duplicate_of, uuid(102));
  EXPECT_EQ(referrals().find(uuid(102)).value()->possible_duplicate_of, "");
  EXPECT_EQ(referrals().find(uuid(103)).value()->possible_duplicate_of, uuid(102));
}

TEST_F(ReferralTest, AnUnknownSourceOrganisationOrATakenIdIsRefused) {
  ASSERT_TRUE(insert({referral(1)}).has_value());
  auto unknown = referral(2);
  unknown.source_organisation_id = uuid(98);
  auto refused = insert({unknown});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "validation_failed");
  auto again = referral(1);
  again.reference = "MY-2026-000009";
  refused = insert({again});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "conflict");
  EXPECT_EQ(count(), 1);
}

// --- API keys ----------------------------------------------------------------------------------

ApiKey api_key(int n, const std::string& organisation_id) {
  return ApiKey{uuid(60 + n),
                organisation_id,
                "Invented case system " + std::to_string(n),
                std::string(63, 'a') + std::to_string(n),
                at(std::chrono::seconds(n) + 99ns),
                std::nullopt};
}

void expect_same_key(const ApiKey& actual, const ApiKey& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.organisation_id, expected.organisation_id);
  EXPECT_EQ(actual.label, expected.label);
  EXPECT_EQ(actual.secret_hash, expected.secret_hash);
  EXPECT_EQ(actual.created_at, expected.created_at);
  EXPECT_EQ(actual.revoked_at, expected.revoked_at);
}

TEST_F(ReferralTest, ApiKeyIsFoundByHashAndById) {
  const auto key = api_key(1, kPolice);
  ASSERT_TRUE(referrals().create_api_key(key, audit_entry("api_key.create")).has_value());
  ASSERT_TRUE(
      referrals().create_api_key(api_key(2, kPartner), audit_entry("api_key.create")).has_value());
  auto by_hash = referrals().find_api_key_by_secret_hash(key.secret_hash).value();
  ASSERT_TRUE(by_hash);
  expect_same_key(*by_hash, key);
  auto by_id = referrals().find_api_key(key.id).value();
  ASSERT_TRUE(by_id);
  expect_same_key(*by_id, key);
  EXPECT_EQ(referrals().find_api_key_by_secret_hash(std::string(64, 'f')).value(), std::nullopt);
  EXPECT_EQ(referrals().find_api_key(uuid(69)).value(), std::nullopt);
}

TEST_F(ReferralTest, RevokedApiKeyKeepsItsRowAndFirstRevocationTime) {
  auto key = api_key(1, kPolice);
  ASSERT_TRUE(referrals().create_api_key(key, audit_entry("api_key.create")).has_value());
  ASSERT_TRUE(
      referrals().revoke_api_key(key.id, at(2h + 5ns), audit_entry("api_key.revoke")).has_value());
  key.revoked_at = at(2h + 5ns);
  expect_same_key(referrals().find_api_key(key.id).value().value(), key);
  expect_same_key(referrals().find_api_key_by_secret_hash(key.secret_hash).value().value(), key);
  ASSERT_TRUE(
      referrals().revoke_api_key(key.id, at(3h), audit_entry("api_key.revoke")).has_value());
  EXPECT_EQ(referrals().find_api_key(key.id).value()->revoked_at, at(2h + 5ns));
}

TEST_F(ReferralTest, RevokingAnUnknownApiKeyIsNotFound) {
  const auto before = audit_count();
  auto result = referrals().revoke_api_key(uuid(69), at(), audit_entry("api_key.revoke"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "not_found");
  EXPECT_EQ(audit_count(), before);
}

TEST_F(ReferralTest, DuplicateApiKeySecretHashIsAConflict) {
  ASSERT_TRUE(
      referrals().create_api_key(api_key(1, kPolice), audit_entry("api_key.create")).has_value());
  const auto before = audit_count();
  auto same_hash = api_key(2, kPartner);
  same_hash.secret_hash = api_key(1, kPolice).secret_hash;
  auto result = referrals().create_api_key(same_hash, audit_entry("api_key.create"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "conflict");
  EXPECT_EQ(referrals().find_api_key(same_hash.id).value(), std::nullopt);
  EXPECT_EQ(audit_count(), before);
}

TEST_F(ReferralTest, ApiKeyOfUnknownOrganisationIsRefused) {
  auto result = referrals().create_api_key(api_key(1, uuid(98)), audit_entry("api_key.create"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "validation_failed");
  EXPECT_EQ(referrals().find_api_key(uuid(61)).value(), std::nullopt);
}

// --- open cases per service ----------------------------------------------------------------------

using OpenCases = std::vector<std::pair<std::string, int>>;

// Referral `n` in `area`, with `outcome` and `service_id`.
StoredReferral placed(int n, const std::string& area, const std::string& outcome,
                      const std::string& service_id) {
  StoredReferral r;
  r.id = uuid(100 + n);
  r.area = area;
  r.channel = "police";
  r.received_at = at(std::chrono::minutes(n));
  r.source_organisation_id = kPolice;
  r.police_force_code = "XX";
  r.consent_state = "given";
  r.outcome = outcome;
  r.service_id = service_id;
  r.rule_set_version = "invented-rules-1";
  r.document = R"({"victim":{"name":"Invented Person )" + std::to_string(n) + R"("}})";
  r.assessment = R"({"risk":"standard"})";
  return r;
}

TEST_F(ReferralTest, OpenCasesCountRoutedAndQueuedReferralsPerServiceInTheArea) {
  const std::string a = uuid(901);
  const std::string b = uuid(902);
  const std::string c = uuid(903);
  ASSERT_TRUE(insert({placed(1, "invented-area", "routed", b)}).has_value());
  auto batch = insert({placed(2, "invented-area", "routed", a),
                                         placed(3, "invented-area", "queued", b),
                                         placed(4, "invented-area", "routed", b),
                                         placed(5, "invented-area", "queued", c),
                                         placed(6, "invented-area", "queued", c)});
  ASSERT_TRUE(batch.has_value()) << batch.error().message;
  auto open = referrals().open_cases_by_service("invented-area");
  ASSERT_TRUE(open.has_value()) << open.error().message;
  EXPECT_EQ(*open, (OpenCases{{a, 1}, {b, 3}, {c, 2}}));
}

TEST_F(ReferralTest, OpenCasesIgnoreSignpostedReferralsAndOnesWithNoService) {
  const std::string a = uuid(901);
  const std::string b = uuid(902);
  auto batch = insert({placed(1, "invented-area", "routed", a),
                                         placed(2, "invented-area", "signposted", a),
                                         placed(3, "invented-area", "signposted", b),
                                         placed(4, "invented-area", "queued", ""),
                                         placed(5, "invented-area", "routed", ""),
                                         placed(6, "invented-area", "signposted", "")});
  ASSERT_TRUE(batch.has_value()) << batch.error().message;
  auto open = referrals().open_cases_by_service("invented-area");
  ASSERT_TRUE(open.has_value()) << open.error().message;
  EXPECT_EQ(*open, (OpenCases{{a, 1}}));  // b holds only a signposted one: absent
}

// The counts are kept by the database itself, so they follow referrals however they change:
// a case closed or moved by casework, or a referral erased under the retention policy.
TEST_F(ReferralTest, OpenCasesFollowReferralsChangedOrErasedInTheDatabase) {
  use_reachable_database();
  add_organisations();
  Store& s = *store_;
  const std::string& url = url_;
  const std::string a = uuid(901);
  const std::string b = uuid(902);
  auto batch = insert({placed(1, "invented-area", "routed", a),
                                           placed(2, "invented-area", "routed", a),
                                           placed(3, "invented-area", "queued", a),
                                           placed(4, "invented-area", "signposted", b)});
  ASSERT_TRUE(batch.has_value()) << batch.error().message;
  EXPECT_EQ(s.referrals().open_cases_by_service("invented-area").value(), (OpenCases{{a, 3}}));

  EXPECT_EQ(run_raw_sql(url, "UPDATE referrals SET outcome = 'closed' WHERE id = '" + uuid(101) + "'"), "");
  EXPECT_EQ(run_raw_sql(url, "UPDATE referrals SET service_id = '" + b + "' WHERE id = '" + uuid(102) + "'"), "");
  EXPECT_EQ(run_raw_sql(url, "UPDATE referrals SET outcome = 'routed' WHERE id = '" + uuid(104) + "'"), "");
  EXPECT_EQ(s.referrals().open_cases_by_service("invented-area").value(), (OpenCases{{a, 1}, {b, 2}}));

  EXPECT_EQ(run_raw_sql(url, "DELETE FROM referrals WHERE id = '" + uuid(103) + "'"), "");
  EXPECT_EQ(s.referrals().open_cases_by_service("invented-area").value(), (OpenCases{{b, 2}}));

  // One statement over many rows: a change that leaves area, outcome and service alone counts
  // for nothing; one that moves several cases at once moves each of them.
  EXPECT_EQ(run_raw_sql(url, "UPDATE referrals SET document = '{}'"), "");
  EXPECT_EQ(s.referrals().open_cases_by_service("invented-area").value(), (OpenCases{{b, 2}}));
  EXPECT_EQ(run_raw_sql(url, "UPDATE referrals SET service_id = '" + a + "'"), "");
  EXPECT_EQ(s.referrals().open_cases_by_service("invented-area").value(), (OpenCases{{a, 2}}));
  EXPECT_EQ(run_raw_sql(url, "DELETE FROM referrals"), "");
  EXPECT_TRUE(s.referrals().open_cases_by_service("invented-area").value().empty());
}

TEST_F(ReferralTest, OpenCasesInOtherAreasAreNotCounted) {
  const std::string a = uuid(901);
  const std::string b = uuid(902);
  auto batch = insert({placed(1, "invented-area", "routed", a),
                                         placed(2, "other-invented-area", "routed", a),
                                         placed(3, "other-invented-area", "queued", a),
                                         placed(4, "other-invented-area", "routed", b)});
  ASSERT_TRUE(batch.has_value()) << batch.error().message;
  EXPECT_EQ(referrals().open_cases_by_service("invented-area").value(), (OpenCases{{a, 1}}));
  EXPECT_EQ(referrals().open_cases_by_service("other-invented-area").value(),
            (OpenCases{{a, 2}, {b, 1}}));
  // Areas match exactly: no prefix or case folding.
  EXPECT_EQ(referrals().open_cases_by_service("invented").value(), OpenCases{});
  EXPECT_EQ(referrals().open_cases_by_service("INVENTED-AREA").value(), OpenCases{});
}

TEST_F(ReferralTest, OpenCasesOfAnAreaWithNoReferralsIsAnEmptyList) {
  auto none = referrals().open_cases_by_service("invented-area");
  ASSERT_TRUE(none.has_value()) << none.error().message;
  EXPECT_TRUE(none->empty());
  ASSERT_TRUE(insert({placed(1, "invented-area", "routed", uuid(901)),
                      placed(2, "invented-area", "signposted", uuid(902))})
                  .has_value());
  EXPECT_TRUE(referrals().open_cases_by_service("quiet-invented-area").value().empty());
  EXPECT_TRUE(referrals().open_cases_by_service("").value().empty());
}

}  // namespace
}  // namespace vg::store::testing
