// Administrators' edits to organisations and services, from the admin pages and demo data.
// Each save checks the form field by field, builds the HSDS document, and writes it with its
// audit entry in one batch.
#include "app/directory/directory_admin.h"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "app/audit/audit_entry.h"
#include "app/directory/confidential_organisations.h"
#include "app/directory/hsds_validator.h"
#include "app/directory/local_authorities.h"
#include "app/directory/service_document.h"
#include "app/security/random_token.h"

namespace vg::app {
namespace {

namespace json = boost::json;
using directory::OrganizationRecord;

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxDescription = 4000;

bool is_web_address(std::string_view s) {
  return (s.starts_with("https://") || s.starts_with("http://")) && s.size() > 10 &&
         s.find_first_of(" \t\r\n<>\"") == std::string_view::npos;
}

bool is_email(std::string_view s) {
  auto at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos &&
         s.back() != '.' && s.find_first_of(" \t\r\n<>\",;") == std::string_view::npos &&
         s.size() <= 254;
}

bool is_phone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '+' && c != '(' && c != ')' && c != '-') {
      return false;
    }
  }
  return digits >= 3 && digits <= 15;
}

void check_text(std::vector<FieldError>& errors, std::string_view field, const std::string& value,
                std::size_t max, std::string_view what, bool required) {
  if (value.empty()) {
    if (required) errors.push_back({std::string(field), "required", "Enter " + std::string(what)});
  } else if (value.size() > max) {
    errors.push_back({std::string(field), "too_long",
                      std::string(what) + " must be " + std::to_string(max) + " characters or fewer"});
  }
}

json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return !ec && v.is_object() ? v.as_object() : json::object{};
}

// What a save starts from: the stored document (empty for a new record), and whether it creates.
struct Starting {
  json::object document;
  bool creating = true;
};

// A form without an id creates a record under a new one; an id the store does not hold creates
// the record with that id (demo data, migrations); any other edits the stored document, so the
// fields the form does not manage survive.
template <typename Find>
Result<Starting> starting_point(std::string& id, Find&& find) {
  Starting out;
  if (id.empty()) {
    id = random_uuid();
  } else if (auto found = VG_TRY(find(id))) {
    out.document = parse_object(found->document);
    out.creating = false;
  }
  return out;
}

// Every document is checked against its HSDS schema before it is written.
Result<void> check_hsds(const json::object& document, std::string_view schema,
                        std::string_view what) {
  std::vector<FieldError> errors;
  hsds::validate(json::value(document), schema, "$", errors);
  if (!errors.empty()) {
    return validation_failed(std::move(errors), "The " + std::string(what) + " is not valid HSDS");
  }
  return {};
}

}  // namespace

DirectoryAdmin::DirectoryAdmin(store::Store& store, const Clock& clock,
                               const TaxonomyCache& taxonomy, DirectoryGeneration& generation)
    : store_(store), clock_(clock), taxonomy_(taxonomy), generation_(generation) {}

Result<OrganizationForm> DirectoryAdmin::organization_form(const std::string& id) {
  auto record = VG_TRY(store_.directory().find_organization(id));
  if (!record) return not_found("The organization");
  return app::organization_form(*record);
}

Result<ServiceForm> DirectoryAdmin::service_form(const std::string& id) {
  auto record = VG_TRY(store_.directory().find_service(id));
  if (!record) return not_found("The service");
  return app::service_form(*record, *taxonomy_.get());
}

Result<std::string> DirectoryAdmin::save_organization(const OrganizationForm& input,
                                                        const std::string& actor) {
  OrganizationForm form = input;
  std::vector<FieldError> errors;
  check_text(errors, "name", form.name, kMaxName, "the organisation's name", true);
  check_text(errors, "description", form.description, kMaxDescription,
             "what the organisation does", true);
  if (!form.website.empty() && !is_web_address(form.website)) {
    errors.push_back({"website", "format", "Enter a web address starting https://"});
  }
  if (!form.email.empty() && !is_email(form.email)) {
    errors.push_back({"email", "format", "Enter an email address, like name@example.org"});
  }
  if (!form.id.empty() && !hsds::is_uuid(form.id)) {
    errors.push_back({"id", "malformed", "The organisation's identifier is not valid"});
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "Check the organisation's details");

  auto start = VG_TRY(starting_point(form.id, [this](const std::string& id) {
    return store_.directory().find_organization(id);
  }));
  const bool creating = start.creating;
  const auto document = organization_document(form, std::move(start.document));
  VG_CHECK(check_hsds(document, "organization", "organisation"));

  directory::DirectoryBatch batch;
  batch.organizations.push_back({form.id, form.name, form.description, json::serialize(document)});
  // Services nest their organisation: keep every one of them in step with the new details.
  if (!creating) {
    const auto index = taxonomy_.get();
    store::ServiceQuery q;
    q.organization_id = form.id;
    q.per_page = 100;
    for (q.page = 1;; ++q.page) {
      auto page = VG_TRY(store_.directory().search_services(q));
      for (const auto& s : page.items) {
        auto doc = parse_object(s.document);
        doc["organization"] = nested_organization(document);
        batch.services.push_back(service_record(doc, *index));
      }
      if (page.items.size() < 100) break;
    }
  }
  VG_CHECK(keep_no_locations_for_confidential(batch, store_.directory(), *taxonomy_.get()));
  VG_CHECK(store_.directory().apply(
      batch, audit_entry(clock_, actor, creating ? "directory.organization.create"
                                                 : "directory.organization.update",
                         "organization", form.id)));
  generation_.advance();
  return form.id;
}

Result<std::string> DirectoryAdmin::save_service(const ServiceForm& form, const std::string& actor) {
  auto ids = VG_TRY(save_services({form}, actor));
  return ids.front();
}

Result<std::string> DirectoryAdmin::save_service(const ServiceForm& form, const access::Actor& person) {
  std::vector<std::string> codes = form.local_authorities;
  if (!form.id.empty()) {
    if (auto stored = VG_TRY(store_.directory().find_service(form.id))) {
      codes.insert(codes.end(), stored->area_codes.begin(), stored->area_codes.end());
    }
  }
  std::set<std::string> areas;
  for (const auto& code : codes) {
    if (const auto* la = find_local_authority(code)) areas.insert(area_id(la->police_force_area));
  }
  if (areas.empty()) {  // no local authority: every area's
    for (const auto& la : local_authorities()) areas.insert(area_id(la.police_force_area));
  }
  for (const auto& area : areas) {
    access::Subject in_area;
    in_area.area = area;
    if (!access::decide(person, access::Action::kEditDirectory, in_area).allowed) {
      return fail("forbidden", "You may not change this service",
                  {{"local_authorities", "not_permitted",
                    "You can only change services in the areas your organisation serves"}});
    }
  }
  return save_service(form, person.user_id);
}

Result<std::vector<std::string>> DirectoryAdmin::save_services(const std::vector<ServiceForm>& forms,
                                                                 const std::string& actor) {
  const auto index = taxonomy_.get();
  const std::string today = to_rfc3339(clock_.now()).substr(0, 10);
  directory::DirectoryBatch batch;
  std::vector<std::string> ids;
  std::vector<FieldError> all_errors;
  std::map<std::string, std::optional<OrganizationRecord>> organizations;
  int created = 0;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    ServiceForm form = forms[i];
    std::vector<FieldError> errors;
    const std::optional<OrganizationRecord>* organization = nullptr;
    if (form.organization_id.empty() || !hsds::is_uuid(form.organization_id)) {
      errors.push_back({"organization_id", "required", "Choose the organisation that runs the service"});
    } else {
      auto cached = organizations.find(form.organization_id);
      if (cached == organizations.end()) {
        auto found = VG_TRY(store_.directory().find_organization(form.organization_id));
        cached = organizations.emplace(form.organization_id, std::move(found)).first;
      }
      organization = &cached->second;
      if (!*organization) {
        errors.push_back({"organization_id", "unknown", "Choose an organisation from the list"});
      }
    }
    check_text(errors, "name", form.name, kMaxName, "the service's name", true);
    check_text(errors, "description", form.description, kMaxDescription, "what the service does", true);
    if (form.status.empty()) form.status = "active";
    if (form.status != "active" && form.status != "inactive" && form.status != "defunct" &&
        form.status != "temporarily closed") {
      errors.push_back({"status", "enum", "Choose whether the service is open"});
    }
    if (!form.url.empty() && !is_web_address(form.url)) {
      errors.push_back({"url", "format", "Enter a web address starting https://"});
    }
    if (!form.email.empty() && !is_email(form.email)) {
      errors.push_back({"email", "format", "Enter an email address, like name@example.org"});
    }
    if (!form.phone.empty() && !is_phone(form.phone)) {
      errors.push_back({"phone", "format", "Enter a phone number, like 0151 496 0000"});
    }
    check_text(errors, "opening_hours", form.opening_hours, 1000, "Opening hours", false);
    auto check_codes = [&](const std::vector<std::string>& codes, std::string_view group,
                           std::string_view field, std::string_view what) {
      for (const auto& code : codes) {
        const auto* term = index->by_code(code);
        if (term == nullptr || index->group_of(term->id) != group || term->parent_id.empty()) {
          errors.push_back({std::string(field), "unknown", "Choose " + std::string(what) + " from the list"});
          return;
        }
      }
    };
    check_codes(form.crime_types, "crime_type", "crime_types", "crime types");
    check_codes(form.audiences, "audience", "audiences", "who the service is for");
    check_codes(form.kinds_of_help, "kind_of_help", "kinds_of_help", "kinds of help");
    for (const auto& code : form.local_authorities) {
      if (find_local_authority(code) == nullptr) {
        errors.push_back({"local_authorities", "unknown", "Choose areas from the list"});
        break;
      }
    }
    for (const auto& [age, field] : {std::pair{form.minimum_age, "minimum_age"},
                                     std::pair{form.maximum_age, "maximum_age"}}) {
      if (age && (*age < 0 || *age > 120)) {
        errors.push_back({field, "out_of_range", "Enter an age from 0 to 120"});
      }
    }
    if (form.minimum_age && form.maximum_age && *form.minimum_age > *form.maximum_age) {
      errors.push_back({"maximum_age", "out_of_range",
                        "The oldest age must be the same as or more than the youngest age"});
    }
    if (!form.id.empty() && !hsds::is_uuid(form.id)) {
      errors.push_back({"id", "malformed", "The service's identifier is not valid"});
    }
    if (!errors.empty()) {
      for (auto& e : errors) {
        if (forms.size() > 1) e.field = "services[" + std::to_string(i) + "]." + e.field;
        all_errors.push_back(std::move(e));
      }
      continue;
    }

    auto start = VG_TRY(starting_point(form.id, [this](const std::string& id) {
      return store_.directory().find_service(id);
    }));
    created += start.creating ? 1 : 0;
    const auto document =
        service_document(form, **organization, *index, today, std::move(start.document));
    VG_CHECK(check_hsds(document, "service", "service"));
    batch.services.push_back(service_record(document, *index));
    for (auto& sal : service_at_locations(document)) batch.service_at_locations.push_back(std::move(sal));
    ids.push_back(form.id);
  }
  if (!all_errors.empty()) return validation_failed(std::move(all_errors), "Check the service's details");
  if (ids.empty()) return ids;

  const bool one = ids.size() == 1;
  auto audit = audit_entry(clock_, actor,
                           one ? (created == 1 ? "directory.service.create" : "directory.service.update")
                               : "directory.services.save",
                           "service", one ? ids.front() : std::string());
  if (!one) {
    audit.detail = json::serialize(json::object{{"services", ids.size()}, {"created", created}});
  }
  VG_CHECK(keep_no_locations_for_confidential(batch, store_.directory(), *index));
  VG_CHECK(store_.directory().apply(batch, audit));
  generation_.advance();
  return ids;
}

}  // namespace vg::app
