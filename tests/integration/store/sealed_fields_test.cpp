// Conformance: the fields the store seals itself with the notes key (a referral's document, the
// DASH and S-DASH answers), the same on every backend. In the raw database they hold no plain
// text, with the key's id beside them; every read gives them back whole; `rotate-keys` re-seals
// them under a new key; a plain row written before sealing (or without the key) still reads, and
// the rotation seals it; an erased document stays as erased and is no text to seal. The name
// below is a marked invented one, so a grep of the raw column would find it.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/security/key_rotation.h"
#include "app/security/notes_cipher.h"
#include "app/security/notes_field_cipher.h"
#include "domain/casework/case_records.h"
#include "domain/casework/case_risk_assessment.h"
#include "referral_fixture.h"
#include "store/open/open_sealed_texts.h"
#include "store/open/seal_fields.h"
#include "support/fixed_clock.h"

namespace vg::store::testing {
namespace {

using namespace std::chrono;

constexpr const char* kMarkedName = "Zephyrine Invented-Quillfeather";
const std::string kOldKey(64, 'a');
const std::string kNewKey(64, 'b');

// The first column of the first row `sql` answers, read outside the store as an operator's shell
// would ("" when there is none).
std::string raw_text(const std::string& url, const std::string& sql) {
  std::string out;
  if (is_postgres(url)) {
    PGconn* conn = PQconnectdb(url.c_str());
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0) out = PQgetvalue(result, 0, 0);
    PQclear(result);
    PQfinish(conn);
    return out;
  }
  sqlite3* db = nullptr;
  sqlite3_open(url.substr(std::string("sqlite:").size()).c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(stmt, 0);
    if (text) out = reinterpret_cast<const char*>(text);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

class SealedFieldsTest : public ReferralFixture {
 protected:
  void SetUp() override {
    ReferralFixture::SetUp();
    use_reachable_database();
    add_organisations();
  }

  static std::shared_ptr<const app::NotesFieldCipher> cipher(const std::string& key,
                                                             std::vector<std::string> previous = {}) {
    auto c = app::NotesCipher::from_key_text(key).value().with_previous_keys(previous).value();
    return std::make_shared<const app::NotesFieldCipher>(std::move(c));
  }

  void seal_with(std::shared_ptr<const app::NotesFieldCipher> key) {
    ASSERT_TRUE(seal_fields_with(*store_, std::move(key)).has_value());
  }

  // Referral `n` for the marked name, with its case and a risk assessment; its stored form.
  StoredReferral store_referral(int n) {
    auto r = referral(n);
    r.reference = "MY-2026-" + std::to_string(300000 + n);
    r.document = std::string(R"({"victim":{"name":")") + kMarkedName + R"(","notes":"ünïcode \"quoted\""}})";
    casework::CaseRecord c;
    c.id = r.id;
    c.reference = r.reference;
    c.area = r.area;
    c.channel = "police";
    c.consent_state = "consented";
    c.source_organisation_id = kPolice;
    c.opened_at = at(minutes(n));
    c.updated_at = c.opened_at;
    casework::CaseRiskAssessment a;
    a.id = uuid(500 + n);
    a.case_id = c.id;
    a.assessed_by = uuid(60);
    a.assessed_at = at(hours(n));
    a.answers.dash.emplace();
    a.answers.dash->fill(intake::Answer::kYes);
    a.answers.sdash.emplace();
    a.answers.sdash->fill(intake::Answer::kNotKnown);
    a.answers.judgement = intake::RiskLevel::kHigh;
    a.answers.judgement_reason = std::string("Invented: ") + kMarkedName + " fears for her safety";
    a.result.dash_score = 24;
    a.result.score_level = intake::RiskLevel::kHigh;
    a.result.level = intake::RiskLevel::kHigh;
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      VG_CHECK(unit.cases().insert({c}, {}));
      return unit.risk_assessments().insert(a);
    });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return r;
  }

  std::string raw(const std::string& column, const std::string& id) {
    return raw_text(url_, "SELECT " + column + " FROM referrals WHERE id = '" + id + "'");
  }
  std::string raw_answers(const std::string& column, const std::string& case_id) {
    return raw_text(url_, "SELECT " + column + " FROM case_risk_assessments WHERE case_id = '" + case_id + "'");
  }

  // Every read the store offers gives the document and the answers back whole.
  void expect_reads_whole(const StoredReferral& r) {
    auto found = referrals().find(r.id);
    ASSERT_TRUE(found.has_value()) << found.error().message;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->document, r.document);
    EXPECT_EQ(referrals().find_by_reference(r.reference).value().value().document, r.document);
    std::vector<StoredReferral> in_unit;
    ASSERT_TRUE(store_->write([&](UnitOfWork& unit) -> Result<void> {
      in_unit = VG_TRY(unit.referrals().with_ids({r.id}));
      return {};
    }).has_value());
    ASSERT_EQ(in_unit.size(), 1u);
    EXPECT_EQ(in_unit.front().document, r.document);
    auto assessments = store_->case_risk().assessments(r.id, 5);
    ASSERT_TRUE(assessments.has_value()) << assessments.error().message;
    ASSERT_EQ(assessments->size(), 1u);
    const auto& answers = assessments->front().answers;
    ASSERT_TRUE(answers.dash && answers.sdash);
    EXPECT_EQ(answers.dash->front(), intake::Answer::kYes);
    EXPECT_EQ(answers.sdash->back(), intake::Answer::kNotKnown);
    EXPECT_EQ(assessments->front().answers.judgement_reason, std::string("Invented: ") + kMarkedName + " fears for her safety");
  }

  app::KeyRotationReport rotate(const app::NotesCipher& to) {
    auto texts = open_sealed_texts(*store_).value();
    FixedClock clock(at());
    auto report = app::KeyRotation(*texts, to, clock, 2).run();
    EXPECT_TRUE(report.has_value()) << report.error().message;
    return report.value_or(app::KeyRotationReport{});
  }
};

TEST_F(SealedFieldsTest, TheStoredDocumentAndAnswersHoldNoPlainTextAndReadBackWhole) {
  auto key = cipher(kOldKey);
  seal_with(key);
  const auto r = store_referral(1);
  const std::string document = raw("document", r.id);
  EXPECT_FALSE(document.empty());
  EXPECT_EQ(document.find("Zephyrine"), std::string::npos);
  EXPECT_EQ(document.find("victim"), std::string::npos);
  EXPECT_EQ(raw("document_key_id", r.id), key->cipher().key_id());
  EXPECT_NE(raw_answers("dash_answers", r.id), std::string(24, 'y'));
  EXPECT_EQ(raw_answers("dash_key_id", r.id), key->cipher().key_id());
  EXPECT_EQ(raw_answers("sdash_key_id", r.id), key->cipher().key_id());
  EXPECT_EQ(raw_answers("judgement_reason", r.id).find(kMarkedName), std::string::npos);
  EXPECT_EQ(raw_answers("judgement_key_id", r.id), key->cipher().key_id());
  expect_reads_whole(r);
}

TEST_F(SealedFieldsTest, ASealedDocumentDoesNotReadWithoutItsKey) {
  seal_with(cipher(kOldKey));
  const auto r = store_referral(1);
  seal_with(cipher(kNewKey));  // the old key is not among the previous ones
  auto found = referrals().find(r.id);
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, "internal");
  EXPECT_EQ(found.error().message.find(kMarkedName), std::string::npos);
}

TEST_F(SealedFieldsTest, RotationResealsThemUnderTheNewKey) {
  seal_with(cipher(kOldKey));
  const auto r = store_referral(1);
  const std::string before = raw("document", r.id);
  auto now = cipher(kNewKey, {kOldKey});
  seal_with(now);
  expect_reads_whole(r);  // under the previous key, until the rotation
  const auto report = rotate(now->cipher());
  EXPECT_EQ(report.resealed, 4);  // the document, the DASH and S-DASH answers, the judgement's reason
  EXPECT_EQ(report.after, (std::map<std::string, std::int64_t>{{now->cipher().key_id(), 4}}));
  EXPECT_EQ(raw("document_key_id", r.id), now->cipher().key_id());
  EXPECT_NE(raw("document", r.id), before);
  EXPECT_EQ(raw("document", r.id).find("Zephyrine"), std::string::npos);
  seal_with(cipher(kNewKey));  // the old key can go
  expect_reads_whole(r);
}

TEST_F(SealedFieldsTest, APlainRowFromBeforeSealingReadsAndTheRotationSealsIt) {
  // Written as before migration 0047 (or by a process given no key): plain, under no key id.
  const auto r = store_referral(1);
  EXPECT_NE(raw("document", r.id).find(kMarkedName), std::string::npos);
  EXPECT_EQ(raw("document_key_id", r.id), "");
  EXPECT_EQ(raw_answers("dash_answers", r.id), std::string(24, 'y'));
  EXPECT_NE(raw_answers("judgement_reason", r.id).find(kMarkedName), std::string::npos);
  auto key = cipher(kNewKey);
  seal_with(key);
  expect_reads_whole(r);
  auto texts = open_sealed_texts(*store_).value();
  EXPECT_EQ(texts->count_by_key().value(), (std::map<std::string, std::int64_t>{{"", 4}}));
  const auto report = rotate(key->cipher());  // no previous key needed for plain texts
  EXPECT_EQ(report.resealed, 4);
  EXPECT_EQ(report.after, (std::map<std::string, std::int64_t>{{key->cipher().key_id(), 4}}));
  EXPECT_EQ(raw("document", r.id).find(kMarkedName), std::string::npos);
  EXPECT_EQ(raw("document_key_id", r.id), key->cipher().key_id());
  EXPECT_EQ(raw_answers("dash_key_id", r.id), key->cipher().key_id());
  EXPECT_EQ(raw_answers("judgement_reason", r.id).find(kMarkedName), std::string::npos);
  expect_reads_whole(r);
}

TEST_F(SealedFieldsTest, AnErasedDocumentIsNoTextToSeal) {
  auto key = cipher(kOldKey);
  seal_with(key);
  const auto r = store_referral(1);
  ASSERT_EQ(run_raw_sql(url_, "UPDATE referrals SET document = '{\"erased\":true}', document_key_id = '' WHERE id = '" +
                                  r.id + "'"),
            "");
  EXPECT_EQ(referrals().find(r.id).value().value().document, R"({"erased":true})");
  auto texts = open_sealed_texts(*store_).value();
  EXPECT_EQ(texts->count_by_key().value(), (std::map<std::string, std::int64_t>{{key->cipher().key_id(), 3}}));
  EXPECT_TRUE(texts->sealed_under_other_keys(key->cipher().key_id(), 10).value().empty());
}

TEST_F(SealedFieldsTest, BatchesReadOnFromWhereTheLastOneEnded) {
  for (int n = 1; n <= 3; ++n) store_referral(n);  // plain: three documents, six answers, three reasons
  auto texts = open_sealed_texts(*store_).value();
  std::vector<SealedCell> seen;
  std::optional<SealedCell> after;
  for (int b = 0; b < 10; ++b) {
    auto batch = texts->sealed_under_other_keys("nk1:any", 2, after ? &*after : nullptr).value();
    if (batch.empty()) break;
    seen.insert(seen.end(), batch.begin(), batch.end());
    after = batch.back();
  }
  ASSERT_EQ(seen.size(), 12u);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_FALSE(seen[i].column == seen[i - 1].column && seen[i].row == seen[i - 1].row) << i;
  }
  SealedCell stranger;
  stranger.column = "referrals.assessment";
  stranger.row = {uuid(101)};
  auto refused = texts->sealed_under_other_keys("nk1:any", 2, &stranger);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "validation_failed");
}

}  // namespace
}  // namespace vg::store::testing
