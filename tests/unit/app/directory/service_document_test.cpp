// Between the admin forms and HSDS 3.0 documents, and from a stored document to the facets
// search uses and the view a person sees. Pure, so a hand-built taxonomy and known answers.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <string>
#include <vector>

#include "app/directory/directory_forms.h"
#include "app/directory/hsds_validator.h"
#include "app/directory/service_document.h"
#include "app/directory/service_view.h"

namespace vg::app {
namespace {

namespace json = boost::json;

constexpr const char* kService = "a1b2c3d4-0000-4000-8000-000000000001";
constexpr const char* kOrg = "a1b2c3d4-0000-4000-8000-0000000000aa";

directory::TaxonomyTermRecord term(std::string id, std::string code, std::string name,
                                   std::string parent,
                                   std::string taxonomy = std::string(kVictimTaxonomyId)) {
  directory::TaxonomyTermRecord t;
  t.id = id;
  t.taxonomy_id = std::move(taxonomy);
  t.code = std::move(code);
  t.name = std::move(name);
  t.parent_id = std::move(parent);
  t.document = R"({"id":")" + id + R"("})";
  return t;
}

// Ids are UUIDs so the compiled document can be checked against the HSDS schema.
const std::string kCrime = "c0000000-0000-4000-8000-000000000001";
const std::string kDomestic = "c0000000-0000-4000-8000-000000000002";
const std::string kAudience = "c0000000-0000-4000-8000-000000000003";
const std::string kYoung = "c0000000-0000-4000-8000-000000000004";
const std::string kHelp = "c0000000-0000-4000-8000-000000000005";
const std::string kAdvocacy = "c0000000-0000-4000-8000-000000000006";
const std::string kAccess = "c0000000-0000-4000-8000-000000000007";
const std::string kSelf = "c0000000-0000-4000-8000-000000000008";
const std::string kNote = "c0000000-0000-4000-8000-000000000009";
const std::string kIllustrative = "c0000000-0000-4000-8000-00000000000a";
const std::string kConfidential = "c0000000-0000-4000-8000-00000000000b";
const std::string kForeign = "d0000000-0000-4000-8000-000000000001";

TaxonomyIndex taxonomy() {
  auto domestic = term(kDomestic, "domestic_abuse", "Domestic abuse", kCrime);
  domestic.document = R"({"id":")" + kDomestic + R"(","description":"Abuse at home"})";
  return TaxonomyIndex({
      term(kCrime, "crime_type", "Crime type", ""),
      domestic,
      term(kAudience, "audience", "Audience", ""),
      term(kYoung, "young_people", "Children and young people", kAudience),
      term(kHelp, "kind_of_help", "Kind of help", ""),
      term(kAdvocacy, "advocacy", "Advocacy", kHelp),
      term(kAccess, "access", "Access", ""),
      term(kSelf, "self_referral", "Self-referral", kAccess),
      term(kNote, "record_note", "Record note", ""),
      term(kIllustrative, "illustrative_contact_details", "Invented contact details", kNote),
      term(kConfidential, "confidential_location", "Location kept confidential", kNote),
      term(kForeign, "wheelchair", "Wheelchair access", "", "other-taxonomy"),
  });
}

directory::OrganizationRecord organization() {
  directory::OrganizationRecord o;
  o.id = kOrg;
  o.name = "Harbourside Help";
  o.description = "An invented charity";
  o.document = std::string(R"({"id":")") + kOrg +
               R"(","name":"Harbourside Help","description":"An invented charity",)"
               R"("website":"https://harbourside.example.org","phones":[{"id":"x"}],"x":{"a":1}})";
  return o;
}

ServiceForm full_form() {
  ServiceForm f;
  f.id = kService;
  f.organization_id = kOrg;
  f.name = "Harbourside Advocacy";
  f.description = "Support after domestic abuse";
  f.url = "https://harbourside.example.org/advocacy";
  f.email = "help@harbourside.example.org";
  f.phone = "01632 960123";
  f.opening_hours = "Monday to Friday 9am to 5pm";
  f.crime_types = {"domestic_abuse", "no_such_code"};
  f.audiences = {"young_people"};
  f.kinds_of_help = {"advocacy"};
  f.local_authorities = {"E08000012", "E08000001"};
  f.self_referral = true;
  f.minimum_age = 16;
  f.illustrative_contact_details = true;
  return f;
}

json::object compile(const ServiceForm& form, json::object existing = {}) {
  const auto index = taxonomy();
  return service_document(form, organization(), index, "2026-11-23", std::move(existing));
}

std::vector<std::string> term_ids(const json::object& d) {
  std::vector<std::string> out;
  for (const auto& a : d.at("attributes").as_array()) {
    out.emplace_back(a.at("taxonomy_term_id").as_string());
  }
  return out;
}

TEST(DerivedUuidTest, KnownAnswers) {
  // SHA-256 of the seed, with the version nibble set to 4 and the variant to 8, 9, a or b.
  EXPECT_EQ(derived_uuid(""), "e3b0c442-98fc-4c14-9afb-f4c8996fb924");
  EXPECT_EQ(derived_uuid(std::string(kService) + ":phone"), "3ff159af-acd8-43af-8f39-7310603c0e7e");
  EXPECT_EQ(derived_uuid(std::string(kService) + ":location"),
            "372f297c-a9d1-4e29-ae5b-0546b4941ad5");
  EXPECT_TRUE(hsds::is_uuid(derived_uuid("anything")));
}

TEST(OrganizationDocumentTest, SetsTheFormsFieldsAndKeepsTheRest) {
  OrganizationForm form{kOrg, "Harbourside Help", "An invented charity", "", "a@example.org"};
  json::object existing{{"website", "https://old.example.org"}, {"x_note", "kept"}};
  const auto d = organization_document(form, existing);
  EXPECT_EQ(d.at("id"), kOrg);
  EXPECT_EQ(d.at("name"), "Harbourside Help");
  EXPECT_EQ(d.at("description"), "An invented charity");
  EXPECT_FALSE(d.contains("website"));  // emptied in the form: left out, not ""
  EXPECT_EQ(d.at("email"), "a@example.org");
  EXPECT_EQ(d.at("x_note"), "kept");
}

TEST(NestedOrganizationTest, KeepsOnlyOneToOneFields) {
  const auto nested = nested_organization(json::parse(organization().document).as_object());
  EXPECT_EQ(json::serialize(nested),
            std::string(R"({"id":")") + kOrg +
                R"(","name":"Harbourside Help","description":"An invented charity",)"
                R"("website":"https://harbourside.example.org"})");
}

TEST(ServiceDocumentTest, CompilesTheFormIntoAValidHsdsService) {
  const auto d = compile(full_form());
  std::vector<FieldError> errors;
  hsds::validate(d, "service", "$", errors);
  for (const auto& e : errors) ADD_FAILURE() << e.field << " " << e.code << " " << e.message;

  EXPECT_EQ(d.at("id"), kService);
  EXPECT_EQ(d.at("organization_id"), kOrg);
  EXPECT_EQ(d.at("name"), "Harbourside Advocacy");
  EXPECT_EQ(d.at("status"), "active");
  EXPECT_EQ(d.at("minimum_age"), 16);
  EXPECT_FALSE(d.contains("maximum_age"));
  EXPECT_EQ(d.at("assured_date"), "2026-11-23");
  EXPECT_EQ(d.at("organization").at("name"), "Harbourside Help");
  EXPECT_FALSE(d.at("organization").as_object().contains("phones"));

  const auto& phone = d.at("phones").as_array().at(0);
  EXPECT_EQ(phone.at("id"), "3ff159af-acd8-43af-8f39-7310603c0e7e");
  EXPECT_EQ(phone.at("service_id"), kService);
  EXPECT_EQ(phone.at("number"), "01632 960123");
  EXPECT_EQ(d.at("schedules").as_array().at(0).at("description"), "Monday to Friday 9am to 5pm");

  const auto& areas = d.at("service_areas").as_array();
  ASSERT_EQ(areas.size(), 2u);
  EXPECT_EQ(areas[0].at("name"), "Liverpool");
  EXPECT_EQ(areas[0].at("extent"), "E08000012");
  EXPECT_EQ(areas[0].at("extent_type"), "text");
  EXPECT_EQ(areas[0].at("uri"), "http://statistics.data.gov.uk/id/statistical-geography/E08000012");
  EXPECT_EQ(areas[0].at("id"), json::value(derived_uuid(std::string(kService) + ":area:E08000012")));
  EXPECT_EQ(areas[1].at("name"), "Bolton");

  const auto& sal = d.at("service_at_locations").as_array().at(0);
  EXPECT_EQ(sal.at("location_id"), "372f297c-a9d1-4e29-ae5b-0546b4941ad5");
  EXPECT_EQ(sal.at("location").at("location_type"), "virtual");
  EXPECT_EQ(sal.at("location").at("name"), "Phone and online");
  EXPECT_EQ(sal.at("location").at("url"), "https://harbourside.example.org/advocacy");

  // The unknown code is skipped; self-referral and the record note become attributes too.
  EXPECT_EQ(term_ids(d),
            (std::vector<std::string>{kDomestic, kYoung, kAdvocacy, kSelf, kIllustrative}));
  const auto& first = d.at("attributes").as_array().at(0);
  EXPECT_EQ(first.at("link_type"), "crime_type");
  EXPECT_EQ(first.at("link_entity"), "service");
  EXPECT_EQ(first.at("link_id"), kService);
  EXPECT_EQ(first.at("taxonomy_term").at("description"), "Abuse at home");
  // A term without a stored description falls back to its name (description is required).
  EXPECT_EQ(d.at("attributes").as_array().at(1).at("taxonomy_term").at("description"),
            "Children and young people");
}

TEST(ServiceDocumentTest, ReSavingGivesTheSameDocument) {
  const auto once = compile(full_form());
  EXPECT_EQ(json::serialize(compile(full_form(), once)), json::serialize(once));
}

TEST(ServiceDocumentTest, EmptiedFieldsAreLeftOutAndOtherTaxonomiesAttributesKept) {
  const auto before = compile(full_form());
  auto existing = before;
  existing["x_local"] = "kept";
  auto attributes = existing.at("attributes").as_array();
  attributes.push_back(json::object{{"id", "foreign"}, {"taxonomy_term_id", kForeign}});
  existing["attributes"] = attributes;

  ServiceForm bare;
  bare.id = kService;
  bare.name = "Harbourside Advocacy";
  bare.status = "";
  const auto d = compile(bare, existing);
  for (const char* gone : {"description", "url", "email", "minimum_age", "phones", "schedules",
                           "service_areas"}) {
    EXPECT_FALSE(d.contains(gone)) << gone;
  }
  EXPECT_EQ(d.at("status"), "active");  // empty status: active
  EXPECT_EQ(d.at("x_local"), "kept");
  EXPECT_EQ(term_ids(d), (std::vector<std::string>{kForeign}));
  // Existing places are kept rather than replaced by the virtual one.
  EXPECT_EQ(json::serialize(d.at("service_at_locations")),
            json::serialize(before.at("service_at_locations")));
}

// A refuge: the address a file gave it is not kept; its front door (phone and online) is.
json::object with_a_street_address(json::object d) {
  d["service_at_locations"] = json::parse(std::string(R"([{"id":"sal-street","service_id":")") + kService +
      R"(","location_id":"loc-street","location":{"id":"loc-street","location_type":"physical",
      "name":"Invented Refuge House","latitude":53.4,"longitude":-2.9,"addresses":[{"id":"a1",
      "address_1":"1 Invented Street","city":"Liverpool","postal_code":"L1 0AA","country":"GB"}]}}])");
  d["organization"].as_object()["locations"] = json::array{json::object{{"id", "org-place"}}};
  return d;
}

TEST(ServiceDocumentTest, AConfidentialLocationKeepsOnlyTheFrontDoor) {
  auto form = full_form();
  form.confidential_location = true;
  const auto d = compile(form, with_a_street_address(compile(full_form())));
  const auto text = json::serialize(d);
  for (const char* gone : {"Invented Street", "L1 0AA", "Refuge House", "latitude", "org-place", "sal-street"}) {
    EXPECT_EQ(text.find(gone), std::string::npos) << gone;
  }
  const auto& sals = d.at("service_at_locations").as_array();
  ASSERT_EQ(sals.size(), 1u);
  EXPECT_EQ(sals[0].at("location").at("location_type"), "virtual");
  EXPECT_EQ(sals[0].at("location").at("url").as_string(), form.url);
  EXPECT_EQ(d.at("phones").as_array().size(), 1u);  // the front door's phone stays
  EXPECT_EQ(d.at("email").as_string(), form.email);
  const auto index = taxonomy();
  EXPECT_TRUE(has_confidential_location(d, index));
  EXPECT_TRUE(service_view(service_record(d, index), index).confidential_location);
  EXPECT_TRUE(service_form(service_record(d, index), index).confidential_location);
  EXPECT_EQ(service_record(d, index).search_text.find("confidential"), std::string::npos)
      << "a record note, not something the service does";

  // Not confidential: the place a file gave it is kept.
  const auto open = compile(full_form(), with_a_street_address(compile(full_form())));
  EXPECT_NE(json::serialize(open).find("Invented Street"), std::string::npos);
  EXPECT_FALSE(has_confidential_location(open, index));
  EXPECT_FALSE(service_form(service_record(open, index), index).confidential_location);
}

TEST(ServiceDocumentTest, NoAttributesAtAllLeavesTheListOut) {
  ServiceForm bare;
  bare.id = kService;
  bare.name = "Harbourside Advocacy";
  EXPECT_FALSE(compile(bare).contains("attributes"));
}

TEST(ServiceRecordTest, FacetsFromTheDocument) {
  const auto index = taxonomy();
  const auto d = compile(full_form());
  const auto r = service_record(d, index);
  EXPECT_EQ(r.id, kService);
  EXPECT_EQ(r.organization_id, kOrg);
  EXPECT_EQ(r.name, "Harbourside Advocacy");
  EXPECT_EQ(r.description, "Support after domestic abuse");
  EXPECT_EQ(r.status, "active");
  EXPECT_EQ(r.document, json::serialize(d));
  EXPECT_EQ(r.taxonomy_term_ids,
            (std::vector<std::string>{kDomestic, kYoung, kAdvocacy, kSelf, kIllustrative}));
  EXPECT_EQ(r.area_codes, (std::vector<std::string>{"E08000012", "E08000001"}));
  EXPECT_EQ(r.minimum_age, 16);
  EXPECT_EQ(r.maximum_age, std::nullopt);
  EXPECT_TRUE(r.self_referral);
  // The record note is not what the service does, so it is not searched.
  EXPECT_EQ(r.search_text,
            "Harbourside Advocacy  Support after domestic abuse Harbourside Help Domestic abuse "
            "Children and young people Advocacy Self-referral");
}

TEST(ServiceRecordTest, AreaCodesFromUriThenExtentThenNameWithoutRepeats) {
  const auto d = json::parse(R"({"id":"s","name":"N","organization":{"id":"org-from-nested"},
    "service_areas":[
      {"uri":"http://statistics.data.gov.uk/id/statistical-geography/E08000012"},
      {"extent":"E08000001"},
      {"name":"Manchester"},
      {"name":"Liverpool"},
      {"name":"Atlantis"},
      "not an object"],
    "attributes":[{"taxonomy_term":{"id":"nested-term"}},{"taxonomy_term_id":"t1"},
                  {"taxonomy_term_id":"t1"}],
    "minimum_age":-1,"maximum_age":201})").as_object();
  const auto r = service_record(d, TaxonomyIndex());
  EXPECT_EQ(r.organization_id, "org-from-nested");
  EXPECT_EQ(r.area_codes, (std::vector<std::string>{"E08000012", "E08000001", "E08000003"}));
  EXPECT_EQ(r.taxonomy_term_ids, (std::vector<std::string>{"nested-term", "t1"}));
  EXPECT_EQ(r.minimum_age, std::nullopt);  // out of 0..200
  EXPECT_EQ(r.maximum_age, std::nullopt);
  EXPECT_FALSE(r.self_referral);
}

TEST(ServiceRecordTest, FractionalAgesAreTruncated) {
  const auto d = json::parse(R"({"id":"s","minimum_age":17.9,"maximum_age":200})").as_object();
  const auto r = service_record(d, TaxonomyIndex());
  EXPECT_EQ(r.minimum_age, 17);
  EXPECT_EQ(r.maximum_age, 200);
}

TEST(ServiceAtLocationsTest, EachNestedRowNamesItsService) {
  const auto d = json::parse(R"({"id":"svc-1","service_at_locations":[
      {"id":"sal-1","location_id":"loc-1","service_id":"svc-1"},
      {"id":"sal-2","location":{"id":"loc-2"}},
      7]})").as_object();
  const auto rows = service_at_locations(d);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].id, "sal-1");
  EXPECT_EQ(rows[0].service_id, "svc-1");
  EXPECT_EQ(rows[0].location_id, "loc-1");
  EXPECT_EQ(rows[0].document, R"({"id":"sal-1","location_id":"loc-1","service_id":"svc-1"})");
  EXPECT_EQ(rows[1].location_id, "loc-2");
  EXPECT_EQ(rows[1].document, R"({"id":"sal-2","location":{"id":"loc-2"},"service_id":"svc-1"})");
  EXPECT_TRUE(service_at_locations(json::object{{"id", "x"}}).empty());
}

TEST(ServiceViewTest, WhatAPersonSees) {
  const auto index = taxonomy();
  auto d = compile(full_form());
  d["eligibility_description"] = "Adults and young people over 16";
  d["languages"] = json::parse(R"([{"name":"English"},{"code":"cy"},{"name":"Polish"}])");
  d["schedules"] = json::parse(
      R"([{"description":"  Monday 9am to 5pm \r\n\n Tuesday 10am to 4pm  "},
          {"byday":"SA","opens_at":"10:00","closes_at":"12:00"},
          {"opens_at":"13:00","closes_at":"14:00"}])");
  const auto v = service_view(service_record(d, index), index);
  EXPECT_EQ(v.id, kService);
  EXPECT_EQ(v.organization_name, "Harbourside Help");
  EXPECT_EQ(v.url, "https://harbourside.example.org/advocacy");
  EXPECT_EQ(v.email, "help@harbourside.example.org");
  EXPECT_EQ(v.eligibility, "Adults and young people over 16");
  EXPECT_EQ(v.phones, (std::vector<std::string>{"01632 960123"}));
  EXPECT_EQ(v.opening_times,
            (std::vector<std::string>{"Monday 9am to 5pm", "Tuesday 10am to 4pm",
                                      "SA: 10:00 to 12:00", "13:00 to 14:00"}));
  EXPECT_EQ(v.languages, "English, Polish");
  EXPECT_EQ(v.crime_types, (std::vector<std::string>{"Domestic abuse"}));
  EXPECT_EQ(v.audiences, (std::vector<std::string>{"Children and young people"}));
  EXPECT_EQ(v.kinds_of_help, (std::vector<std::string>{"Advocacy"}));
  EXPECT_EQ(v.areas, (std::vector<std::string>{"Liverpool", "Bolton"}));
  EXPECT_TRUE(v.self_referral);
  EXPECT_TRUE(v.illustrative_contact_details);
}

TEST(ServiceViewTest, AnUnreadableDocumentGivesTheRecordsOwnFields) {
  directory::ServiceRecord r;
  r.id = "svc-1";
  r.name = "Harbourside Advocacy";
  r.document = "not json";
  const auto v = service_view(r, TaxonomyIndex());
  EXPECT_EQ(v.name, "Harbourside Advocacy");
  EXPECT_TRUE(v.phones.empty());
  EXPECT_EQ(v.organization_name, "");
}

TEST(OrganizationFormTest, FilledFromTheRecordAndDocument) {
  const auto form = organization_form(organization());
  EXPECT_EQ(form.id, kOrg);
  EXPECT_EQ(form.name, "Harbourside Help");
  EXPECT_EQ(form.description, "An invented charity");
  EXPECT_EQ(form.website, "https://harbourside.example.org");
  EXPECT_EQ(form.email, "");
}

TEST(ServiceFormTest, RoundTripsTheCompiledForm) {
  const auto index = taxonomy();
  const auto f = service_form(service_record(compile(full_form()), index), index);
  const auto want = full_form();
  EXPECT_EQ(f.id, want.id);
  EXPECT_EQ(f.organization_id, want.organization_id);
  EXPECT_EQ(f.name, want.name);
  EXPECT_EQ(f.description, want.description);
  EXPECT_EQ(f.status, "active");
  EXPECT_EQ(f.url, want.url);
  EXPECT_EQ(f.email, want.email);
  EXPECT_EQ(f.phone, want.phone);
  EXPECT_EQ(f.opening_hours, want.opening_hours);
  EXPECT_EQ(f.crime_types, (std::vector<std::string>{"domestic_abuse"}));  // unknown code dropped
  EXPECT_EQ(f.audiences, want.audiences);
  EXPECT_EQ(f.kinds_of_help, want.kinds_of_help);
  EXPECT_EQ(f.local_authorities, want.local_authorities);
  EXPECT_TRUE(f.self_referral);
  EXPECT_EQ(f.minimum_age, 16);
  EXPECT_EQ(f.maximum_age, std::nullopt);
}

}  // namespace
}  // namespace vg::app
