// The admin forms' edits to the demo directory through DirectoryAdmin on a real (in-memory
// SQLite) store: field checks, and an organisation's change reaching its services.
#include <gtest/gtest.h>

#include <algorithm>

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

}  // namespace
}  // namespace vg::app
