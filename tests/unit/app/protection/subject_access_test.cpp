// Subject access as a use case: a team leader of the holding organisation finds the person's case
// by reference and by name and date of birth (the intake's person key), with a case merged into
// it; the export holds the referral as received, the opened note and who read the record (role
// and organisation, no names), places one subject access hold per case however often it runs and
// audits each export without its content; another organisation and other roles find and export
// nothing. A SQLite store and a fixed clock; every person here is invented.
#include "app/protection/subject_access.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/intake/person_key_digest.h"
#include "domain/protection/subject_search.h"
#include "store/open/open_store.h"
#include "unit/app/casework/casework_store.h"

namespace vg::app::testing {
namespace {

namespace json = boost::json;

class SubjectAccessTest : public CaseworkStoreTest {
 protected:
  void SetUp() override {
    CaseworkStoreTest::SetUp();
    retention_ = std::move(store::open_retention(*store_).value());
    access_ = std::make_unique<SubjectAccess>(*store_, *retention_, clock_, cipher_);
    const auto key = protection::read_subject_search("", "Casey Inventedsubject", "1966-05-06",
                                                     std::chrono::year{2026} / 12 / 4).value();
    ASSERT_TRUE(store_->write([&](store::UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert_person_keys({{person_key_digest(key.person_match_key), kCase}}));
      return unit.support().insert_note({"note-1", kCase, cipher_.seal("Invented: calls after six"), kAdvisor, clock_.now()});
    }));
    ASSERT_TRUE(store_->audit().append(audit_entry(clock_.now(), kAdvisor, "case.read", "case", kCase)));
  }

  access::Actor leader(const std::string& organisation = kGateway) const {
    return {access::Role::kTeamLeader, "leader-1", organisation, "gateway", {"merseyside"}, kTeam};
  }

  int audited(const std::string& action) {
    int n = 0;
    const auto entries = store_->audit().read(0, 1000).value();
    for (const auto& e : entries) n += e.action == action;
    return n;
  }

  NotesCipher cipher_ = NotesCipher::for_tests_only();
  std::unique_ptr<store::RetentionRepository> retention_;
  std::unique_ptr<SubjectAccess> access_;
};

TEST_F(SubjectAccessTest, FindsThePersonByReferenceAndByNameAndDateOfBirth) {
  auto by_reference = access_->find(leader(), "my-2026-000001", "", "");
  ASSERT_TRUE(by_reference.has_value()) << by_reference.error().message;
  ASSERT_EQ(by_reference->size(), 1u);
  EXPECT_EQ(by_reference->front().record.id, kCase);
  auto by_name = access_->find(leader(), "", "  casey INVENTEDSUBJECT ", "1966-05-06");
  ASSERT_TRUE(by_name.has_value());
  ASSERT_EQ(by_name->size(), 1u);
  EXPECT_TRUE(access_->find(leader(), "", "Casey Inventedsubject", "1966-05-07").value().empty());
  auto bad = access_->find(leader(), "", "Casey", "");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().fields.at(0).field, "date_of_birth");
}

TEST_F(SubjectAccessTest, TheExportHoldsEverythingAndWhoReadItAndPlacesOneHold) {
  auto exported = access_->export_cases(leader(), {kCase}, "json");
  ASSERT_TRUE(exported.has_value()) << exported.error().message;
  const auto& c = exported->at("cases").as_array().at(0).as_object();
  EXPECT_EQ(c.at("reference").as_string(), "MY-2026-000001");
  EXPECT_EQ(c.at("notes").as_array().at(0).as_object().at("text").as_string(), "Invented: calls after six");
  bool read_by_advisor = false;
  for (const auto& a : c.at("accessed_by").as_array()) {
    const auto& o = a.as_object();
    if (o.at("action").as_string() == "case.read") {
      read_by_advisor = o.at("role").as_string() == "Gateway advisor" && o.at("organisation").as_string() == "Invented Hub";
    }
    EXPECT_FALSE(o.contains("user_id"));
  }
  EXPECT_TRUE(read_by_advisor) << json::serialize(c.at("accessed_by"));
  auto holds = retention_->holds(kCase).value();
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].reason, protection::HoldReason::kSubjectAccessRequest);
  EXPECT_EQ(audited("case.subject_access_exported"), 1);
  ASSERT_TRUE(access_->export_cases(leader(), {kCase}, "html").has_value());
  EXPECT_EQ(retention_->holds(kCase).value().size(), 1u) << "no second hold while one is in force";
  EXPECT_EQ(audited("case.subject_access_exported"), 2);
}

TEST_F(SubjectAccessTest, AnotherOrganisationAndOtherRolesFindAndExportNothing) {
  const auto elsewhere = leader("00000000-0000-4000-8000-0000000000ff");
  EXPECT_TRUE(access_->find(elsewhere, "MY-2026-000001", "", "").value().empty());
  auto refused = access_->export_cases(elsewhere, {kCase}, "json");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "not_found");
  EXPECT_EQ(access_->find(advisor(), "MY-2026-000001", "", "").error().code, "forbidden");
  EXPECT_EQ(access_->export_cases(advisor(), {kCase}, "json").error().code, "forbidden");
  EXPECT_TRUE(retention_->holds(kCase).value().empty());
  EXPECT_EQ(audited("case.subject_access_exported"), 0);
}

}  // namespace
}  // namespace vg::app::testing
