// The directory's edit forms: an organisation and a service in the admin pages' terms, as the
// pages, area directory files and generated directories give them. Plain data: DirectoryAdmin
// checks them; nothing here is trusted as valid.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vg::app {

// Admin form input for an organisation (id empty = create).
struct OrganizationForm {
  std::string id;
  std::string name;
  std::string description;
  std::string website;
  std::string email;
};

// Admin form input for a service (id empty = create). Codes are taxonomy term codes.
struct ServiceForm {
  std::string id;
  std::string organization_id;
  std::string name;
  std::string description;
  std::string status = "active";
  std::string url;
  std::string email;
  std::string phone;
  std::string opening_hours;  // free text shown as given, e.g. "Monday to Friday 9am to 5pm"
  std::vector<std::string> crime_types;
  std::vector<std::string> audiences;
  std::vector<std::string> kinds_of_help;
  std::vector<std::string> local_authorities;
  bool self_referral = false;
  std::optional<int> minimum_age;
  std::optional<int> maximum_age;
  bool confidential_location = false;  // a refuge: its locations are never kept (service_document.h)
  bool illustrative_contact_details = false;  // demo data: shown as "contact details are invented"
};

}  // namespace vg::app
