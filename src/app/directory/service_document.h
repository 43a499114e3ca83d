// Turning between the directory's forms (admin pages, demo data) and Open Referral HSDS 3.0
// documents, and reading a stored document back into the facets search needs and the view a
// person sees. Pure: no store, no clock (the date is passed in).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/directory/local_authorities.h"
#include "app/directory/taxonomy_index.h"
#include "domain/directory/directory_records.h"

namespace vg::app {

struct OrganizationForm;
struct ServiceForm;
struct ServiceView;

// A stable UUID (version 4 layout) derived from `seed`, so re-saving a service keeps the ids of
// its phones, schedules and areas instead of minting new ones every time.
std::string derived_uuid(std::string_view seed);

// The organisation's document: `existing` (may be empty) with the form's fields set or removed.
boost::json::object organization_document(const OrganizationForm& form,
                                          boost::json::object existing);

// The compiled service document (HSDS 3.0 service with nested organization, phones, schedules,
// service_areas, service_at_locations and attributes), starting from `existing` so fields the
// form does not manage survive an edit. `today` is "YYYY-MM-DD" (assured_date).
boost::json::object service_document(const ServiceForm& form,
                                     const directory::OrganizationRecord& organization,
                                     const TaxonomyIndex& taxonomy, std::string_view today,
                                     boost::json::object existing);

// The record (document plus facets) for a validated service document. Facets: the organisation,
// every term linked through attributes (expanded through the taxonomy's families), the local
// authorities of its service areas, ages, self-referral, and the words search looks at.
// The taxonomy term (a record note) that marks a service whose location is confidential, such
// as a refuge: where it is is never kept or published, only its front door (phone, email, web).
inline constexpr std::string_view kConfidentialLocation = "confidential_location";
bool has_confidential_location(const boost::json::object& document, const TaxonomyIndex& taxonomy);
// Replaces every location of the service with its front door (one virtual "Phone and online"
// location with its web address) and drops any locations of its nested organisation, so
// nothing of where it is reaches the store. Applied before a confidential service is stored.
void keep_front_door_only(boost::json::object& document);

directory::ServiceRecord service_record(const boost::json::object& document,
                                        const TaxonomyIndex& taxonomy);

// The service-at-location rows nested in a service document.
std::vector<directory::ServiceAtLocationRecord> service_at_locations(
    const boost::json::object& document);

// The one-to-one organisation fields a service document nests as "organization".
boost::json::object nested_organization(const boost::json::object& organization_document);

ServiceView service_view(const directory::ServiceRecord& record, const TaxonomyIndex& taxonomy);

// The admin forms that edit a stored organisation and service, filled from the record and its
// document as the edit page first shows them.
OrganizationForm organization_form(const directory::OrganizationRecord& record);
ServiceForm service_form(const directory::ServiceRecord& record, const TaxonomyIndex& taxonomy);

}  // namespace vg::app
