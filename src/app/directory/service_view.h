// What a person needs to see about a service, read out of its HSDS document (service_view() in
// service_document.h makes one). Plain data: display text only, never a store record.
#pragma once

#include <string>
#include <vector>

namespace vg::app {

struct ServiceView {
  std::string id;
  std::string name;
  std::string description;
  std::string organization_id;
  std::string organization_name;
  std::string status;
  std::string url;
  std::string email;
  std::vector<std::string> phones;           // display numbers
  std::vector<std::string> opening_times;    // human lines, e.g. "Monday to Friday, 9am to 5pm"
  std::vector<std::string> crime_types;      // term names
  std::vector<std::string> audiences;        // "Children and young people", ...
  std::vector<std::string> kinds_of_help;    // "Advocacy", ...
  std::vector<std::string> areas;            // local authority names
  std::string eligibility;                   // eligibility description, if any
  std::string languages;                     // "English, Polish"
  bool self_referral = false;
  bool illustrative_contact_details = false;  // demo data: contact details are invented
  bool confidential_location = false;         // where it is is never published (a refuge)
};

}  // namespace vg::app
