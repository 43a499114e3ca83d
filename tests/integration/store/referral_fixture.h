// The referral tests' fixture, shared by the store's conformance tests of referral rows and the
// intake's tests of creating referrals over each store: invented organisations and referrals.
// Every person, force and crime reference here is invented.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "domain/casework/support_records.h"
#include "domain/chat/chat_records.h"
#include "store_fixture.h"

namespace vg::store::testing {

inline const std::string kGateway = uuid(1);
inline const std::string kPolice = uuid(2);
inline const std::string kPartner = uuid(3);
inline const std::string kPrefix = "MY-2026-";

class ReferralFixture : public StoreTest {
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

  std::int64_t count() { return referrals().count().value(); }

  // A chat in Merseyside taken by advisor "u1", with `messages` victim messages sealed as `body`
  // (the store never opens them); its id.
  std::string active_chat(int n, const casework::SealedText& body, int messages) {
    chat::Chat ch;
    ch.id = uuid(6000 + n);
    ch.token_hash = "token-" + ch.id;
    ch.address_hash = "addr-" + std::to_string(n);
    ch.area = "merseyside";
    ch.started_at = at();
    EXPECT_TRUE(store_->chats().start(ch, 5).value());
    chat::ChatEvent taken;
    taken.kind = chat::ChatEventKind::kTaken;
    taken.party = chat::ChatParty::kAdvisor;
    taken.user_id = "u1";
    taken.at = at(std::chrono::minutes(1));
    EXPECT_TRUE(store_->chats().take(ch.id, taken, kGateway, audit_entry("chat.take")).value());
    for (int m = 0; m < messages; ++m) {
      chat::ChatEvent message;
      message.kind = chat::ChatEventKind::kMessage;
      message.party = chat::ChatParty::kVictim;
      message.body = body;
      message.at = at(std::chrono::minutes(2 + m));
      EXPECT_TRUE(store_->chats().post(ch.id, message, chat::ChatState::kActive).value());
    }
    return ch.id;
  }
};

inline void expect_same_referral(const StoredReferral& actual, const StoredReferral& expected) {
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

// The same crime and victim from another sender: `referral(n, …)` re-sent by `organisation` on
// `channel` (empty organisation: the public).
inline StoredReferral from_sender(StoredReferral r, const std::string& organisation, const std::string& channel) {
  r.source_organisation_id = organisation;
  r.channel = channel;
  return r;
}

}  // namespace vg::store::testing
