// Conformance: referrals (references, duplicates, idempotency, batches), API keys and their audit
// entries, the same on every backend. Every person, force and crime reference here is invented.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <thread>

#include "store_fixture.h"

namespace vg::store::testing {
namespace {

const std::string kGateway = uuid(1);
const std::string kPolice = uuid(2);
const std::string kPartner = uuid(3);
const std::string kPrefix = "MY-2026-";

class ReferralTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    add_organisations();
  }

  void add_organisations() {
    for (const auto& [id, name, kind] : {std::tuple{kGateway, "Invented Hub", "gateway"},
                                         std::tuple{kPolice, "Invented Constabulary", "police"},
                                         std::tuple{kPartner, "Invented Partner", "partner"}}) {
      ASSERT_TRUE(store_->accounts()
                      .upsert_organisation({id, name, kind}, audit_entry("organisation.upsert", id))
                      .has_value());
    }
  }

  ReferralRepository& referrals() { return store_->referrals(); }

  // A police referral for crime `crime_reference` and victim `victim_key` (either may be empty).
  static StoredReferral referral(int n, const std::string& crime_reference = "",
                                 const std::string& victim_key = "") {
    StoredReferral r;
    r.id = uuid(100 + n);
    r.reference = "ignored";  // the store assigns it
    r.area = "invented-area";
    r.channel = "police";
    r.received_at = at(std::chrono::minutes(n) + 123456789ns);  // sub-second precision kept
    r.source_organisation_id = kPolice;
    r.police_force_code = "XX";
    r.crime_reference = crime_reference;
    r.victim_key = victim_key;
    r.consent_state = "given";
    r.outcome = "routed";
    r.service_id = uuid(900);
    r.rule_set_version = "invented-rules-1";
    r.document = R"({"victim":{"name":"Invented Person )" + std::to_string(n) + R"("}})";
    r.assessment = R"({"risk":"standard","n":)" + std::to_string(n) + "}";
    return r;
  }

  static IdempotencyRecord idempotency(const std::string& organisation_id, const std::string& key,
                                       const std::string& request_hash) {
    IdempotencyRecord record;
    record.organisation_id = organisation_id;
    record.key = key;
    record.request_hash = request_hash;
    record.status = 201;
    record.response_body = R"({"reference":"{{reference}}","self":"/r/{{reference}}"})";
    record.created_at = at(5s + 42ns);
    return record;
  }

  // Creates `r` with no idempotency key; fails the test on error.
  ReferralCreated create(const StoredReferral& r, const std::string& prefix = kPrefix) {
    auto created = referrals().create(r, prefix, std::nullopt, audit_entry("referral.create"));
    EXPECT_TRUE(created.has_value()) << created.error().code << ": " << created.error().message;
    return created ? *created : ReferralCreated{};
  }

  std::int64_t count() { return referrals().count().value(); }
};

void expect_same_referral(const StoredReferral& actual, const StoredReferral& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.reference, expected.reference);
  EXPECT_EQ(actual.area, expected.area);
  EXPECT_EQ(actual.channel, expected.channel);
  EXPECT_EQ(actual.received_at, expected.received_at);
  EXPECT_EQ(actual.source_organisation_id, expected.source_organisation_id);
  EXPECT_EQ(actual.police_force_code, expected.police_force_code);
  EXPECT_EQ(actual.crime_reference, expected.crime_reference);
  EXPECT_EQ(actual.victim_key, expected.victim_key);
  EXPECT_EQ(actual.consent_state, expected.consent_state);
  EXPECT_EQ(actual.outcome, expected.outcome);
  EXPECT_EQ(actual.service_id, expected.service_id);
  EXPECT_EQ(actual.rule_set_version, expected.rule_set_version);
  EXPECT_EQ(actual.document, expected.document);
  EXPECT_EQ(actual.assessment, expected.assessment);
  EXPECT_EQ(actual.possible_duplicate_of, expected.possible_duplicate_of);
}

TEST_F(ReferralTest, CreateAssignsConsecutiveReferencesFromOne) {
  auto first = create(referral(1));
  EXPECT_TRUE(first.created);
  EXPECT_EQ(first.duplicate_of, "");
  EXPECT_EQ(first.replay, std::nullopt);
  EXPECT_EQ(first.referral.reference, "MY-2026-000001");
  EXPECT_EQ(first.referral.id, uuid(101));
  auto second = create(referral(2));
  EXPECT_TRUE(second.created);
  EXPECT_EQ(second.referral.reference, "MY-2026-000002");
  EXPECT_EQ(count(), 2);
}

TEST_F(ReferralTest, EachPrefixCountsSeparately) {
  EXPECT_EQ(create(referral(1), "MY-2026-").referral.reference, "MY-2026-000001");
  EXPECT_EQ(create(referral(2), "MY-2027-").referral.reference, "MY-2027-000001");
  EXPECT_EQ(create(referral(3), "MY-2026-").referral.reference, "MY-2026-000002");
  EXPECT_EQ(create(referral(4), "GM-2026-").referral.reference, "GM-2026-000001");
  EXPECT_EQ(create(referral(5), "MY-2027-").referral.reference, "MY-2027-000002");
}

TEST_F(ReferralTest, EmptyPrefixIsRefused) {
  auto result = referrals().create(referral(1), "", std::nullopt, audit_entry("referral.create"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "validation_failed");
  EXPECT_EQ(count(), 0);
}

TEST_F(ReferralTest, FindAndFindByReferenceReturnEveryFieldAsStored) {
  const auto original = referral(1, "XX/INV/0001/26", "victim-key-1");
  const auto created = create(original);
  auto expected = original;
  expected.reference = "MY-2026-000001";
  expect_same_referral(created.referral, expected);

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
  self.channel = "self";
  self.source_organisation_id = "";
  self.police_force_code = "";
  self.service_id = "";
  self.outcome = "queued";
  const auto created = create(self);
  ASSERT_TRUE(created.created);
  auto found = referrals().find(self.id).value();
  ASSERT_TRUE(found);
  self.reference = created.referral.reference;
  expect_same_referral(*found, self);
}

TEST_F(ReferralTest, UnknownSourceOrganisationIsRefusedAndWritesNothing) {
  auto r = referral(1);
  r.source_organisation_id = uuid(98);
  const auto audit_before = audit_count();
  auto result = referrals().create(r, kPrefix, std::nullopt, audit_entry("referral.create"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "validation_failed");
  EXPECT_EQ(count(), 0);
  EXPECT_EQ(audit_count(), audit_before);
  // The number it would have had is still free.
  EXPECT_EQ(create(referral(2)).referral.reference, "MY-2026-000001");
}

TEST_F(ReferralTest, ReusedIdIsAConflictAndKeepsItsNumber) {
  create(referral(1));
  auto again = referral(1);
  again.crime_reference = "XX/INV/0009/26";
  again.victim_key = "victim-key-9";
  auto result = referrals().create(again, kPrefix, std::nullopt, audit_entry("referral.create"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "conflict");
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(create(referral(2)).referral.reference, "MY-2026-000002");
}

TEST_F(ReferralTest, SameForceCrimeReferenceAndVictimReturnsTheFirst) {
  const auto first = create(referral(1, "XX/INV/0001/26", "victim-key-1"));
  ASSERT_TRUE(first.created);
  const auto audit_before = audit_count();
  auto repeat = referral(2, "XX/INV/0001/26", "victim-key-1");
  repeat.document = R"({"victim":{"name":"Invented Person again"}})";
  const auto second = create(repeat);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.duplicate_of, "crime_reference");
  EXPECT_EQ(second.replay, std::nullopt);
  expect_same_referral(second.referral, first.referral);
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(audit_count(), audit_before);
  EXPECT_EQ(referrals().find(uuid(102)).value(), std::nullopt);
  // No number was used up by the duplicate.
  EXPECT_EQ(create(referral(3)).referral.reference, "MY-2026-000002");
}

TEST_F(ReferralTest, AnotherVictimOrForceOfTheSameCrimeReferenceIsANewReferral) {
  EXPECT_TRUE(create(referral(1, "XX/INV/0001/26", "victim-key-1")).created);
  const auto other_victim = create(referral(2, "XX/INV/0001/26", "victim-key-2"));
  EXPECT_TRUE(other_victim.created);
  EXPECT_EQ(other_victim.referral.reference, "MY-2026-000002");
  auto other_force = referral(3, "XX/INV/0001/26", "victim-key-1");
  other_force.police_force_code = "YY";
  EXPECT_TRUE(create(other_force).created);
  EXPECT_EQ(count(), 3);
}

TEST_F(ReferralTest, EmptyCrimeReferenceOrVictimKeyNeverCountsAsADuplicate) {
  EXPECT_TRUE(create(referral(1, "", "victim-key-1")).created);
  EXPECT_TRUE(create(referral(2, "", "victim-key-1")).created);
  EXPECT_TRUE(create(referral(3, "XX/INV/0001/26", "")).created);
  EXPECT_TRUE(create(referral(4, "XX/INV/0001/26", "")).created);
  auto no_force = referral(5, "XX/INV/0001/26", "victim-key-1");
  no_force.police_force_code = "";
  EXPECT_TRUE(create(no_force).created);
  no_force.id = uuid(106);
  EXPECT_TRUE(create(no_force).created);
  EXPECT_EQ(count(), 6);
}

// The same crime and victim from another sender: `referral(n, …)` re-sent by `organisation` on
// `channel` (empty organisation: the public).
StoredReferral from_sender(StoredReferral r, const std::string& organisation, const std::string& channel) {
  r.source_organisation_id = organisation;
  r.channel = channel;
  return r;
}

TEST_F(ReferralTest, AnotherSendersReferralOfTheSameCrimeIsStoredBesideItAndHeld) {
  const auto force = create(referral(1, "XX/INV/0001/26", "victim-key-1"));
  ASSERT_TRUE(force.created);
  const auto partner = create(from_sender(referral(2, "XX/INV/0001/26", "victim-key-1"), kPartner, "partner"));
  // Nothing of the force's referral comes back to the partner: it gets its own, held.
  EXPECT_TRUE(partner.created);
  EXPECT_EQ(partner.duplicate_of, "");
  EXPECT_EQ(partner.referral.id, uuid(102));
  EXPECT_EQ(partner.referral.reference, "MY-2026-000002");
  EXPECT_EQ(partner.referral.possible_duplicate_of, uuid(101));
  EXPECT_EQ(referrals().find(uuid(102)).value()->possible_duplicate_of, uuid(101));
  EXPECT_EQ(referrals().find(uuid(101)).value()->possible_duplicate_of, "");
  // The partner's own repeat is its own duplicate, answered with its own referral.
  const auto again = create(from_sender(referral(3, "XX/INV/0001/26", "victim-key-1"), kPartner, "partner"));
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.referral.id, uuid(102));
  EXPECT_EQ(count(), 2);
}

TEST_F(ReferralTest, APlantedReferralNeverDropsTheForcesOwnAndIsHeldWhenItArrives) {
  const auto planted = create(from_sender(referral(1, "XX/INV/0001/26", "victim-key-1"), kPartner, "partner"));
  ASSERT_TRUE(planted.created);
  EXPECT_EQ(planted.referral.possible_duplicate_of, "");
  const auto audit_before = audit_count();
  const auto force = create(referral(2, "XX/INV/0001/26", "victim-key-1"));
  EXPECT_TRUE(force.created);
  EXPECT_EQ(force.referral.possible_duplicate_of, "");
  EXPECT_EQ(referrals().find(uuid(101)).value()->possible_duplicate_of, uuid(102));
  EXPECT_EQ(count(), 2);
  // The hold is audited: the create and the hold.
  auto entries = store_->audit().read(0, 1000).value();
  ASSERT_EQ(static_cast<std::int64_t>(entries.size()), audit_before + 2);
  EXPECT_EQ(entries.back().action, "referral.hold_possible_duplicate");
  EXPECT_EQ(entries.back().entity_id, uuid(101));
  // A referral already held keeps what it was first held for.
  EXPECT_TRUE(create(from_sender(referral(3, "XX/INV/0001/26", "victim-key-1"), kGateway, "phone")).created);
  EXPECT_EQ(referrals().find(uuid(101)).value()->possible_duplicate_of, uuid(102));
  EXPECT_EQ(referrals().find(uuid(103)).value()->possible_duplicate_of, uuid(102));
}

TEST_F(ReferralTest, SelfReferralsOfACrimeAreNeverAnsweredWithAnotherReferral) {
  create(referral(1, "XX/INV/0001/26", "victim-key-1"));
  for (int n : {2, 3}) {
    const auto self = create(from_sender(referral(n, "XX/INV/0001/26", "victim-key-1"), "", "self"));
    EXPECT_TRUE(self.created) << n;
    EXPECT_EQ(self.referral.id, uuid(100 + n));
    EXPECT_EQ(self.referral.possible_duplicate_of, uuid(101)) << "held against the force's";
  }
  EXPECT_EQ(count(), 3);
}

TEST_F(ReferralTest, InOneGroupTheForcesReferralHoldsAnEarlierPlantedOne) {
  std::vector<NewReferral> items{
      {from_sender(referral(1, "XX/INV/0001/26", "victim-key-1"), kPartner, "partner"), kPrefix,
       std::nullopt, audit_entry("referral.create")},
      {referral(2, "XX/INV/0001/26", "victim-key-1"), kPrefix, std::nullopt,
       audit_entry("referral.create")},
      {from_sender(referral(3, "XX/INV/0001/26", "victim-key-1"), kGateway, "phone"), kPrefix,
       std::nullopt, audit_entry("referral.create")},
  };
  auto answers = referrals().create_each(items);
  ASSERT_EQ(answers.size(), 3u);
  for (const auto& a : answers) ASSERT_TRUE(a.has_value() && a->created);
  EXPECT_EQ(referrals().find(uuid(101)).value()->possible_duplicate_of, uuid(102));
  EXPECT_EQ(referrals().find(uuid(102)).value()->possible_duplicate_of, "");
  EXPECT_EQ(referrals().find(uuid(103)).value()->possible_duplicate_of, uuid(102));
  EXPECT_EQ(count(), 3);
}

TEST_F(ReferralTest, IdempotentReplayReturnsTheStoredAnswer) {
  const auto key = idempotency(kPolice, "key-1", "hash-a");
  auto first = referrals().create(referral(1), kPrefix, key, audit_entry("referral.create"));
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->referral.reference, "MY-2026-000001");
  const auto audit_before = audit_count();

  // The client's retry: the same key and body, which the caller turned into a new referral id.
  auto retry = referrals().create(referral(2), kPrefix, key, audit_entry("referral.create"));
  ASSERT_TRUE(retry.has_value()) << retry.error().message;
  EXPECT_FALSE(retry->created);
  EXPECT_EQ(retry->duplicate_of, "idempotency");
  expect_same_referral(retry->referral, first->referral);
  ASSERT_TRUE(retry->replay);
  EXPECT_EQ(retry->replay->organisation_id, kPolice);
  EXPECT_EQ(retry->replay->key, "key-1");
  EXPECT_EQ(retry->replay->request_hash, "hash-a");
  EXPECT_EQ(retry->replay->status, 201);
  EXPECT_EQ(retry->replay->response_body,
            R"({"reference":"MY-2026-000001","self":"/r/MY-2026-000001"})");
  EXPECT_EQ(retry->replay->referral_id, uuid(101));
  EXPECT_EQ(retry->replay->created_at, at(5s + 42ns));
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(audit_count(), audit_before);
}

TEST_F(ReferralTest, SameIdempotencyKeyWithAnotherRequestIsAConflict) {
  ASSERT_TRUE(referrals()
                  .create(referral(1), kPrefix, idempotency(kPolice, "key-1", "hash-a"),
                          audit_entry("referral.create"))
                  .has_value());
  auto other = referrals().create(referral(2), kPrefix, idempotency(kPolice, "key-1", "hash-b"),
                                  audit_entry("referral.create"));
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, "conflict");
  EXPECT_EQ(count(), 1);
}

TEST_F(ReferralTest, SameIdempotencyKeyFromAnotherOrganisationIsIndependent) {
  auto from_police =
      referrals().create(referral(1), kPrefix, idempotency(kPolice, "key-1", "hash-a"),
                         audit_entry("referral.create"));
  ASSERT_TRUE(from_police.has_value());
  auto from_partner =
      referrals().create(referral(2), kPrefix, idempotency(kPartner, "key-1", "hash-b"),
                         audit_entry("referral.create"));
  ASSERT_TRUE(from_partner.has_value()) << from_partner.error().message;
  EXPECT_TRUE(from_partner->created);
  EXPECT_EQ(from_partner->referral.reference, "MY-2026-000002");
  // Each organisation's key still replays its own answer.
  auto replay = referrals().create(referral(3), kPrefix, idempotency(kPartner, "key-1", "hash-b"),
                                   audit_entry("referral.create"));
  ASSERT_TRUE(replay.has_value());
  ASSERT_TRUE(replay->replay);
  EXPECT_EQ(replay->referral.id, uuid(102));
  EXPECT_EQ(replay->replay->response_body,
            R"({"reference":"MY-2026-000002","self":"/r/MY-2026-000002"})");
  EXPECT_EQ(count(), 2);
}

TEST_F(ReferralTest, CrimeReferenceDuplicateStoresNoIdempotencyRecord) {
  const auto first = create(referral(1, "XX/INV/0001/26", "victim-key-1"));
  auto duplicate =
      referrals().create(referral(2, "XX/INV/0001/26", "victim-key-1"), kPrefix,
                         idempotency(kPolice, "key-1", "hash-a"), audit_entry("referral.create"));
  ASSERT_TRUE(duplicate.has_value());
  EXPECT_FALSE(duplicate->created);
  EXPECT_EQ(duplicate->duplicate_of, "crime_reference");
  EXPECT_EQ(duplicate->replay, std::nullopt);
  EXPECT_EQ(duplicate->referral.id, first.referral.id);
  // The key was not kept: used again with another body it is free, not a conflict.
  auto later = referrals().create(referral(3), kPrefix, idempotency(kPolice, "key-1", "hash-b"),
                                  audit_entry("referral.create"));
  ASSERT_TRUE(later.has_value()) << later.error().message;
  EXPECT_TRUE(later->created);
}

TEST_F(ReferralTest, IdempotencyRecordOfUnknownOrganisationIsRefused) {
  auto result = referrals().create(referral(1), kPrefix, idempotency(uuid(98), "key-1", "hash-a"),
                                   audit_entry("referral.create"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "validation_failed");
  EXPECT_EQ(count(), 0);
}

// Group commit (create_each): every item as `create` would, in order, in one transaction.
TEST_F(ReferralTest, GroupAnswersEachItemInOrderAsCreateWould) {
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
  auto answers = referrals().create_each(group);
  ASSERT_EQ(answers.size(), group.size());
  ASSERT_TRUE(answers[0].has_value()) << answers[0].error().message;
  EXPECT_TRUE(answers[0]->created);
  EXPECT_EQ(answers[0]->referral.reference, "MY-2026-000002");
  ASSERT_TRUE(answers[1].has_value());
  EXPECT_FALSE(answers[1]->created);
  EXPECT_EQ(answers[1]->duplicate_of, "crime_reference");
  EXPECT_EQ(answers[1]->referral.id, stored.referral.id);
  ASSERT_TRUE(answers[2].has_value());
  EXPECT_FALSE(answers[2]->created);
  EXPECT_EQ(answers[2]->duplicate_of, "idempotency");
  EXPECT_EQ(answers[2]->referral.id, uuid(102));
  ASSERT_TRUE(answers[2]->replay.has_value());
  EXPECT_EQ(answers[2]->replay->response_body,
            R"({"reference":"MY-2026-000002","self":"/r/MY-2026-000002"})");
  ASSERT_FALSE(answers[3].has_value());
  EXPECT_EQ(answers[3].error().code, "conflict");
  ASSERT_FALSE(answers[4].has_value());
  EXPECT_EQ(answers[4].error().code, "validation_failed");
  ASSERT_TRUE(answers[5].has_value()) << answers[5].error().message;
  EXPECT_TRUE(answers[5]->created);
  EXPECT_EQ(answers[5]->referral.reference, "MY-2027-000001");
  EXPECT_EQ(count(), 3);
  EXPECT_EQ(audit_count(), audit_before + 2);
  EXPECT_EQ(referrals().find(uuid(105)).value(), std::nullopt);
  EXPECT_EQ(referrals().find(uuid(106)).value(), std::nullopt);
}

TEST_F(ReferralTest, AnItemThatFailsToWriteCostsTheRestOfItsGroupNothing) {
  auto unknown = referral(3);
  unknown.source_organisation_id = uuid(98);  // no such organisation: its insert fails
  std::vector<NewReferral> group;
  for (const auto& r : {referral(1), referral(2), unknown, referral(4)}) {
    group.push_back(NewReferral{r, kPrefix, std::nullopt, audit_entry("referral.create")});
  }
  const auto audit_before = audit_count();
  auto answers = referrals().create_each(group);
  ASSERT_EQ(answers.size(), 4u);
  ASSERT_FALSE(answers[2].has_value());
  EXPECT_EQ(answers[2].error().code, "validation_failed");
  std::vector<std::string> references;
  for (std::size_t i : {0u, 1u, 3u}) {
    ASSERT_TRUE(answers[i].has_value()) << i << ": " << answers[i].error().message;
    EXPECT_TRUE(answers[i]->created);
    references.push_back(answers[i]->referral.reference);
  }
  // The failed item gave its number back: no gap.
  EXPECT_EQ(references, (std::vector<std::string>{"MY-2026-000001", "MY-2026-000002", "MY-2026-000003"}));
  EXPECT_EQ(count(), 3);
  EXPECT_EQ(audit_count(), audit_before + 3);
  EXPECT_EQ(referrals().find(uuid(103)).value(), std::nullopt);
}

TEST_F(ReferralTest, AnEmptyGroupHasNoAnswers) {
  EXPECT_TRUE(referrals().create_each({}).empty());
  EXPECT_EQ(count(), 0);
}

TEST_F(ReferralTest, BatchFlagsNewDuplicatesAndRepeatsWithNoGaps) {
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
  auto result = referrals().create_batch(batch, kPrefix, audit_entry("referral.import"));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  ASSERT_EQ(result->size(), 5u);
  const auto& r = *result;
  EXPECT_TRUE(r[0].created);
  EXPECT_EQ(r[0].referral.id, uuid(102));
  EXPECT_EQ(r[0].referral.reference, "MY-2026-000002");
  EXPECT_FALSE(r[1].created);
  EXPECT_EQ(r[1].duplicate_of, "crime_reference");
  EXPECT_EQ(r[1].referral.id, uuid(101));
  EXPECT_EQ(r[1].referral.reference, "MY-2026-000001");
  EXPECT_TRUE(r[2].created);
  EXPECT_EQ(r[2].referral.reference, "MY-2026-000003");
  EXPECT_FALSE(r[3].created);
  EXPECT_EQ(r[3].duplicate_of, "crime_reference");
  EXPECT_EQ(r[3].referral.id, uuid(102));
  EXPECT_EQ(r[3].referral.reference, "MY-2026-000002");
  EXPECT_TRUE(r[4].created);
  EXPECT_EQ(r[4].referral.reference, "MY-2026-000004");
  for (const auto& one : r) EXPECT_EQ(one.replay, std::nullopt);
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

TEST_F(ReferralTest, EmptyBatchStoresNothing) {
  auto result = referrals().create_batch({}, kPrefix, audit_entry("referral.import"));
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->empty());
  EXPECT_EQ(count(), 0);
}

TEST_F(ReferralTest, FailureInsideABatchLeavesNothingBehind) {
  create(referral(1));
  const auto audit_before = audit_count();
  // The third item reuses the second's id: the primary key refuses it after two inserts.
  auto reused = referral(3);
  reused.id = uuid(102);
  auto result = referrals().create_batch(
      {referral(2, "XX/INV/0002/26", "victim-key-2"), referral(4), reused, referral(5)}, kPrefix,
      audit_entry("referral.import"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "conflict");
  // An unknown organisation on the last item: the foreign key refuses it.
  auto unknown = referral(6);
  unknown.source_organisation_id = uuid(98);
  result =
      referrals().create_batch({referral(7), unknown}, kPrefix, audit_entry("referral.import"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "validation_failed");

  EXPECT_EQ(count(), 1);
  EXPECT_EQ(audit_count(), audit_before);
  for (int n : {2, 4, 5, 7}) EXPECT_EQ(referrals().find(uuid(100 + n)).value(), std::nullopt);
  // The counter is where it was, and the crime reference is still free.
  const auto next = create(referral(2, "XX/INV/0002/26", "victim-key-2"));
  EXPECT_TRUE(next.created);
  EXPECT_EQ(next.referral.reference, "MY-2026-000002");
}

TEST_F(ReferralTest, EveryCreateAppendsOneAuditEntryAndTheChainHolds) {
  const auto before = audit_count();
  for (int n = 1; n <= 3; ++n) {
    auto entry = audit_entry("referral.create", "replaced-by-the-store");
    entry.at = at(std::chrono::seconds(n) + 7ns);
    entry.actor = "api-key:" + uuid(50);
    entry.entity_type = "referral";
    ASSERT_TRUE(referrals().create(referral(n), kPrefix, std::nullopt, entry).has_value());
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

// --- concurrency -------------------------------------------------------------------------------

TEST_F(ReferralTest, ConcurrentCreatesGetDistinctConsecutiveReferences) {
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
        auto created = referrals().create(r, kPrefix, std::nullopt, audit_entry("referral.create"));
        std::lock_guard lock(mutex);
        if (!created) {
          errors.push_back(created.error().code + ": " + created.error().message);
        } else if (!created->created) {
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
TEST_F(ReferralTest, ConcurrentRepeatsStoreOneReferral) {
  constexpr int kThreads = 4;
  constexpr int kRounds = 5;
  for (int round = 0; round < kRounds; ++round) {
    std::mutex mutex;
    std::vector<ReferralCreated> answers;
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
        auto created = referrals().create(r, kPrefix, key, audit_entry("referral.create"));
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
                                       [](const ReferralCreated& a) { return a.created; });
    EXPECT_EQ(created, 1) << "round " << round;
    std::set<std::string> references;
    for (const auto& a : answers) {
      references.insert(a.referral.reference);
      if (!a.created) {
        EXPECT_EQ(a.duplicate_of, by_key ? "idempotency" : "crime_reference");
      }
    }
    EXPECT_EQ(references.size(), 1u) << "round " << round;
    EXPECT_EQ(count(), round + 1);
  }
  // No numbers were lost to the losers.
  EXPECT_EQ(create(referral(99)).referral.reference, "MY-2026-000006");
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
  create(placed(1, "invented-area", "routed", b));
  auto batch = referrals().create_batch({placed(2, "invented-area", "routed", a),
                                         placed(3, "invented-area", "queued", b),
                                         placed(4, "invented-area", "routed", b),
                                         placed(5, "invented-area", "queued", c),
                                         placed(6, "invented-area", "queued", c)},
                                        kPrefix, audit_entry("referral.import"));
  ASSERT_TRUE(batch.has_value()) << batch.error().message;
  auto open = referrals().open_cases_by_service("invented-area");
  ASSERT_TRUE(open.has_value()) << open.error().message;
  EXPECT_EQ(*open, (OpenCases{{a, 1}, {b, 3}, {c, 2}}));
}

TEST_F(ReferralTest, OpenCasesIgnoreSignpostedReferralsAndOnesWithNoService) {
  const std::string a = uuid(901);
  const std::string b = uuid(902);
  auto batch = referrals().create_batch({placed(1, "invented-area", "routed", a),
                                         placed(2, "invented-area", "signposted", a),
                                         placed(3, "invented-area", "signposted", b),
                                         placed(4, "invented-area", "queued", ""),
                                         placed(5, "invented-area", "routed", ""),
                                         placed(6, "invented-area", "signposted", "")},
                                        kPrefix, audit_entry("referral.import"));
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
  auto batch = s.referrals().create_batch({placed(1, "invented-area", "routed", a),
                                           placed(2, "invented-area", "routed", a),
                                           placed(3, "invented-area", "queued", a),
                                           placed(4, "invented-area", "signposted", b)},
                                          kPrefix, audit_entry("referral.import"));
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
  auto batch = referrals().create_batch({placed(1, "invented-area", "routed", a),
                                         placed(2, "other-invented-area", "routed", a),
                                         placed(3, "other-invented-area", "queued", a),
                                         placed(4, "other-invented-area", "routed", b)},
                                        kPrefix, audit_entry("referral.import"));
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
  create(placed(1, "invented-area", "routed", uuid(901)));
  create(placed(2, "invented-area", "signposted", uuid(902)));
  EXPECT_TRUE(referrals().open_cases_by_service("quiet-invented-area").value().empty());
  EXPECT_TRUE(referrals().open_cases_by_service("").value().empty());
}

}  // namespace
}  // namespace vg::store::testing
