// Administrators' edits to organisations and services (the admin pages, demo data, generated
// benchmark directories). Each save checks the form field by field and writes the HSDS document
// with its audit entry in one batch; never reads for the public, never touches HTTP.
#pragma once

#include <string>
#include <vector>

#include "app/clock.h"
#include "app/directory/directory_forms.h"
#include "app/directory/directory_generation.h"
#include "app/directory/taxonomy_cache.h"
#include "domain/access/access_table.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class DirectoryAdmin {
 public:
  // `taxonomy` and `generation` are the ones this process's DirectorySearch reads, so an edit
  // shows in its answers at once; they must outlive this.
  DirectoryAdmin(store::Store& store, const Clock& clock, const TaxonomyCache& taxonomy,
                 DirectoryGeneration& generation);

  // The forms that edit a stored organisation or service, as the edit page first shows them;
  // not_found when there is none with that id.
  Result<OrganizationForm> organization_form(const std::string& id);
  Result<ServiceForm> service_form(const std::string& id);

  // Return the record id. Field errors use the form's field names.
  Result<std::string> save_organization(const OrganizationForm& form, const std::string& actor);
  Result<std::string> save_service(const ServiceForm& form, const std::string& actor);
  // A service saved by a person (the admin pages): the same, once the access table lets them
  // edit the directory in every area the service serves, before and after the edit ("forbidden"
  // on local_authorities otherwise). A service that names no local authority is in every
  // area's directory, so it takes a person whose organisation serves every area.
  Result<std::string> save_service(const ServiceForm& form, const access::Actor& person);
  // Many services in one transaction (demo data, generated benchmark directories). Field errors
  // are prefixed "services[i]." with the form's index.
  Result<std::vector<std::string>> save_services(const std::vector<ServiceForm>& forms,
                                                 const std::string& actor);

 private:
  store::Store& store_;
  const Clock& clock_;
  const TaxonomyCache& taxonomy_;
  DirectoryGeneration& generation_;
};

}  // namespace vg::app
