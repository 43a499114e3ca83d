#include "app/directory/area_directory_file.h"

#include <boost/json.hpp>

#include <cstdint>

#include "app/json_members.h"
#include "domain/text/json_object.h"

namespace vg::app {
namespace {

namespace json = boost::json;

// The area file's own readings on top of the shared ones: any text may be blank (the admin
// checks say which may not), and a list's wrong item is named by the list.
class Reader : public JsonMembers {
 public:
  using JsonMembers::JsonMembers;

  std::vector<std::string> texts(std::string_view key) {
    std::vector<std::string> out;
    const auto* items = list(key, "must be a list of text");
    if (items == nullptr) return out;
    for (const auto& item : *items) {
      if (item.is_string()) {
        out.emplace_back(item.as_string());
      } else {
        problem(key, "type", "must be a list of text");
      }
    }
    return out;
  }

  // An age in years. Checked before it is narrowed, so a typo's huge number is an error at its
  // path, never wrapped round into a believable age.
  std::optional<int> age(std::string_view key) {
    constexpr std::int64_t kOldest = 200;  // as the HSDS import reads ages (service_document)
    const auto n = whole_number(key, "type", "must be a whole number");
    if (!n) return std::nullopt;
    if (*n < 0 || *n > kOldest) {
      problem(key, "range", "must be an age from 0 to 200");
      return std::nullopt;
    }
    return static_cast<int>(*n);
  }

  // Each object of the list `key`, with its path.
  template <typename F>
  void each(std::string_view key, F&& f) {
    const auto* items = list(key, "must be a list");
    if (items == nullptr) return;
    std::size_t i = 0;
    for (const auto& item : *items) {
      const std::string path = at(key) + "[" + std::to_string(i++) + "]";
      if (!item.is_object()) {
        errors().push_back({path, "type", "must be an object"});
        continue;
      }
      f(Reader(item.as_object(), path, errors()));
    }
  }
};

}  // namespace

Result<AreaDirectory> parse_area_directory(std::string_view text) {
  const auto root = VG_TRY(vg::text::parse_json_object(text, "Not JSON", "Not an area directory"));
  std::vector<FieldError> errors;
  AreaDirectory out;
  Reader file(root, "$", errors);
  file.each("organizations", [&](Reader r) {
    OrganizationForm f;
    f.id = r.text("id", true);
    f.name = r.text("name", true);
    f.description = r.text("description", true);
    f.website = r.text("website");
    f.email = r.text("email");
    out.organizations.push_back(std::move(f));
  });
  file.each("services", [&](Reader r) {
    ServiceForm f;
    f.id = r.text("id", true);
    f.organization_id = r.text("organization_id", true);
    f.name = r.text("name", true);
    f.description = r.text("description", true);
    f.status = r.text("status");
    f.url = r.text("url");
    f.email = r.text("email");
    f.phone = r.text("phone");
    f.opening_hours = r.text("opening_hours");
    f.crime_types = r.texts("crime_types");
    f.audiences = r.texts("audiences");
    f.kinds_of_help = r.texts("kinds_of_help");
    f.local_authorities = r.texts("local_authorities");
    f.self_referral = r.flag("self_referral");
    f.minimum_age = r.age("minimum_age");
    f.maximum_age = r.age("maximum_age");
    f.illustrative_contact_details = r.flag("illustrative_contact_details");
    f.confidential_location = r.flag("confidential_location");
    out.services.push_back(std::move(f));
  });
  if (!errors.empty()) return validation_failed(std::move(errors), "The area directory file is not valid");
  return out;
}

}  // namespace vg::app
