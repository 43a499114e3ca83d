// Creating referrals (app/intake/referral_creation): references, duplicates, idempotent replay,
// group commit and batches, run against every store backend, since the rules lean on each
// store's transactions. Every person, force and crime reference here is invented.
#include "app/intake/referral_creation.h"

#include "app/intake/person_key_digest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "referral_fixture.h"

namespace vg::store::testing {
namespace {

using app::IntakeOutcome;
using app::NewReferral;
using Kind = IntakeOutcome::Kind;

// A feed batch's referrals, each opening its case with no facts beyond the referral's own.
std::vector<app::OpeningReferral> openings(std::vector<StoredReferral> referrals) {
  std::vector<app::OpeningReferral> out;
  for (auto& r : referrals) out.push_back({std::move(r), {}});
  return out;
}

class ReferralCreationTest : public ReferralFixture {
 protected:
  void SetUp() override {
    ReferralFixture::SetUp();
    creation_ = std::make_unique<app::ReferralCreation>(*store_);
  }

  static IdempotencyRecord idempotency(const std::string& organisation_id, const std::string& key,
                                       const std::string& request_hash) {
    IdempotencyRecord record;
    record.organisation_id = organisation_id;
    record.key = key;
    record.request_hash = request_hash;
    record.created_at = at(5s + 42ns);
    return record;
  }

  app::ReferralCreation& creation() { return *creation_; }

  Result<IntakeOutcome> create_with(const StoredReferral& r, const std::string& prefix,
                                    const std::optional<IdempotencyRecord>& key,
                                    const AuditEntry& audit) {
    return creation().create(NewReferral{r, prefix, key, audit});
  }

  // Creates `r` with no idempotency key; fails the test on error.
  IntakeOutcome create(const StoredReferral& r, const std::string& prefix = kPrefix) {
    auto created = create_with(r, prefix, std::nullopt, audit_entry("referral.create"));
    EXPECT_TRUE(created.has_value()) << created.error().code << ": " << created.error().message;
    return created ? *created : IntakeOutcome{};
  }

  // The idempotency record stored for (organisation, key), read in a unit of work of its own.
  std::optional<IdempotencyRecord> stored_record(const std::string& organisation, const std::string& key) {
    std::optional<IdempotencyRecord> found;
    auto read = store_->write([&](UnitOfWork& unit) -> Result<void> {
      auto records = VG_TRY(unit.referrals().idempotency_records({{organisation, key}}));
      if (!records.empty()) found = records.front();
      return {};
    });
    EXPECT_TRUE(read.has_value());
    return found;
  }

 private:
  std::unique_ptr<app::ReferralCreation> creation_;  // over store_
};

TEST_F(ReferralCreationTest, CreateAssignsConsecutiveReferencesFromOne) {
  auto first = create(referral(1));
  EXPECT_TRUE(first.created());
  EXPECT_EQ(first.kind, Kind::kCreated);
  EXPECT_EQ(first.referral.reference, "MY-2026-000001");
  EXPECT_EQ(first.referral.id, uuid(101));
  auto second = create(referral(2));
  EXPECT_TRUE(second.created());
  EXPECT_EQ(second.referral.reference, "MY-2026-000002");
  EXPECT_EQ(count(), 2);
}

TEST_F(ReferralCreationTest, EachPrefixCountsSeparately) {
  EXPECT_EQ(create(referral(1), "MY-2026-").referral.reference, "MY-2026-000001");
  EXPECT_EQ(create(referral(2), "MY-2027-").referral.reference, "MY-2027-000001");
  EXPECT_EQ(create(referral(3), "MY-2026-").referral.reference, "MY-2026-000002");
  EXPECT_EQ(create(referral(4), "GM-2026-").referral.reference, "GM-2026-000001");
  EXPECT_EQ(create(referral(5), "MY-2027-").referral.reference, "MY-2027-000002");
}

TEST_F(ReferralCreationTest, EmptyPrefixIsRefused) {
  auto result = create_with(referral(1), "", std::nullopt, audit_entry("referral.create"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "validation_failed");
  EXPECT_EQ(count(), 0);
}

TEST_F(ReferralCreationTest, UnknownSourceOrganisationIsRefusedAndWritesNothing) {
  auto r = referral(1);
  r.source_organisation_id = uuid(98);
  const auto audit_before = audit_count();
  auto result = create_with(r, kPrefix, std::nullopt, audit_entry("referral.create"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "validation_failed");
  EXPECT_EQ(count(), 0);
  EXPECT_EQ(audit_count(), audit_before);
  // The number it would have had is still free.
  EXPECT_EQ(create(referral(2)).referral.reference, "MY-2026-000001");
}

TEST_F(ReferralCreationTest, ReusedIdIsAConflictAndKeepsItsNumber) {
  create(referral(1));
  auto again = referral(1);
  again.crime_reference = "XX/INV/0009/26";
  again.victim_key = "victim-key-9";
  auto result = create_with(again, kPrefix, std::nullopt, audit_entry("referral.create"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "conflict");
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(create(referral(2)).referral.reference, "MY-2026-000002");
}

TEST_F(ReferralCreationTest, SameForceCrimeReferenceAndVictimReturnsTheFirst) {
  const auto first = create(referral(1, "XX/INV/0001/26", "victim-key-1"));
  ASSERT_TRUE(first.created());
  const auto audit_before = audit_count();
  auto repeat = referral(2, "XX/INV/0001/26", "victim-key-1");
  repeat.document = R"({"victim":{"name":"Invented Person again"}})";
  const auto second = create(repeat);
  EXPECT_FALSE(second.created());
  EXPECT_EQ(second.kind, Kind::kDuplicate);
  expect_same_referral(second.referral, first.referral);
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(audit_count(), audit_before);
  EXPECT_EQ(referrals().find(uuid(102)).value(), std::nullopt);
  // No number was used up by the duplicate.
  EXPECT_EQ(create(referral(3)).referral.reference, "MY-2026-000002");
}

TEST_F(ReferralCreationTest, AnotherVictimOrForceOfTheSameCrimeReferenceIsANewReferral) {
  EXPECT_TRUE(create(referral(1, "XX/INV/0001/26", "victim-key-1")).created());
  const auto other_victim = create(referral(2, "XX/INV/0001/26", "victim-key-2"));
  EXPECT_TRUE(other_victim.created());
  EXPECT_EQ(other_victim.referral.reference, "MY-2026-000002");
  auto other_force = referral(3, "XX/INV/0001/26", "victim-key-1");
  other_force.police_force_code = "YY";
  EXPECT_TRUE(create(other_force).created());
  EXPECT_EQ(count(), 3);
}

TEST_F(ReferralCreationTest, EmptyCrimeReferenceOrVictimKeyNeverCountsAsADuplicate) {
  EXPECT_TRUE(create(referral(1, "", "victim-key-1")).created());
  EXPECT_TRUE(create(referral(2, "", "victim-key-1")).created());
  EXPECT_TRUE(create(referral(3, "XX/INV/0001/26", "")).created());
  EXPECT_TRUE(create(referral(4, "XX/INV/0001/26", "")).created());
  auto no_force = referral(5, "XX/INV/0001/26", "victim-key-1");
  no_force.police_force_code = "";
  EXPECT_TRUE(create(no_force).created());
  no_force.id = uuid(106);
  EXPECT_TRUE(create(no_force).created());
  EXPECT_EQ(count(), 6);
}

TEST_F(ReferralCreationTest, AnotherSendersReferralOfTheSameCrimeIsStoredBesideItAndHeld) {
  const auto force = create(referral(1, "XX/INV/0001/26", "victim-key-1"));
  ASSERT_TRUE(force.created());
  const auto partner = create(from_sender(referral(2, "XX/INV/0001/26", "victim-key-1"), kPartner, "partner"));
  // Nothing of the force's referral comes back to the partner: it gets its own, held.
  EXPECT_TRUE(partner.created());
  EXPECT_EQ(partner.kind, Kind::kCreated);
  EXPECT_EQ(partner.referral.id, uuid(102));
  EXPECT_EQ(partner.referral.reference, "MY-2026-000002");
  EXPECT_EQ(partner.referral.possible_duplicate_of, uuid(101));
  EXPECT_EQ(referrals().find(uuid(102)).value()->possible_duplicate_of, uuid(101));
  EXPECT_EQ(referrals().find(uuid(101)).value()->possible_duplicate_of, "");
  // The partner's own repeat is its own duplicate, answered with its own referral.
  const auto again = create(from_sender(referral(3, "XX/INV/0001/26", "victim-key-1"), kPartner, "partner"));
  EXPECT_FALSE(again.created());
  EXPECT_EQ(again.referral.id, uuid(102));
  EXPECT_EQ(count(), 2);
}

TEST_F(ReferralCreationTest, APlantedReferralNeverDropsTheForcesOwnAndIsHeldWhenItArrives) {
  const auto planted = create(from_sender(referral(1, "XX/INV/0001/26", "victim-key-1"), kPartner, "partner"));
  ASSERT_TRUE(planted.created());
  EXPECT_EQ(planted.referral.possible_duplicate_of, "");
  const auto audit_before = audit_count();
  const auto force = create(referral(2, "XX/INV/0001/26", "victim-key-1"));
  EXPECT_TRUE(force.created());
  EXPECT_EQ(force.referral.possible_duplicate_of, "");
  EXPECT_EQ(referrals().find(uuid(101)).value()->possible_duplicate_of, uuid(102));
  EXPECT_EQ(count(), 2);
  // The hold is audited: the create and the hold.
  auto entries = store_->audit().read(0, 1000).value();
  ASSERT_EQ(static_cast<std::int64_t>(entries.size()), audit_before + 2);
  EXPECT_EQ(entries.back().action, "referral.hold_possible_duplicate");
  EXPECT_EQ(entries.back().entity_id, uuid(101));
  // A referral already held keeps what it was first held for.
  EXPECT_TRUE(create(from_sender(referral(3, "XX/INV/0001/26", "victim-key-1"), kGateway, "phone")).created());
  EXPECT_EQ(referrals().find(uuid(101)).value()->possible_duplicate_of, uuid(102));
  EXPECT_EQ(referrals().find(uuid(103)).value()->possible_duplicate_of, uuid(102));
}

TEST_F(ReferralCreationTest, SelfReferralsOfACrimeAreNeverAnsweredWithAnotherReferral) {
  create(referral(1, "XX/INV/0001/26", "victim-key-1"));
  for (int n : {2, 3}) {
    const auto self = create(from_sender(referral(n, "XX/INV/0001/26", "victim-key-1"), "", "self"));
    EXPECT_TRUE(self.created()) << n;
    EXPECT_EQ(self.referral.id, uuid(100 + n));
    EXPECT_EQ(self.referral.possible_duplicate_of, uuid(101)) << "held against the force's";
  }
  EXPECT_EQ(count(), 3);
}

TEST_F(ReferralCreationTest, InOneGroupTheForcesReferralHoldsAnEarlierPlantedOne) {
  std::vector<NewReferral> items{
      {from_sender(referral(1, "XX/INV/0001/26", "victim-key-1"), kPartner, "partner"), kPrefix,
       std::nullopt, audit_entry("referral.create")},
      {referral(2, "XX/INV/0001/26", "victim-key-1"), kPrefix, std::nullopt,
       audit_entry("referral.create")},
      {from_sender(referral(3, "XX/INV/0001/26", "victim-key-1"), kGateway, "phone"), kPrefix,
       std::nullopt, audit_entry("referral.create")},
  };
  auto answers = creation().create_each(items);
  ASSERT_EQ(answers.size(), 3u);
  for (const auto& a : answers) ASSERT_TRUE(a.has_value() && a->created());
  EXPECT_EQ(referrals().find(uuid(101)).value()->possible_duplicate_of, uuid(102));
  EXPECT_EQ(referrals().find(uuid(102)).value()->possible_duplicate_of, "");
  EXPECT_EQ(referrals().find(uuid(103)).value()->possible_duplicate_of, uuid(102));
  EXPECT_EQ(count(), 3);
}

TEST_F(ReferralCreationTest, IdempotentReplayReturnsTheStoredAnswer) {
  const auto key = idempotency(kPolice, "key-1", "hash-a");
  auto first = create_with(referral(1), kPrefix, key, audit_entry("referral.create"));
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_TRUE(first->created());
  EXPECT_EQ(first->referral.reference, "MY-2026-000001");
  const auto audit_before = audit_count();

  // The client's retry: the same key and body, which the caller turned into a new referral id.
  auto retry = create_with(referral(2), kPrefix, key, audit_entry("referral.create"));
  ASSERT_TRUE(retry.has_value()) << retry.error().message;
  EXPECT_FALSE(retry->created());
  EXPECT_EQ(retry->kind, Kind::kReplayed);
  expect_same_referral(retry->referral, first->referral);
  // The record the key left, pointing at the referral it created.
  const auto record = stored_record(kPolice, "key-1");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->organisation_id, kPolice);
  EXPECT_EQ(record->key, "key-1");
  EXPECT_EQ(record->request_hash, "hash-a");
  EXPECT_EQ(record->referral_id, uuid(101));
  EXPECT_EQ(record->created_at, at(5s + 42ns));
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(audit_count(), audit_before);
}

TEST_F(ReferralCreationTest, SameIdempotencyKeyWithAnotherRequestIsAConflict) {
  ASSERT_TRUE(create_with(referral(1), kPrefix, idempotency(kPolice, "key-1", "hash-a"),
                          audit_entry("referral.create"))
                  .has_value());
  auto other = create_with(referral(2), kPrefix, idempotency(kPolice, "key-1", "hash-b"),
                                  audit_entry("referral.create"));
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, "conflict");
  EXPECT_EQ(count(), 1);
}

TEST_F(ReferralCreationTest, SameIdempotencyKeyFromAnotherOrganisationIsIndependent) {
  auto from_police =
      create_with(referral(1), kPrefix, idempotency(kPolice, "key-1", "hash-a"),
                         audit_entry("referral.create"));
  ASSERT_TRUE(from_police.has_value());
  auto from_partner =
      create_with(referral(2), kPrefix, idempotency(kPartner, "key-1", "hash-b"),
                         audit_entry("referral.create"));
  ASSERT_TRUE(from_partner.has_value()) << from_partner.error().message;
  EXPECT_TRUE(from_partner->created());
  EXPECT_EQ(from_partner->referral.reference, "MY-2026-000002");
  // Each organisation's key still replays its own answer.
  auto replay = create_with(referral(3), kPrefix, idempotency(kPartner, "key-1", "hash-b"),
                                   audit_entry("referral.create"));
  ASSERT_TRUE(replay.has_value());
  EXPECT_EQ(replay->kind, Kind::kReplayed);
  EXPECT_EQ(replay->referral.id, uuid(102));
  EXPECT_EQ(replay->referral.reference, "MY-2026-000002");
  EXPECT_EQ(stored_record(kPolice, "key-1")->referral_id, uuid(101));
  EXPECT_EQ(stored_record(kPartner, "key-1")->referral_id, uuid(102));
  EXPECT_EQ(count(), 2);
}

TEST_F(ReferralCreationTest, CrimeReferenceDuplicateStoresNoIdempotencyRecord) {
  const auto first = create(referral(1, "XX/INV/0001/26", "victim-key-1"));
  auto duplicate =
      create_with(referral(2, "XX/INV/0001/26", "victim-key-1"), kPrefix,
                         idempotency(kPolice, "key-1", "hash-a"), audit_entry("referral.create"));
  ASSERT_TRUE(duplicate.has_value());
  EXPECT_FALSE(duplicate->created());
  EXPECT_EQ(duplicate->kind, Kind::kDuplicate);
  EXPECT_EQ(stored_record(kPolice, "key-1"), std::nullopt);
  EXPECT_EQ(duplicate->referral.id, first.referral.id);
  // The key was not kept: used again with another body it is free, not a conflict.
  auto later = create_with(referral(3), kPrefix, idempotency(kPolice, "key-1", "hash-b"),
                                  audit_entry("referral.create"));
  ASSERT_TRUE(later.has_value()) << later.error().message;
  EXPECT_TRUE(later->created());
}

TEST_F(ReferralCreationTest, IdempotencyRecordOfUnknownOrganisationIsRefused) {
  auto result = create_with(referral(1), kPrefix, idempotency(uuid(98), "key-1", "hash-a"),
                                   audit_entry("referral.create"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "validation_failed");
  EXPECT_EQ(count(), 0);
}

// Group commit (create_each): every item as `create` would, in order, in one transaction.
TEST_F(ReferralCreationTest, GroupAnswersEachItemInOrderAsCreateWould) {
  const auto stored = create(referral(1, "XX/INV/0001/26", "victim-key-1"));
  ASSERT_EQ(stored.referral.reference, "MY-2026-000001");
  const auto audit_before = audit_count();
  auto item = [](StoredReferral r, std::optional<IdempotencyRecord> key = std::nullopt,
                 std::string prefix = kPrefix) {
    return NewReferral{std::move(r), std::move(prefix), std::move(key), audit_entry("referral.create")};
  };
  const std::vector<NewReferral> group = {
      item(referral(2), idempotency(kPolice, "key-1", "hash-a")),  // new
      item(referral(3, "XX/INV/0001/26", "victim-key-1")),         // duplicate of the stored one
      item(referral(4), idempotency(kPolice, "key-1", "hash-a")),  // replay of the first item
      item(referral(5), idempotency(kPolice, "key-1", "hash-b")),  // the key reused: refused
      item(referral(6), std::nullopt, ""),                         // no prefix: refused
      item(referral(7), std::nullopt, "MY-2027-"),                 // new, its own counter
  };
  auto answers = creation().create_each(group);
  ASSERT_EQ(answers.size(), group.size());
  ASSERT_TRUE(answers[0].has_value()) << answers[0].error().message;
  EXPECT_TRUE(answers[0]->created());
  EXPECT_EQ(answers[0]->referral.reference, "MY-2026-000002");
  ASSERT_TRUE(answers[1].has_value());
  EXPECT_FALSE(answers[1]->created());
  EXPECT_EQ(answers[1]->kind, Kind::kDuplicate);
  EXPECT_EQ(answers[1]->referral.id, stored.referral.id);
  ASSERT_TRUE(answers[2].has_value());
  EXPECT_FALSE(answers[2]->created());
  EXPECT_EQ(answers[2]->kind, Kind::kReplayed);
  EXPECT_EQ(answers[2]->referral.id, uuid(102));
  EXPECT_EQ(answers[2]->referral.reference, "MY-2026-000002");
  ASSERT_FALSE(answers[3].has_value());
  EXPECT_EQ(answers[3].error().code, "conflict");
  ASSERT_FALSE(answers[4].has_value());
  EXPECT_EQ(answers[4].error().code, "validation_failed");
  ASSERT_TRUE(answers[5].has_value()) << answers[5].error().message;
  EXPECT_TRUE(answers[5]->created());
  EXPECT_EQ(answers[5]->referral.reference, "MY-2027-000001");
  EXPECT_EQ(count(), 3);
  EXPECT_EQ(audit_count(), audit_before + 2);
  EXPECT_EQ(referrals().find(uuid(105)).value(), std::nullopt);
  EXPECT_EQ(referrals().find(uuid(106)).value(), std::nullopt);
}

TEST_F(ReferralCreationTest, AnItemThatFailsToWriteCostsTheRestOfItsGroupNothing) {
  auto unknown = referral(3);
  unknown.source_organisation_id = uuid(98);  // no such organisation: its insert fails
  std::vector<NewReferral> group;
  for (const auto& r : {referral(1), referral(2), unknown, referral(4)}) {
    group.push_back(NewReferral{r, kPrefix, std::nullopt, audit_entry("referral.create")});
  }
  const auto audit_before = audit_count();
  auto answers = creation().create_each(group);
  ASSERT_EQ(answers.size(), 4u);
  ASSERT_FALSE(answers[2].has_value());
  EXPECT_EQ(answers[2].error().code, "validation_failed");
  std::vector<std::string> references;
  for (std::size_t i : {0u, 1u, 3u}) {
    ASSERT_TRUE(answers[i].has_value()) << i << ": " << answers[i].error().message;
    EXPECT_TRUE(answers[i]->created());
    references.push_back(answers[i]->referral.reference);
  }
  // The failed item gave its number back: no gap.
  EXPECT_EQ(references, (std::vector<std::string>{"MY-2026-000001", "MY-2026-000002", "MY-2026-000003"}));
  EXPECT_EQ(count(), 3);
  EXPECT_EQ(audit_count(), audit_before + 3);
  EXPECT_EQ(referrals().find(uuid(103)).value(), std::nullopt);
}

TEST_F(ReferralCreationTest, AnEmptyGroupHasNoAnswers) {
  EXPECT_TRUE(creation().create_each({}).empty());
  EXPECT_EQ(count(), 0);
}

TEST_F(ReferralCreationTest, BatchFlagsNewDuplicatesAndRepeatsWithNoGaps) {
  const auto stored = create(referral(1, "XX/INV/0001/26", "victim-key-1"));
  ASSERT_EQ(stored.referral.reference, "MY-2026-000001");
  const auto audit_before = audit_count();
  const std::vector<StoredReferral> batch = {
      referral(2, "XX/INV/0002/26", "victim-key-2"),  // new
      referral(3, "XX/INV/0001/26", "victim-key-1"),  // duplicate of the stored one
      referral(4),                                    // new, not reported to the police
      referral(5, "XX/INV/0002/26", "victim-key-2"),  // repeat of the first in the batch
      referral(6, "XX/INV/0003/26", "victim-key-3"),  // new
  };
  auto result = creation().create_batch(openings(batch), kPrefix, audit_entry("referral.import"));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  ASSERT_EQ(result->size(), 5u);
  const auto& r = *result;
  EXPECT_TRUE(r[0].created());
  EXPECT_EQ(r[0].referral.id, uuid(102));
  EXPECT_EQ(r[0].referral.reference, "MY-2026-000002");
  EXPECT_FALSE(r[1].created());
  EXPECT_EQ(r[1].kind, Kind::kDuplicate);
  EXPECT_EQ(r[1].referral.id, uuid(101));
  EXPECT_EQ(r[1].referral.reference, "MY-2026-000001");
  EXPECT_TRUE(r[2].created());
  EXPECT_EQ(r[2].referral.reference, "MY-2026-000003");
  EXPECT_FALSE(r[3].created());
  EXPECT_EQ(r[3].kind, Kind::kDuplicate);
  EXPECT_EQ(r[3].referral.id, uuid(102));
  EXPECT_EQ(r[3].referral.reference, "MY-2026-000002");
  EXPECT_TRUE(r[4].created());
  EXPECT_EQ(r[4].referral.reference, "MY-2026-000004");
  for (const auto& one : r) EXPECT_NE(one.kind, Kind::kReplayed);
  EXPECT_EQ(count(), 4);
  EXPECT_EQ(referrals().find(uuid(103)).value(), std::nullopt);
  EXPECT_EQ(referrals().find(uuid(105)).value(), std::nullopt);
  expect_same_referral(referrals().find_by_reference("MY-2026-000004").value().value(),
                       r[4].referral);
  // One audit entry per referral created, none for duplicates.
  auto entries = store_->audit().read(0, 1000).value();
  ASSERT_EQ(static_cast<std::int64_t>(entries.size()), audit_before + 3);
  EXPECT_EQ(entries[entries.size() - 3].entity_id, uuid(102));
  EXPECT_EQ(entries[entries.size() - 2].entity_id, uuid(104));
  EXPECT_EQ(entries[entries.size() - 1].entity_id, uuid(106));
  EXPECT_EQ(entries.back().action, "referral.import");
}

TEST_F(ReferralCreationTest, EmptyBatchStoresNothing) {
  auto result = creation().create_batch({}, kPrefix, audit_entry("referral.import"));
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->empty());
  EXPECT_EQ(count(), 0);
}

TEST_F(ReferralCreationTest, FailureInsideABatchLeavesNothingBehind) {
  create(referral(1));
  const auto audit_before = audit_count();
  // The third item reuses the second's id: the primary key refuses it after two inserts.
  auto reused = referral(3);
  reused.id = uuid(102);
  auto result = creation().create_batch(
      openings({referral(2, "XX/INV/0002/26", "victim-key-2"), referral(4), reused, referral(5)}), kPrefix,
      audit_entry("referral.import"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "conflict");
  // An unknown organisation on the last item: the foreign key refuses it.
  auto unknown = referral(6);
  unknown.source_organisation_id = uuid(98);
  result =
      creation().create_batch(openings({referral(7), unknown}), kPrefix, audit_entry("referral.import"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "validation_failed");

  EXPECT_EQ(count(), 1);
  EXPECT_EQ(audit_count(), audit_before);
  for (int n : {2, 4, 5, 7}) EXPECT_EQ(referrals().find(uuid(100 + n)).value(), std::nullopt);
  // The counter is where it was, and the crime reference is still free.
  const auto next = create(referral(2, "XX/INV/0002/26", "victim-key-2"));
  EXPECT_TRUE(next.created());
  EXPECT_EQ(next.referral.reference, "MY-2026-000002");
}

TEST_F(ReferralCreationTest, EveryCreateAppendsOneAuditEntryAndTheChainHolds) {
  const auto before = audit_count();
  for (int n = 1; n <= 3; ++n) {
    auto entry = audit_entry("referral.create", "replaced-by-the-store");
    entry.at = at(std::chrono::seconds(n) + 7ns);
    entry.actor = "api-key:" + uuid(50);
    entry.entity_type = "referral";
    ASSERT_TRUE(create_with(referral(n), kPrefix, std::nullopt, entry).has_value());
    EXPECT_EQ(audit_count(), before + n);
  }
  ApiKey key{uuid(60), kPolice, "Invented case system", std::string(64, 'a'), at(), std::nullopt};
  ASSERT_TRUE(referrals().create_api_key(key, audit_entry("api_key.create", uuid(60))).has_value());
  ASSERT_TRUE(referrals()
                  .revoke_api_key(uuid(60), at(1h), audit_entry("api_key.revoke", uuid(60)))
                  .has_value());
  EXPECT_EQ(audit_count(), before + 5);

  auto entries = store_->audit().read(0, 1000).value();
  ASSERT_EQ(static_cast<std::int64_t>(entries.size()), before + 5);
  for (int n = 1; n <= 3; ++n) {
    const auto& e = entries[static_cast<std::size_t>(before + n - 1)];
    EXPECT_EQ(e.action, "referral.create");
    EXPECT_EQ(e.entity_type, "referral");
    EXPECT_EQ(e.entity_id, uuid(100 + n));
    EXPECT_EQ(e.actor, "api-key:" + uuid(50));
    EXPECT_EQ(e.at, at(std::chrono::seconds(n) + 7ns));
  }
  std::string prev;
  for (const auto& e : entries) {
    EXPECT_EQ(e.prev_hash, prev);
    EXPECT_EQ(e.hash, audit_hash(e, prev));
    prev = e.hash;
  }
}

// --- concurrency -------------------------------------------------------------------------------

TEST_F(ReferralCreationTest, ConcurrentCreatesGetDistinctConsecutiveReferences) {
  constexpr int kThreads = 4;
  constexpr int kEach = 25;
  std::mutex mutex;
  std::vector<std::string> references;
  std::vector<std::string> errors;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const int n = t * kEach + i + 1;
        auto r =
            referral(n, "XX/INV/" + std::to_string(n) + "/26", "victim-key-" + std::to_string(n));
        auto created = create_with(r, kPrefix, std::nullopt, audit_entry("referral.create"));
        std::lock_guard lock(mutex);
        if (!created) {
          errors.push_back(created.error().code + ": " + created.error().message);
        } else if (!created->created()) {
          errors.push_back("not created: " + r.id);
        } else {
          references.push_back(created->referral.reference);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_TRUE(errors.empty()) << errors.front();
  ASSERT_EQ(references.size(), static_cast<std::size_t>(kThreads * kEach));
  std::sort(references.begin(), references.end());
  for (int n = 1; n <= kThreads * kEach; ++n) {
    char expected[32];
    std::snprintf(expected, sizeof expected, "MY-2026-%06d", n);
    EXPECT_EQ(references[static_cast<std::size_t>(n - 1)], expected);
  }
  EXPECT_EQ(count(), kThreads * kEach);
  auto entries = store_->audit().read(0, 100000).value();
  std::string prev;
  for (const auto& e : entries) {
    EXPECT_EQ(e.hash, audit_hash(e, prev));
    prev = e.hash;
  }
}

// The same crime reported, and the same request retried, by several callers at once: one
// referral is stored and every caller is answered with it.
TEST_F(ReferralCreationTest, ConcurrentRepeatsStoreOneReferral) {
  constexpr int kThreads = 4;
  constexpr int kRounds = 5;
  for (int round = 0; round < kRounds; ++round) {
    std::mutex mutex;
    std::vector<IntakeOutcome> answers;
    std::vector<std::string> errors;
    std::vector<std::thread> threads;
    const bool by_key = round % 2 == 1;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        const int n = round * kThreads + t + 1;
        std::optional<IdempotencyRecord> key;
        StoredReferral r;
        if (by_key) {
          r = referral(n);
          key = idempotency(kPolice, "key-" + std::to_string(round), "hash-a");
        } else {
          r = referral(n, "XX/INV/R" + std::to_string(round) + "/26", "victim-key-1");
        }
        auto created = create_with(r, kPrefix, key, audit_entry("referral.create"));
        std::lock_guard lock(mutex);
        if (created) {
          answers.push_back(*created);
        } else {
          errors.push_back(created.error().code + ": " + created.error().message);
        }
      });
    }
    for (auto& thread : threads) thread.join();
    ASSERT_TRUE(errors.empty()) << errors.front();
    ASSERT_EQ(answers.size(), static_cast<std::size_t>(kThreads));
    const auto created = std::count_if(answers.begin(), answers.end(),
                                       [](const IntakeOutcome& a) { return a.created(); });
    EXPECT_EQ(created, 1) << "round " << round;
    std::set<std::string> references;
    for (const auto& a : answers) {
      references.insert(a.referral.reference);
      if (!a.created()) {
        EXPECT_EQ(a.kind, by_key ? Kind::kReplayed : Kind::kDuplicate);
      }
    }
    EXPECT_EQ(references.size(), 1u) << "round " << round;
    EXPECT_EQ(count(), round + 1);
  }
  // No numbers were lost to the losers.
  EXPECT_EQ(create(referral(99)).referral.reference, "MY-2026-000006");
}


}  // namespace
}  // namespace vg::store::testing

namespace vg::store::testing {
namespace {

// Every referral opens its case in the same transaction: held by its area's team, with the
// facts and clocks its assessment gave; a duplicate opens none.
TEST_F(ReferralCreationTest, EachNewReferralOpensItsCaseInItsAreaTeamsQueue) {
  ASSERT_TRUE(store_->cases()
                  .upsert_team({uuid(50), kGateway, "invented-area", "Invented team"}, audit_entry("team.upsert"))
                  .has_value());
  casework::CaseOpening opening;
  opening.local_authority = "E08000012";
  opening.risk_rank = 2;
  opening.enhanced = true;
  opening.needs_skills = {"idva"};
  opening.deadlines = {{"first_contact", std::chrono::year{2026} / 12 / 7, {}, 0},
                       {"needs_assessment", std::chrono::year{2026} / 12 / 11, {}, 5}};
  auto created = creation().create(NewReferral{referral(1, "XX/1", "victim-1"), kPrefix, std::nullopt,
                                               audit_entry("referral.create"), opening});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  auto c = store_->cases().find(created->referral.id).value();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->reference, created->referral.reference);
  EXPECT_EQ(c->team_id, uuid(50));
  EXPECT_EQ(c->holder_organisation_id, kGateway);
  EXPECT_EQ(c->risk_rank, 2);
  EXPECT_TRUE(c->enhanced);
  EXPECT_EQ(c->next_due, std::chrono::year{2026} / 12 / 7);
  EXPECT_EQ(store_->cases().deadlines(c->id).value().size(), 2u);
  // The same sender's repeat is the stored referral's duplicate: no second case.
  auto again = creation().create(NewReferral{referral(2, "XX/1", "victim-1"), kPrefix, std::nullopt,
                                             audit_entry("referral.create"), opening});
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->created());
  EXPECT_FALSE(store_->cases().find(uuid(102)).value());
}


// Rule 4: the same person from another channel, for another crime, is flagged on the later
// referral as a possible duplicate of the earlier open case; the keys are the opening's own.
class PersonRepeatTest : public ReferralCreationTest {
 protected:
  IntakeOutcome create_person(int n, std::vector<std::string> keys, const std::string& area = "invented-area",
                              const std::string& crime = "") {
    auto r = referral(n, crime, crime.empty() ? "" : "victim-" + std::to_string(n));
    r.area = area;
    casework::CaseOpening opening;
    opening.match_keys = std::move(keys);
    auto created = creation().create(NewReferral{r, kPrefix, std::nullopt, audit_entry("referral.create"), opening});
    EXPECT_TRUE(created.has_value()) << created.error().message;
    return created ? *created : IntakeOutcome{};
  }

  void close_case(const std::string& id) {
    auto closed = store_->write([&](UnitOfWork& unit) -> Result<void> {
      auto c = VG_TRY(unit.cases().find(id));
      if (!c) return fail("not_found", "no case");
      auto changed = *c;
      changed.status = casework::CaseStatus::kClosed;
      return unit.cases().update(changed, c->version);
    });
    ASSERT_TRUE(closed.has_value()) << closed.error().message;
  }

  bool flagged(const std::string& id) {
    auto c = store_->cases().find(id).value();
    EXPECT_TRUE(c);
    return c && c->possible_duplicate;
  }
};

TEST_F(PersonRepeatTest, ALaterReferralSharingAKeyIsFlaggedAgainstTheEarliestOpenCase) {
  auto first = create_person(1, {"person:ann example|1990-01-02"});
  auto second = create_person(2, {"phone:01514960000"});
  auto third = create_person(3, {"phone:01514960000", "person:ann example|1990-01-02"});
  EXPECT_TRUE(third.created());
  EXPECT_EQ(third.referral.possible_duplicate_of, first.referral.id);  // the earliest of the two
  EXPECT_TRUE(flagged(third.referral.id));
  EXPECT_FALSE(flagged(first.referral.id));
  EXPECT_FALSE(flagged(second.referral.id));
  EXPECT_EQ(second.referral.possible_duplicate_of, "");
}

TEST_F(PersonRepeatTest, NoSharedKeyNoOtherAreaAndNoClosedCaseFlagNothing) {
  auto first = create_person(1, {"person:ann example|1990-01-02"});
  EXPECT_EQ(create_person(2, {"person:ann example|1990-01-03"}).referral.possible_duplicate_of, "");
  EXPECT_EQ(create_person(3, {"person:ann example|1990-01-02"}, "other-invented-area").referral.possible_duplicate_of, "");
  EXPECT_EQ(create_person(4, {}).referral.possible_duplicate_of, "");
  close_case(first.referral.id);
  EXPECT_EQ(create_person(5, {"person:ann example|1990-01-02"}).referral.possible_duplicate_of, "");
}

TEST_F(PersonRepeatTest, WithinOneBatchALaterItemIsFlaggedAgainstAnEarlierOne) {
  std::vector<app::OpeningReferral> batch;
  for (int n : {1, 2, 3}) {
    casework::CaseOpening opening;
    opening.match_keys = {n == 2 ? "phone:07700900999" : "phone:07700900123"};
    batch.push_back({referral(n), opening});
  }
  auto created = creation().create_batch(std::move(batch), kPrefix, audit_entry("referral.create"));
  ASSERT_TRUE(created.has_value()) << created.error().message;
  ASSERT_EQ(created->size(), 3u);
  EXPECT_EQ((*created)[0].referral.possible_duplicate_of, "");
  EXPECT_EQ((*created)[1].referral.possible_duplicate_of, "");
  EXPECT_EQ((*created)[2].referral.possible_duplicate_of, (*created)[0].referral.id);
  EXPECT_TRUE(flagged((*created)[2].referral.id));
}

TEST_F(PersonRepeatTest, ACrimeLinkIsKeptOverAPersonLink) {
  auto first = create_person(1, {"phone:01514960000"});
  auto crime = create_person(2, {}, "invented-area", "XX/9");
  // The same crime from a partner, sharing the first referral's phone: the crime decides.
  auto r = from_sender(referral(3, "XX/9", "victim-2"), kPartner, "partner");
  casework::CaseOpening opening;
  opening.match_keys = {"phone:01514960000"};
  auto partner = creation().create(NewReferral{r, kPrefix, std::nullopt, audit_entry("referral.create"), opening});
  ASSERT_TRUE(partner.has_value()) << partner.error().message;
  EXPECT_EQ(partner->referral.possible_duplicate_of, crime.referral.id);
  EXPECT_NE(first.referral.id, crime.referral.id);
}

// As with crimes, the force's own referral is never the one held by another sender's: the
// earlier self-referral is held instead; a second force referral of the person is flagged as a
// repeat of the force's first.
TEST_F(PersonRepeatTest, WhenTheForcesReferralComesSecondTheEarlierOneIsHeld) {
  auto self = from_sender(referral(1), "", "self");
  casework::CaseOpening opening;
  opening.match_keys = {"phone:07700900123"};
  auto first = creation().create(NewReferral{self, kPrefix, std::nullopt, audit_entry("referral.create"), opening});
  ASSERT_TRUE(first.has_value()) << first.error().message;
  auto force = create_person(2, {"phone:07700900123"});
  EXPECT_EQ(force.referral.possible_duplicate_of, "");
  EXPECT_FALSE(flagged(force.referral.id));
  EXPECT_TRUE(flagged(first->referral.id));
  auto again = create_person(3, {"phone:07700900123"});
  EXPECT_EQ(again.referral.possible_duplicate_of, force.referral.id);
}

// A number more than fifty referrals give (a switchboard's, a refuge's) names no one: once it is
// that common, a new referral giving it is not linked on it, and its cost stays bounded.
TEST_F(PersonRepeatTest, AKeyThatManyReferralsShareLinksNothing) {
  std::vector<app::OpeningReferral> batch;
  for (int n = 1; n <= 51; ++n) {
    casework::CaseOpening opening;
    opening.match_keys = {"phone:01514960999"};
    batch.push_back({from_sender(referral(n), "", "self"), opening});
  }
  auto created = creation().create_batch(std::move(batch), kPrefix, audit_entry("referral.create"));
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ((*created)[1].referral.possible_duplicate_of, (*created)[0].referral.id);  // not yet common
  auto later = create_person(60, {"phone:01514960999"});
  EXPECT_EQ(later.referral.possible_duplicate_of, "");
  // A rarer key of the same referral still links.
  auto rare = create_person(61, {"phone:01514960999", "person:ann example|1990-01-02"});
  auto again = create_person(62, {"phone:01514960999", "person:ann example|1990-01-02"});
  EXPECT_EQ(rare.referral.possible_duplicate_of, "");
  EXPECT_EQ(again.referral.possible_duplicate_of, rare.referral.id);
}

// Once a create has found a key common, the key is marked so: later lookups read that one mark,
// not the fifty-one referrals sharing it. Seen from outside, a lookup that would allow a
// thousand sharers still answers nothing for it, and a new referral giving it is not linked.
TEST_F(PersonRepeatTest, AKeyFoundCommonIsNotReadAgain) {
  std::vector<app::OpeningReferral> batch;
  for (int n = 1; n <= 51; ++n) {
    casework::CaseOpening opening;
    opening.match_keys = {"phone:01514960888"};
    batch.push_back({from_sender(referral(n), "", "self"), opening});
  }
  ASSERT_TRUE(creation().create_batch(std::move(batch), kPrefix, audit_entry("referral.create")).has_value());
  const auto digest = app::person_key_digest("phone:01514960888");
  auto lookup = [&](int common_above) {
    std::vector<PersonKeyMatch> matches;
    auto read = store_->write([&](UnitOfWork& unit) -> Result<void> {
      matches = VG_TRY(unit.referrals().open_cases_with_person_keys({digest}, common_above));
      return {};
    });
    EXPECT_TRUE(read.has_value());
    return matches;
  };
  EXPECT_EQ(lookup(1000).size(), 51u);  // not yet found common: every sharer's open case
  EXPECT_EQ(create_person(60, {"phone:01514960888"}).referral.possible_duplicate_of, "");  // finds it common
  EXPECT_TRUE(lookup(1000).empty());
  EXPECT_EQ(create_person(61, {"phone:01514960888"}).referral.possible_duplicate_of, "");
  EXPECT_TRUE(lookup(1000).empty());
}

TEST_F(PersonRepeatTest, TheStoredKeysAreDigestsNeverTheKeysThemselves) {
  auto first = create_person(1, {"person:ann example|1990-01-02", "phone:01514960000"});
  auto found = [&](const std::string& digest) {
    std::vector<PersonKeyMatch> matches;
    auto read = store_->write([&](UnitOfWork& unit) -> Result<void> {
      matches = VG_TRY(unit.referrals().open_cases_with_person_keys({digest}, 50));
      return {};
    });
    EXPECT_TRUE(read.has_value());
    return matches;
  };
  const auto by_digest = found(app::person_key_digest("phone:01514960000"));
  ASSERT_EQ(by_digest.size(), 1u);
  EXPECT_EQ(by_digest.front().case_id, first.referral.id);
  EXPECT_EQ(by_digest.front().area, "invented-area");
  EXPECT_TRUE(found("phone:01514960000").empty());
  EXPECT_TRUE(found("person:ann example|1990-01-02").empty());
  EXPECT_EQ(app::person_key_digest("phone:01514960000").size(), 32u);
  EXPECT_NE(app::person_key_digest("phone:01514960000"), app::person_key_digest("phone:01514960001"));
}

}  // namespace
}  // namespace vg::store::testing
