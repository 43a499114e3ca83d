// Conformance: the directory repository, the same on every backend.
#include <gtest/gtest.h>

#include <algorithm>

#include "store_fixture.h"

namespace vg::store::testing {
namespace {

const std::string kCrime = uuid(900);    // taxonomy: crime types
const std::string kHelp = uuid(901);     // taxonomy: kinds of help
const std::string kDomestic = uuid(910);
const std::string kBurglary = uuid(911);
const std::string kStalking = uuid(912);
const std::string kCounselling = uuid(920);
const std::string kLiverpool = "E08000012";
const std::string kSefton = "E08000014";
const std::string kWirral = "E08000015";
const std::string kOrgA = uuid(1);
const std::string kOrgB = uuid(2);

class DirectoryTest : public StoreTest {
 protected:
  // A small invented directory: five services over two organisations, three areas, two taxonomies.
  void seed() {
    DirectoryBatch batch;
    batch.organizations = {organization(kOrgA, "Harbour Support Trust"),
                           organization(kOrgB, "Riverside Advice")};
    batch.taxonomies = {taxonomy(kCrime, "Crime type"), taxonomy(kHelp, "Kind of help")};
    batch.taxonomy_terms = {term(kDomestic, kCrime, "Domestic abuse"),
                            term(kBurglary, kCrime, "Burglary"),
                            term(kStalking, kCrime, "Stalking"),
                            term(kCounselling, kHelp, "Counselling")};
    auto s1 = service(uuid(101), kOrgA, "Alder domestic abuse advocacy", {kDomestic},
                      {kLiverpool, kSefton}, "Alder domestic abuse advocacy IDVA");
    auto s2 = service(uuid(102), kOrgA, "Birch counselling", {kDomestic, kCounselling}, {kWirral},
                      "Birch counselling for survivors of domestic abuse");
    auto s3 = service(uuid(103), kOrgB, "Cedar burglary help", {kBurglary}, {kLiverpool},
                      "Cedar burglary practical help and lock fitting");
    s3.minimum_age = 18;
    auto s4 = service(uuid(104), kOrgB, "Damson young people's service", {kStalking, kCounselling},
                      {kSefton}, "Damson stalking counselling for young people");
    s4.minimum_age = 11;
    s4.maximum_age = 17;
    auto s5 = service(uuid(105), kOrgB, "Elm closed service", {kBurglary}, {kWirral},
                      "Elm burglary service, now closed");
    s5.status = "inactive";
    batch.services = {s1, s2, s3, s4, s5};
    batch.service_at_locations = {{uuid(201), uuid(101), uuid(301), R"({"id":"sal-1"})"},
                                  {uuid(202), uuid(103), uuid(302), R"({"id":"sal-2"})"},
                                  {uuid(203), uuid(104), uuid(303), R"({"id":"sal-3"})"}};
    apply(batch, "directory.seed");
  }

  ServiceQuery query() {
    ServiceQuery q;
    q.per_page = 50;
    return q;
  }
};

TEST_F(DirectoryTest, ApplyThenFindReturnsTheRecordExactlyAsStored) {
  seed();
  auto s = service(uuid(150), kOrgA, "Fir “quoted” café 🌳", {kStalking, kDomestic, kStalking},
                   {kWirral, kLiverpool}, "Fir café");
  s.document = "{\"id\":\"x\",\n  \"name\": \"Fir \\\"café\\\"\", \"nested\": {\"a\": [1, 2.50, null]}}";
  s.minimum_age = 0;
  s.self_referral = true;
  s.status = "temporarily closed";
  DirectoryBatch batch;
  batch.services = {s};
  apply(batch);

  auto found = store_->directory().find_service(s.id);
  ASSERT_TRUE(found.has_value()) << found.error().message;
  ASSERT_TRUE(found->has_value());
  const auto& got = **found;
  EXPECT_EQ(got.id, s.id);
  EXPECT_EQ(got.organization_id, kOrgA);
  EXPECT_EQ(got.name, s.name);
  EXPECT_EQ(got.description, s.description);
  EXPECT_EQ(got.status, "temporarily closed");
  EXPECT_EQ(got.document, s.document);
  // Lists keep the order given; a repeated id is kept once.
  EXPECT_EQ(got.taxonomy_term_ids, (std::vector<std::string>{kStalking, kDomestic}));
  EXPECT_EQ(got.area_codes, (std::vector<std::string>{kWirral, kLiverpool}));
  EXPECT_EQ(got.minimum_age, 0);
  EXPECT_EQ(got.maximum_age, std::nullopt);
  EXPECT_TRUE(got.self_referral);
  EXPECT_EQ(got.search_text, "Fir café");
}

TEST_F(DirectoryTest, FindReturnsNulloptForUnknownIds) {
  seed();
  auto& d = store_->directory();
  EXPECT_EQ(d.find_service(uuid(999)).value(), std::nullopt);
  EXPECT_EQ(d.find_organization(uuid(999)).value(), std::nullopt);
  EXPECT_EQ(d.find_taxonomy(uuid(999)).value(), std::nullopt);
  EXPECT_EQ(d.find_taxonomy_term(uuid(999)).value(), std::nullopt);
  EXPECT_EQ(d.find_service_at_location(uuid(999)).value(), std::nullopt);
  EXPECT_EQ(d.find_service("' OR 1=1 --").value(), std::nullopt);
}

TEST_F(DirectoryTest, FindOrganizationTaxonomyTermAndServiceAtLocation) {
  seed();
  auto& d = store_->directory();
  auto org = d.find_organization(kOrgB).value();
  ASSERT_TRUE(org);
  EXPECT_EQ(org->name, "Riverside Advice");
  EXPECT_EQ(org->document, organization(kOrgB, "Riverside Advice").document);
  auto tax = d.find_taxonomy(kHelp).value();
  ASSERT_TRUE(tax);
  EXPECT_EQ(tax->name, "Kind of help");
  auto t = d.find_taxonomy_term(kBurglary).value();
  ASSERT_TRUE(t);
  EXPECT_EQ(t->taxonomy_id, kCrime);
  EXPECT_EQ(t->code, "code:Burglary");
  auto sal = d.find_service_at_location(uuid(202)).value();
  ASSERT_TRUE(sal);
  EXPECT_EQ(sal->service_id, uuid(103));
  EXPECT_EQ(sal->location_id, uuid(302));
  EXPECT_EQ(sal->document, R"({"id":"sal-2"})");
}

TEST_F(DirectoryTest, AServiceWithLocationsInTheBatchBringsItsWholeList) {
  seed();
  auto& d = store_->directory();
  // Service 101 again with a different location: the one stored before is withdrawn.
  DirectoryBatch again;
  again.services = {service(uuid(101), kOrgA, "Alder domestic abuse advocacy", {kDomestic},
                            {kLiverpool, kSefton}, "Alder domestic abuse advocacy IDVA")};
  again.service_at_locations = {{uuid(204), uuid(101), uuid(304), R"({"id":"front-door"})"}};
  // Service 103 again without locations in the batch: its stored one stays.
  again.services.push_back(service(uuid(103), kOrgB, "Cedar burglary help", {kBurglary}, {kLiverpool},
                                   "Cedar burglary practical help and lock fitting"));
  apply(again, "directory.update");
  EXPECT_EQ(d.find_service_at_location(uuid(201)).value(), std::nullopt);
  ASSERT_TRUE(d.find_service_at_location(uuid(204)).value());
  EXPECT_TRUE(d.find_service_at_location(uuid(202)).value());
  EXPECT_TRUE(d.find_service_at_location(uuid(203)).value()) << "another service's location";
  // A location on its own (its service not in the batch) is added to what the service has.
  DirectoryBatch one;
  one.service_at_locations = {{uuid(205), uuid(101), uuid(305), R"({"id":"extra"})"}};
  apply(one, "directory.update");
  EXPECT_TRUE(d.find_service_at_location(uuid(204)).value());
  EXPECT_TRUE(d.find_service_at_location(uuid(205)).value());
}

TEST_F(DirectoryTest, ApplyReplacesAServiceWithItsTermsAreasAndSearchText) {
  seed();
  auto changed = service(uuid(101), kOrgB, "Alder renamed", {kBurglary}, {kWirral},
                         "Alder renamed burglary");
  DirectoryBatch batch;
  batch.services = {changed};
  apply(batch);

  auto found = store_->directory().find_service(uuid(101)).value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Alder renamed");
  EXPECT_EQ(found->organization_id, kOrgB);
  EXPECT_EQ(found->taxonomy_term_ids, std::vector<std::string>{kBurglary});
  EXPECT_EQ(found->area_codes, std::vector<std::string>{kWirral});

  auto q = query();
  q.taxonomy_term_ids = {kDomestic};
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(102)}));
  q = query();
  q.area_codes = {kLiverpool};
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(103)}));
  q = query();
  q.text = "advocacy";
  EXPECT_TRUE(search_ids(q).empty());
  q.text = "renamed";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(101)}));
}

TEST_F(DirectoryTest, ApplyUpsertsOrganizationsTaxonomiesAndTermsById) {
  seed();
  DirectoryBatch batch;
  batch.organizations = {organization(kOrgA, "Harbour Support Trust (renamed)")};
  batch.taxonomy_terms = {term(kBurglary, kCrime, "Burglary and theft")};
  apply(batch);
  EXPECT_EQ(store_->directory().find_organization(kOrgA).value()->name,
            "Harbour Support Trust (renamed)");
  EXPECT_EQ(store_->directory().find_taxonomy_term(kBurglary).value()->name, "Burglary and theft");
  EXPECT_EQ(store_->directory().list_organizations({1, 50}).value().total_items, 2);
}

TEST_F(DirectoryTest, ApplyWithOneBadServiceWritesNothingAndNoAuditEntry) {
  seed();
  const auto audit_before = audit_count();
  DirectoryBatch batch;
  batch.organizations = {organization(uuid(3), "New Org")};
  batch.taxonomy_terms = {term(uuid(930), kCrime, "Fraud")};
  batch.services = {service(uuid(160), uuid(3), "Good service", {uuid(930)}, {kLiverpool}),
                    service(uuid(161), uuid(77), "Orphan service")};
  batch.service_at_locations = {{uuid(260), uuid(160), uuid(360), "{}"}};
  auto result = store_->directory().apply(batch, audit_entry("directory.import"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "validation_failed");
  ASSERT_EQ(result.error().fields.size(), 1u);
  EXPECT_EQ(result.error().fields[0].field, "services[1].organization_id");

  auto& d = store_->directory();
  EXPECT_EQ(d.find_organization(uuid(3)).value(), std::nullopt);
  EXPECT_EQ(d.find_taxonomy_term(uuid(930)).value(), std::nullopt);
  EXPECT_EQ(d.find_service(uuid(160)).value(), std::nullopt);
  EXPECT_EQ(d.find_service_at_location(uuid(260)).value(), std::nullopt);
  EXPECT_EQ(audit_count(), audit_before);
}

TEST_F(DirectoryTest, ApplyAcceptsAServiceWhoseOrganizationIsAlreadyStored) {
  seed();
  DirectoryBatch batch;
  batch.services = {service(uuid(170), kOrgB, "Later service")};
  apply(batch);
  EXPECT_TRUE(store_->directory().find_service(uuid(170)).value().has_value());
}

TEST_F(DirectoryTest, ApplyRejectsAServiceAtLocationWhoseServiceIsUnknown) {
  seed();
  DirectoryBatch batch;
  batch.service_at_locations = {{uuid(270), uuid(888), uuid(370), "{}"}};
  auto result = store_->directory().apply(batch, audit_entry("directory.import"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "validation_failed");
  ASSERT_EQ(result.error().fields.size(), 1u);
  EXPECT_EQ(result.error().fields[0].field, "service_at_locations[0].service_id");
  EXPECT_EQ(store_->directory().find_service_at_location(uuid(270)).value(), std::nullopt);
}

TEST_F(DirectoryTest, ApplyRejectsRecordsWithoutIds) {
  DirectoryBatch batch;
  batch.organizations = {organization("", "Nameless")};
  auto result = store_->directory().apply(batch, audit_entry("directory.import"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "validation_failed");
  EXPECT_EQ(result.error().fields.at(0).field, "organizations[0].id");
}

TEST_F(DirectoryTest, ApplyAppendsItsAuditEntry) {
  seed();
  auto entries = store_->audit().read(0, 10).value();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "directory.seed");
  EXPECT_EQ(entries[0].actor, "system:test");
}

TEST_F(DirectoryTest, SearchWithNoFiltersReturnsEveryServiceOrderedByNameThenId) {
  seed();
  // Same name as Birch: the id breaks the tie.
  DirectoryBatch batch;
  batch.services = {service(uuid(100), kOrgA, "Birch counselling")};
  apply(batch);
  EXPECT_EQ(search_ids(query()), (std::vector<std::string>{uuid(101), uuid(100), uuid(102),
                                                           uuid(103), uuid(104), uuid(105)}));
}

TEST_F(DirectoryTest, TextSearchMatchesEachWordAsAPrefix) {
  seed();
  auto q = query();
  q.text = "domes";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(101), uuid(102)}));
  q.text = "BURGL";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(103), uuid(105)}));
  q.text = "lock";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(103)}));
}

TEST_F(DirectoryTest, TextSearchAndsItsWords) {
  seed();
  auto q = query();
  q.text = "domestic counsel";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(102)}));
  q.text = "domestic burglary";
  EXPECT_TRUE(search_ids(q).empty());
  q.text = "  stalking,   young  ";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(104)}));
}

TEST_F(DirectoryTest, TextSearchTreatsOperatorsAndOddInputAsPlainText) {
  seed();
  const std::vector<std::string> inputs = {
      "\"",          "*",           "burglary OR domestic", "NOT burglary", "burglary AND",
      "NEAR(a b)",   "col:burglary", "'; DROP TABLE services; --", "a & b | !c", "(burglary",
      "burglary:*",  "\\",          "^lock",              "-lock",        "{}[]",
      "🙂 café",      "\xff\xfe\x80", "lock\x01",           "\xe2\x80",     std::string(5000, 'a'),
      "a b c d e f g h i j k l m n o p q r s t u v w x y z"};
  for (const auto& text : inputs) {
    auto q = query();
    q.text = text;
    auto page = store_->directory().search_services(q);
    EXPECT_TRUE(page.has_value()) << "input: " << text << " -> "
                                  << (page ? "" : page.error().message);
  }
  // Operators are words, not syntax: "burglary OR domestic" needs all three words.
  auto q = query();
  q.text = "burglary OR domestic";
  EXPECT_TRUE(search_ids(q).empty());
  // Punctuation only: no words, so no text filter.
  q.text = "*** ,,, ";
  EXPECT_EQ(search_ids(q).size(), 5u);
  // Injection attempts leave the data alone.
  EXPECT_EQ(store_->directory().list_organizations({1, 50}).value().total_items, 2);
}

// People write compounds three ways; each finds a service described with any of them.
TEST_F(DirectoryTest, TextSearchMatchesHyphensCompoundsAndSpacingAlike) {
  DirectoryBatch batch;
  batch.organizations = {organization(kOrgA, "Harbour Support Trust")};
  batch.services = {
      service(uuid(121), kOrgA, "Ash", {}, {}, "Ash support after antisemitic abuse"),
      service(uuid(122), kOrgA, "Beech", {}, {}, "Beech support after anti-semitic abuse"),
      service(uuid(123), kOrgA, "Chestnut", {}, {}, "Chestnut support after anti semitic abuse"),
      service(uuid(124), kOrgA, "Fir", {}, {}, "Fir therapist for cyber bullying"),
      service(uuid(125), kOrgA, "Gorse", {}, {}, "Gorse semitic languages class")};
  apply(batch);
  const std::vector<std::string> all = {uuid(121), uuid(122), uuid(123)};
  auto q = query();
  for (const std::string text : {"antisemitic", "anti-semitic", "anti semitic", "Anti-Semitic abuse",
                                 "antisemitism", "ANTISEMITIC"}) {
    q.text = text;
    EXPECT_EQ(search_ids(q), all) << "search: " << text;
  }
  q.text = "cyberbullying";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(124)}));
  q.text = "cyber-bullying";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(124)}));
  // A split or a join never lets a stop word vanish: "the rapist" is not "therapist".
  q.text = "the rapist";
  EXPECT_TRUE(search_ids(q).empty());
  q.text = "rapist";
  EXPECT_TRUE(search_ids(q).empty());
}

TEST_F(DirectoryTest, TextSearchUsesTheAreasSynonyms) {
  seed();
  DirectoryBatch batch;
  batch.services = {service(uuid(131), kOrgA, "Hazel", {}, {}, "Hazel support after sexual violence"),
                    service(uuid(132), kOrgA, "Holly", {}, {}, "Holly DV outreach")};
  apply(batch);
  auto synonyms = directory::SearchSynonyms::parse(
      "# invented for the test\n"
      "rape => sexual violence, sexual assault\n"
      "\n"
      "DV, domestic abuse, domestic violence\n");
  ASSERT_TRUE(synonyms.has_value()) << synonyms.error().message;
  auto q = query();
  q.text = "rape";
  EXPECT_TRUE(search_ids(q).empty()) << "without synonyms";
  q.synonyms = std::make_shared<const directory::SearchSynonyms>(*synonyms);
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(131)}));
  q.text = "Rape support";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(131)}));
  q.text = "dv";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(101), uuid(102), uuid(132)}));
  q.text = "domestic violence";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(101), uuid(102), uuid(132)}));
  // One way only: "sexual violence" does not also find "rape".
  q.text = "sexual violence";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(131)}));
}

TEST_F(DirectoryTest, SynonymsFileErrorsNameTheLine) {
  auto bad = directory::SearchSynonyms::parse("rape => sexual violence\njust one\na, , b\n");
  ASSERT_FALSE(bad.has_value());
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "line 2");
  EXPECT_EQ(bad.error().fields[1].field, "line 3");
}

TEST_F(DirectoryTest, TermFilterRequiresEveryGivenTerm) {
  seed();
  auto q = query();
  q.taxonomy_term_ids = {kDomestic};
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(101), uuid(102)}));
  q.taxonomy_term_ids = {kDomestic, kCounselling};
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(102)}));
  q.taxonomy_term_ids = {kDomestic, kCounselling, kDomestic};
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(102)}));
  q.taxonomy_term_ids = {kDomestic, kBurglary};
  EXPECT_TRUE(search_ids(q).empty());
  q.taxonomy_term_ids = {uuid(999)};
  EXPECT_TRUE(search_ids(q).empty());
}

TEST_F(DirectoryTest, AnyTermFilterNeedsOnlyOneOfTheGivenTerms) {
  seed();
  auto q = query();
  q.any_taxonomy_term_ids = {kDomestic, kBurglary};
  const auto either = search_ids(q);
  q.any_taxonomy_term_ids = {kDomestic};
  const auto domestic = search_ids(q);
  q.any_taxonomy_term_ids = {kBurglary};
  const auto burglary = search_ids(q);
  EXPECT_EQ(domestic, (std::vector<std::string>{uuid(101), uuid(102)}));
  EXPECT_FALSE(burglary.empty());
  EXPECT_EQ(either.size(), domestic.size() + burglary.size());
  // Combined with the every-term filter, both must hold.
  q.any_taxonomy_term_ids = {kDomestic, kBurglary};
  q.taxonomy_term_ids = {kCounselling};
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(102)}));
  q.taxonomy_term_ids.clear();
  q.any_taxonomy_term_ids = {uuid(999)};
  EXPECT_TRUE(search_ids(q).empty());
}

TEST_F(DirectoryTest, TaxonomyFilterMatchesServicesCarryingAnyTermOfIt) {
  seed();
  auto q = query();
  q.taxonomy_id = kHelp;
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(102), uuid(104)}));
  q.taxonomy_id = kCrime;
  EXPECT_EQ(search_ids(q).size(), 5u);
  q.taxonomy_id = uuid(999);
  EXPECT_TRUE(search_ids(q).empty());
}

TEST_F(DirectoryTest, AreaFilterMatchesServicesCoveringAnyGivenArea) {
  seed();
  auto q = query();
  q.area_codes = {kLiverpool};
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(101), uuid(103)}));
  q.area_codes = {kSefton, kWirral};
  EXPECT_EQ(search_ids(q),
            (std::vector<std::string>{uuid(101), uuid(102), uuid(104), uuid(105)}));
  q.area_codes = {"E99999999"};
  EXPECT_TRUE(search_ids(q).empty());
}

TEST_F(DirectoryTest, CrimeTypeAndAreaTogetherMustBothHold) {
  seed();
  auto q = query();
  q.taxonomy_term_ids = {kDomestic};
  q.area_codes = {kWirral};
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(102)}));
  q.taxonomy_term_ids = {kBurglary};
  q.area_codes = {kLiverpool};
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(103)}));
  q.taxonomy_term_ids = {kBurglary};
  q.area_codes = {kSefton};
  EXPECT_TRUE(search_ids(q).empty());
}

TEST_F(DirectoryTest, OrganizationFilterKeepsThatOrganizationsServices) {
  seed();
  auto q = query();
  q.organization_id = kOrgA;
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(101), uuid(102)}));
}

TEST_F(DirectoryTest, AgeFilterHonoursSetBoundsAndIgnoresUnsetOnes) {
  seed();
  auto q = query();
  q.age = 14;  // not Cedar (18+)
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(101), uuid(102), uuid(104), uuid(105)}));
  q.age = 30;  // not Damson (11-17)
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(101), uuid(102), uuid(103), uuid(105)}));
  q.age = 17;  // bounds are inclusive
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(101), uuid(102), uuid(104), uuid(105)}));
  q.age = 18;
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(101), uuid(102), uuid(103), uuid(105)}));
}

TEST_F(DirectoryTest, StatusFilterWhenSetAnyStatusWhenUnset) {
  seed();
  auto q = query();
  q.status = "active";
  EXPECT_EQ(search_ids(q).size(), 4u);
  q.status = "inactive";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(105)}));
  q.status.reset();
  EXPECT_EQ(search_ids(q).size(), 5u);
}

TEST_F(DirectoryTest, EveryFilterCombinedIsAnded) {
  seed();
  auto q = query();
  q.text = "counselling";
  q.taxonomy_term_ids = {kCounselling};
  q.taxonomy_id = kCrime;
  q.area_codes = {kSefton, kLiverpool};
  q.organization_id = kOrgB;
  q.age = 12;
  q.status = "active";
  EXPECT_EQ(search_ids(q), (std::vector<std::string>{uuid(104)}));
  q.age = 40;
  EXPECT_TRUE(search_ids(q).empty());
}

TEST_F(DirectoryTest, PagingReportsTotalsAndAShortLastPage) {
  seed();
  auto q = query();
  q.per_page = 2;
  q.page = 1;
  auto first = store_->directory().search_services(q).value();
  EXPECT_EQ(first.total_items, 5);
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].id, uuid(101));
  q.page = 3;
  auto last = store_->directory().search_services(q).value();
  EXPECT_EQ(last.total_items, 5);
  ASSERT_EQ(last.items.size(), 1u);
  EXPECT_EQ(last.items[0].id, uuid(105));
  q.page = 4;
  auto beyond = store_->directory().search_services(q).value();
  EXPECT_EQ(beyond.total_items, 5);
  EXPECT_TRUE(beyond.items.empty());
  // Filtered totals count the matches, not the page.
  q.page = 1;
  q.per_page = 1;
  q.area_codes = {kLiverpool};
  auto filtered = store_->directory().search_services(q).value();
  EXPECT_EQ(filtered.total_items, 2);
  EXPECT_EQ(filtered.items.size(), 1u);
}

TEST_F(DirectoryTest, SearchResultsCarryTheirTermsAndAreas) {
  seed();
  auto q = query();
  q.organization_id = kOrgA;
  auto page = store_->directory().search_services(q).value();
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].taxonomy_term_ids, std::vector<std::string>{kDomestic});
  EXPECT_EQ(page.items[0].area_codes, (std::vector<std::string>{kLiverpool, kSefton}));
  EXPECT_EQ(page.items[1].taxonomy_term_ids, (std::vector<std::string>{kDomestic, kCounselling}));
}

TEST_F(DirectoryTest, BadPagingIsAValidationError) {
  seed();
  for (auto [page, per_page] :
       std::vector<std::pair<int, int>>{{0, 10}, {-1, 10}, {1, 0}, {1, -5}, {1, 1000000}}) {
    auto q = query();
    q.page = page;
    q.per_page = per_page;
    auto result = store_->directory().search_services(q);
    ASSERT_FALSE(result.has_value()) << page << "/" << per_page;
    EXPECT_EQ(result.error().code, "validation_failed");
    auto orgs = store_->directory().list_organizations({page, per_page});
    ASSERT_FALSE(orgs.has_value());
    EXPECT_EQ(orgs.error().code, "validation_failed");
  }
  // A huge page number is simply past the end.
  auto q = query();
  q.page = 2147483647;
  auto far = store_->directory().search_services(q);
  ASSERT_TRUE(far.has_value());
  EXPECT_TRUE(far->items.empty());
  EXPECT_EQ(far->total_items, 5);
}

TEST_F(DirectoryTest, ListsOrganizationsAndTaxonomiesByNameWithTotals) {
  seed();
  auto orgs = store_->directory().list_organizations({1, 1}).value();
  EXPECT_EQ(orgs.total_items, 2);
  ASSERT_EQ(orgs.items.size(), 1u);
  EXPECT_EQ(orgs.items[0].name, "Harbour Support Trust");
  auto second = store_->directory().list_organizations({2, 1}).value();
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].name, "Riverside Advice");
  auto taxonomies = store_->directory().list_taxonomies({1, 10}).value();
  EXPECT_EQ(taxonomies.total_items, 2);
  ASSERT_EQ(taxonomies.items.size(), 2u);
  EXPECT_EQ(taxonomies.items[0].id, kCrime);
}

TEST_F(DirectoryTest, ListsTaxonomyTermsAllOrOfOneTaxonomy) {
  seed();
  auto all = store_->directory().list_taxonomy_terms("", {1, 50}).value();
  EXPECT_EQ(all.total_items, 4);
  std::vector<std::string> names;
  for (const auto& t : all.items) names.push_back(t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Burglary", "Counselling", "Domestic abuse",
                                             "Stalking"}));
  auto help = store_->directory().list_taxonomy_terms(kHelp, {1, 50}).value();
  EXPECT_EQ(help.total_items, 1);
  ASSERT_EQ(help.items.size(), 1u);
  EXPECT_EQ(help.items[0].id, kCounselling);
  EXPECT_EQ(store_->directory().list_taxonomy_terms(uuid(999), {1, 50}).value().total_items, 0);
}

TEST_F(DirectoryTest, ServiceAtLocationSearchFollowsTheServiceFilters) {
  seed();
  auto q = query();
  auto all = store_->directory().search_service_at_locations(q).value();
  EXPECT_EQ(all.total_items, 3);
  ASSERT_EQ(all.items.size(), 3u);
  EXPECT_EQ(all.items[0].id, uuid(201));  // Alder, Cedar, Damson by service name
  EXPECT_EQ(all.items[1].id, uuid(202));
  EXPECT_EQ(all.items[2].id, uuid(203));
  q.area_codes = {kLiverpool};
  q.taxonomy_term_ids = {kBurglary};
  auto filtered = store_->directory().search_service_at_locations(q).value();
  EXPECT_EQ(filtered.total_items, 1);
  ASSERT_EQ(filtered.items.size(), 1u);
  EXPECT_EQ(filtered.items[0].service_id, uuid(103));
  q = query();
  q.per_page = 2;
  q.page = 2;
  auto last = store_->directory().search_service_at_locations(q).value();
  EXPECT_EQ(last.total_items, 3);
  ASSERT_EQ(last.items.size(), 1u);
  EXPECT_EQ(last.items[0].id, uuid(203));
}

TEST_F(DirectoryTest, ExportAllReturnsEverythingOrderedById) {
  seed();
  DirectoryBatch later;
  later.services = {service(uuid(100), kOrgB, "Zed first by id", {kStalking}, {kSefton})};
  apply(later);
  auto all = store_->directory().export_all().value();
  ASSERT_EQ(all.organizations.size(), 2u);
  EXPECT_EQ(all.organizations[0].id, kOrgA);
  ASSERT_EQ(all.taxonomies.size(), 2u);
  EXPECT_EQ(all.taxonomies[0].id, kCrime);
  ASSERT_EQ(all.taxonomy_terms.size(), 4u);
  EXPECT_EQ(all.taxonomy_terms[0].id, kDomestic);
  ASSERT_EQ(all.services.size(), 6u);
  for (std::size_t i = 0; i < all.services.size(); ++i) {
    EXPECT_EQ(all.services[i].id, uuid(100 + static_cast<int>(i)));
  }
  EXPECT_EQ(all.services[0].taxonomy_term_ids, std::vector<std::string>{kStalking});
  EXPECT_EQ(all.services[1].area_codes, (std::vector<std::string>{kLiverpool, kSefton}));
  EXPECT_EQ(all.services[4].minimum_age, 11);
  EXPECT_EQ(all.services[4].maximum_age, 17);
  ASSERT_EQ(all.service_at_locations.size(), 3u);
  EXPECT_EQ(all.service_at_locations[2].id, uuid(203));
}

TEST_F(DirectoryTest, ExportOfAnEmptyDirectoryIsEmpty) {
  auto all = store_->directory().export_all().value();
  EXPECT_TRUE(all.empty());
  EXPECT_EQ(store_->directory().search_services(query()).value().total_items, 0);
}

std::int64_t version_of(Store& store) {
  auto version = store.directory().directory_version();
  EXPECT_TRUE(version.has_value()) << (version ? "" : version.error().message);
  return version.value_or(-1);
}

TEST_F(DirectoryTest, VersionMovesOnWithAWriteToEachDirectoryTable) {
  std::int64_t last = version_of(*store_);
  auto moved_on = [&](const DirectoryBatch& batch, const char* what) {
    apply(batch);
    const std::int64_t now = version_of(*store_);
    EXPECT_GT(now, last) << what;
    last = now;
  };
  seed();
  EXPECT_GT(version_of(*store_), last);
  last = version_of(*store_);
  DirectoryBatch only;
  only.organizations = {organization(kOrgA, "Harbour Support Trust renamed")};
  moved_on(only, "organization");
  only = {};
  only.taxonomies = {taxonomy(kHelp, "Kinds of help")};
  moved_on(only, "taxonomy");
  only = {};
  only.taxonomy_terms = {term(kBurglary, kCrime, "Burglary and theft")};
  moved_on(only, "taxonomy term");
  only = {};
  only.services = {service(uuid(103), kOrgB, "Cedar burglary help", {kBurglary}, {kWirral})};
  moved_on(only, "service and its links");
  only = {};
  only.service_at_locations = {{uuid(204), uuid(102), uuid(304), R"({"id":"sal-4"})"}};
  moved_on(only, "service at location");
}

TEST_F(DirectoryTest, VersionStaysWhileTheDirectoryIsOnlyRead) {
  seed();
  const std::int64_t before = version_of(*store_);
  ASSERT_TRUE(store_->directory().search_services(query()).has_value());
  ASSERT_TRUE(store_->directory().export_all().has_value());
  ASSERT_TRUE(store_->directory().find_service(uuid(101)).has_value());
  EXPECT_EQ(version_of(*store_), before);
}

TEST_F(DirectoryTest, VersionStaysWhenABatchIsRefused) {
  seed();
  const std::int64_t before = version_of(*store_);
  DirectoryBatch bad;
  bad.services = {service(uuid(150), uuid(999), "Orphan service")};  // no such organisation
  EXPECT_FALSE(store_->directory().apply(bad, audit_entry("directory.test")).has_value());
  EXPECT_EQ(version_of(*store_), before);
}

TEST_F(DirectoryTest, VersionMovesOnWhenAnotherWriterChangesTheTables) {
  // Whoever writes (another process, an operator's shell, a writer added later) moves it on:
  // the database keeps it, not the code that writes.
  use_reachable_database();
  seed();
  for (const char* sql :
       {"UPDATE services SET name = 'Alder advocacy' WHERE name = 'Alder domestic abuse advocacy'",
        "DELETE FROM service_areas WHERE area_code = 'E08000015'",
        "UPDATE service_taxonomy_terms SET position = position + 1",
        "DELETE FROM service_at_locations"}) {
    const std::int64_t before = version_of(*store_);
    ASSERT_EQ(run_raw_sql(url_, sql), "") << sql;
    EXPECT_GT(version_of(*store_), before) << sql;
  }
}

TEST_F(DirectoryTest, IdsMatchingTextAreThoseTheSearchFindsByText) {
  seed();
  for (const char* text : {"counselling", "domestic abuse", "burglar", "lock fitting", "nothing",
                           "  ,. "}) {
    auto q = query();
    q.text = text;
    auto ids = store_->directory().service_ids_matching_text(q);
    ASSERT_TRUE(ids.has_value()) << ids.error().message;
    std::sort(ids->begin(), ids->end());
    auto found = search_ids(q);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(*ids, found) << text;
  }
  auto every = query();
  EXPECT_EQ(store_->directory().service_ids_matching_text(every).value().size(), 5u);
}

}  // namespace
}  // namespace vg::store::testing
