// The admin forms' edits to the demo directory through DirectoryAdmin on a real (in-memory
// SQLite) store: field checks, and an organisation's change reaching its services.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace vg::app
