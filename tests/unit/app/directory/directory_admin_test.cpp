// The admin forms' edits to the demo directory through DirectoryAdmin on a real (in-memory
// SQLite) store: field checks, and an organisation's change reaching its services.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>

#include "app/audit/audit_entry.h"
#include "app/directory/directory_admin.h"
#include "support/demo_directory.h"

namespace vg::app {
namespace {

class DirectoryAdminTest : public DemoDirectoryTest {};

TEST_F(DirectoryAdminTest, ServiceFormErrorsNameTheirFields) {
  ServiceForm f;
  f.organization_id = "4bc91d98-76e9-4d36-9127-afd42e761c82";
  f.email = "not an email";
  f.url = "example.org";
  f.phone = "call us";
  f.crime_types = {"not_a_crime"};
  f.local_authorities = {"E09000001"};
  f.minimum_age = 18;
  f.maximum_age = 11;
  auto r = admin_->save_service(f, "test");
  ASSERT_FALSE(r.has_value());
  auto codes = field_codes(r.error());
  EXPECT_EQ(codes["name"], "required");
  EXPECT_EQ(codes["description"], "required");
  EXPECT_EQ(codes["email"], "format");
  EXPECT_EQ(codes["url"], "format");
  EXPECT_EQ(codes["phone"], "format");
  EXPECT_EQ(codes["crime_types"], "unknown");
  EXPECT_EQ(codes["local_authorities"], "unknown");
  EXPECT_EQ(codes["maximum_age"], "out_of_range");
}

TEST_F(DirectoryAdminTest, RenamingAnOrganisationRenamesItInItsServices) {
  const std::string victim_support = "4bc91d98-76e9-4d36-9127-afd42e761c82";
  auto org = directory_->get_organization(victim_support).value();
  OrganizationForm form{org.id, "Victim Support (renamed)", org.description, "", ""};
  ASSERT_TRUE(admin_->save_organization(form, "test").has_value());
  auto view = directory_->view_service("d7d75f0f-9466-470f-998b-d7fcea8d5160").value();
  EXPECT_EQ(view.organization_name, "Victim Support (renamed)");
  ServiceSearch s;
  s.text = "renamed";
  EXPECT_TRUE(names(s).contains("Staffordshire Victim Gateway"));
}

TEST_F(DirectoryAdminTest, ASaveTellsTheCachesOfAnswers) {
  const auto before = directory_->generation();
  auto form = admin_->organization_form("4bc91d98-76e9-4d36-9127-afd42e761c82").value();
  ASSERT_TRUE(admin_->save_organization(form, "test").has_value());
  EXPECT_GT(directory_->generation(), before);
}

TEST_F(DirectoryAdminTest, AnEditFormShowsTheStoredService) {
  const std::string catch22 = "b557d28f-f4c7-4b0b-a461-5828f93b49f5";
  const auto record = directory_->get_service(catch22).value();
  const auto form = admin_->service_form(catch22).value();
  EXPECT_EQ(form.id, record.id);
  EXPECT_EQ(form.organization_id, record.organization_id);
  EXPECT_EQ(form.name, record.name);
  EXPECT_EQ(form.status, record.status);
  EXPECT_EQ(form.local_authorities, record.area_codes);
  EXPECT_NE(std::find(form.crime_types.begin(), form.crime_types.end(), "child_sexual_exploitation"),
            form.crime_types.end());
  EXPECT_FALSE(form.phone.empty());
  EXPECT_EQ(admin_->service_form("no-such-id").error().code, "not_found");
}

// An organisation stored with places of its own (as an HSDS import may bring) loses them when a
// service of it is marked a refuge through the form, and saving the organisation later does not
// bring them back.
TEST_F(DirectoryAdminTest, MarkingARefugeDropsItsOrganisationsOwnPlaces) {
  const std::string catch22 = "b557d28f-f4c7-4b0b-a461-5828f93b49f5";
  auto form = admin_->service_form(catch22).value();
  auto org = store_->directory().find_organization(form.organization_id).value().value();
  auto document = boost::json::parse(org.document).as_object();
  document["locations"] = boost::json::parse(
      R"([{"id":"9b4ff8c2-7dad-4e90-9f40-4abe5b6c7d86","location_type":"physical","name":"Invented Office"}])");
  org.document = boost::json::serialize(document);
  directory::DirectoryBatch batch;
  batch.organizations.push_back(org);
  ASSERT_TRUE(store_->directory().apply(batch, audit_entry(clock_, "test", "directory.organization.update", "organization", org.id)).has_value());
  auto places = [&] {
    return store_->directory().find_organization(form.organization_id).value().value().document.find("Invented Office") !=
           std::string::npos;
  };
  ASSERT_TRUE(places());

  form.confidential_location = true;
  ASSERT_TRUE(admin_->save_service(form, "test").has_value());
  EXPECT_FALSE(places()) << "marked a refuge: its organisation's places go";
  ASSERT_TRUE(admin_->save_organization(admin_->organization_form(form.organization_id).value(), "test").has_value());
  EXPECT_FALSE(places());
}

// --- who may change a service: the areas it serves, before and after -----------------------------

access::Actor administrator(std::vector<std::string> areas) {
  return {accounts::Role::kAdministrator, "admin-1", "org-1", "gateway", std::move(areas), ""};
}

// A new service like an existing valid one, serving `local_authorities`.
ServiceForm new_service(DirectoryAdmin& admin, std::vector<std::string> local_authorities) {
  auto form = admin.service_form("b557d28f-f4c7-4b0b-a461-5828f93b49f5").value();
  form.id.clear();
  form.name = "Invented local counselling";
  form.local_authorities = std::move(local_authorities);
  return form;
}

void expect_refused_on_local_authorities(const Result<std::string>& saved) {
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, "forbidden");
  ASSERT_EQ(saved.error().fields.size(), 1u);
  EXPECT_EQ(saved.error().fields[0].field, "local_authorities");
}

TEST_F(DirectoryAdminTest, AnAdministratorChangesServicesInTheirOwnArea) {
  auto saved = admin_->save_service(new_service(*admin_, {"E08000012"}), administrator({"merseyside"}));
  ASSERT_TRUE(saved.has_value()) << saved.error().message;
  EXPECT_EQ(directory_->get_service(*saved).value().name, "Invented local counselling");
}

TEST_F(DirectoryAdminTest, NoAdministratorChangesAServiceInAnotherArea) {
  // Liverpool is Merseyside's; Cannock Chase is Staffordshire's.
  expect_refused_on_local_authorities(
      admin_->save_service(new_service(*admin_, {"E07000192"}), administrator({"merseyside"})));
  expect_refused_on_local_authorities(admin_->save_service(
      new_service(*admin_, {"E08000012", "E07000192"}), administrator({"merseyside"})));
  // Nor takes one from another area into their own: the stored areas count too.
  auto staffordshire = admin_->save_service(new_service(*admin_, {"E07000192"}),
                                            administrator({"staffordshire"}));
  ASSERT_TRUE(staffordshire.has_value()) << staffordshire.error().message;
  auto moved = admin_->service_form(*staffordshire).value();
  moved.local_authorities = {"E08000012"};
  expect_refused_on_local_authorities(admin_->save_service(moved, administrator({"merseyside"})));
  EXPECT_EQ(directory_->get_service(*staffordshire).value().area_codes,
            std::vector<std::string>{"E07000192"});
}

TEST_F(DirectoryAdminTest, AServiceForEveryAreaTakesAnAdministratorOfEveryArea) {
  expect_refused_on_local_authorities(
      admin_->save_service(new_service(*admin_, {}), administrator({"merseyside"})));
  auto saved = admin_->save_service(
      new_service(*admin_, {}), administrator({"greater-manchester", "merseyside", "staffordshire"}));
  EXPECT_TRUE(saved.has_value()) << saved.error().message;
}

TEST_F(DirectoryAdminTest, ARoleWithNoLineForTheDirectoryChangesNothing) {
  auto advisor = administrator({"merseyside"});
  advisor.role = accounts::Role::kGatewayAdvisor;
  expect_refused_on_local_authorities(admin_->save_service(new_service(*admin_, {"E08000012"}), advisor));
}

}  // namespace
}  // namespace vg::app
