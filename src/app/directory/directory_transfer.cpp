// Reading and writing the directory as Open Referral HSDS 3.0 JSON. An import is checked whole
// against the HSDS schemas and the directory's own links first; only a file with no problem at
// all is written, in one batch with its audit entry.
#include "app/directory/directory_transfer.h"

#include <boost/json.hpp>

#include <map>

#include "app/audit/audit_entry.h"
#include "app/directory/confidential_organisations.h"
#include "app/directory/hsds_validator.h"
#include "app/directory/service_document.h"

namespace vg::app {
namespace {

namespace json = boost::json;
using directory::OrganizationRecord;
using directory::ServiceAtLocationRecord;
using directory::TaxonomyRecord;
using directory::TaxonomyTermRecord;

enum class Kind { kOrganization, kTaxonomy, kTaxonomyTerm, kService, kServiceAtLocation };

struct Item {
  Kind kind;
  const json::object* object;
  std::string path;
  std::string taxonomy_id;  // for terms nested in a taxonomy
};

std::string_view schema_of(Kind kind) {
  switch (kind) {
    case Kind::kOrganization: return "organization";
    case Kind::kTaxonomy: return "taxonomy";
    case Kind::kTaxonomyTerm: return "taxonomy_term";
    case Kind::kService: return "service";
    case Kind::kServiceAtLocation: return "service_at_location";
  }
  return "";
}

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// What an object on its own is, by the fields only that kind has.
Kind detect(const json::object& o) {
  if (o.contains("status")) return Kind::kService;
  if (o.contains("taxonomy_terms") || o.contains("version") || o.contains("uri")) {
    if (!o.contains("code") && !o.contains("parent_id") && !o.contains("term_uri")) {
      return Kind::kTaxonomy;
    }
  }
  if (o.contains("code") || o.contains("parent_id") || o.contains("taxonomy") ||
      o.contains("taxonomy_id") || o.contains("taxonomy_detail") || o.contains("term_uri")) {
    return Kind::kTaxonomyTerm;
  }
  if (o.contains("service_id") && (o.contains("location") || o.contains("location_id"))) {
    return Kind::kServiceAtLocation;
  }
  return Kind::kOrganization;
}

constexpr std::pair<std::string_view, Kind> kBundleKeys[] = {
    {"organizations", Kind::kOrganization},
    {"taxonomies", Kind::kTaxonomy},
    {"taxonomy_terms", Kind::kTaxonomyTerm},
    {"services", Kind::kService},
    {"service_at_locations", Kind::kServiceAtLocation},
};

void add_item(std::vector<Item>& items, std::vector<FieldError>& errors, const json::value& v,
              std::string path, std::optional<Kind> kind) {
  if (!v.is_object()) {
    errors.push_back({path, "type", "must be an HSDS object"});
    return;
  }
  const auto& o = v.as_object();
  const Kind k = kind.value_or(detect(o));
  items.push_back({k, &o, path, {}});
  if (k == Kind::kTaxonomy) {
    // ORUK's taxonomy example nests its terms.
    if (const auto* terms = o.if_contains("taxonomy_terms"); terms && terms->is_array()) {
      std::size_t j = 0;
      for (const auto& t : terms->as_array()) {
        const auto term_path = path + ".taxonomy_terms[" + std::to_string(j++) + "]";
        if (!t.is_object()) {
          errors.push_back({term_path, "type", "must be an HSDS taxonomy term"});
          continue;
        }
        items.push_back({Kind::kTaxonomyTerm, &t.as_object(), term_path, text_of(o, "id")});
      }
    }
  }
}

std::vector<Item> collect(const json::value& root, std::vector<FieldError>& errors) {
  std::vector<Item> items;
  if (root.is_array()) {
    std::size_t i = 0;
    for (const auto& v : root.as_array()) add_item(items, errors, v, "$[" + std::to_string(i++) + "]", {});
    return items;
  }
  if (!root.is_object()) {
    errors.push_back({"$", "type", "must be an HSDS object, a list of them, or a page of them"});
    return items;
  }
  const auto& o = root.as_object();
  if (const auto* contents = o.if_contains("contents"); contents && contents->is_array()) {
    std::size_t i = 0;
    for (const auto& v : contents->as_array()) {
      add_item(items, errors, v, "$.contents[" + std::to_string(i++) + "]", {});
    }
    return items;
  }
  bool bundle = false;
  if (!o.contains("id")) {
    for (const auto& [key, kind] : kBundleKeys) {
      const auto* list = o.if_contains(key);
      if (list == nullptr) continue;
      bundle = true;
      if (!list->is_array()) {
        errors.push_back({"$." + std::string(key), "type", "must be a list"});
        continue;
      }
      std::size_t i = 0;
      for (const auto& v : list->as_array()) {
        add_item(items, errors, v, "$." + std::string(key) + "[" + std::to_string(i++) + "]", kind);
      }
    }
  }
  if (!bundle) add_item(items, errors, root, "$", {});
  return items;
}

// The same id twice is fine when both say the same thing (a service's nested
// service-at-location beside the same one listed on its own); otherwise it is a mistake.
template <typename Record>
void add_unique(std::vector<Record>& out, std::map<std::string, std::size_t>& seen, Record record,
                const std::string& path, std::vector<FieldError>& errors) {
  auto [it, added] = seen.try_emplace(record.id, out.size());
  if (added) {
    out.push_back(std::move(record));
  } else if (out[it->second].document != record.document) {
    errors.push_back({path + ".id", "duplicate", "is used twice in this file for different records"});
  }
}

}  // namespace

DirectoryTransfer::DirectoryTransfer(store::Store& store, const Clock& clock,
                                     TaxonomyCache& taxonomy, DirectoryGeneration& generation)
    : store_(store), clock_(clock), taxonomy_(&taxonomy), generation_(&generation) {}

DirectoryTransfer::DirectoryTransfer(store::Store& store, const Clock& clock)
    : store_(store), clock_(clock) {}

Result<ImportSummary> DirectoryTransfer::import_hsds(std::string_view text, const std::string& actor) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 64;
  json::value root = json::parse(text, ec, {}, options);
  if (ec) {
    return validation_failed({{"$", "json", "is not valid JSON: " + ec.message()}},
                             "The file is not valid JSON");
  }
  std::vector<FieldError> errors;
  const auto items = collect(root, errors);
  for (const auto& item : items) {
    // Nested terms are checked through their taxonomy's own list here, not its schema.
    hsds::validate(json::value(*item.object), schema_of(item.kind), item.path, errors);
  }
  if (items.empty() && errors.empty()) {
    errors.push_back({"$", "empty", "holds no organisations, services or taxonomies"});
  }
  if (!errors.empty()) {
    return validation_failed(std::move(errors), "The file is not valid HSDS 3.0; nothing was imported");
  }

  directory::DirectoryBatch batch;
  std::map<std::string, std::size_t> seen_orgs, seen_taxonomies, seen_terms, seen_services, seen_sals;
  std::vector<std::pair<const Item*, std::size_t>> services_to_compile;
  for (const auto& item : items) {
    const auto& o = *item.object;
    const std::string document = json::serialize(o);
    switch (item.kind) {
      case Kind::kOrganization:
        add_unique(batch.organizations, seen_orgs,
                   OrganizationRecord{text_of(o, "id"), text_of(o, "name"), text_of(o, "description"), document},
                   item.path, errors);
        break;
      case Kind::kTaxonomy:
        add_unique(batch.taxonomies, seen_taxonomies,
                   TaxonomyRecord{text_of(o, "id"), text_of(o, "name"), text_of(o, "description"), document},
                   item.path, errors);
        break;
      case Kind::kTaxonomyTerm: {
        TaxonomyTermRecord t;
        t.id = text_of(o, "id");
        t.taxonomy_id = text_of(o, "taxonomy_id");
        if (t.taxonomy_id.empty()) {
          if (const auto* detail = o.if_contains("taxonomy_detail"); detail && detail->is_object()) {
            t.taxonomy_id = text_of(detail->as_object(), "id");
          }
        }
        if (t.taxonomy_id.empty()) t.taxonomy_id = item.taxonomy_id;
        t.code = text_of(o, "code");
        t.name = text_of(o, "name");
        t.parent_id = text_of(o, "parent_id");
        t.document = document;
        add_unique(batch.taxonomy_terms, seen_terms, std::move(t), item.path, errors);
        break;
      }
      case Kind::kService:
        services_to_compile.emplace_back(&item, 0);
        break;
      case Kind::kServiceAtLocation: {
        ServiceAtLocationRecord r;
        r.id = text_of(o, "id");
        r.service_id = text_of(o, "service_id");
        r.location_id = text_of(o, "location_id");
        if (r.location_id.empty()) {
          if (const auto* loc = o.if_contains("location"); loc && loc->is_object()) {
            r.location_id = text_of(loc->as_object(), "id");
          }
        }
        r.document = document;
        add_unique(batch.service_at_locations, seen_sals, std::move(r), item.path, errors);
        break;
      }
    }
  }

  // Services' facets need the taxonomy as it will be after this import.
  std::vector<TaxonomyTermRecord> all_terms;
  {
    std::map<std::string, TaxonomyTermRecord> by_id;
    for (int page = 1;; ++page) {
      auto got = VG_TRY(store_.directory().list_taxonomy_terms("", {page, 500}));
      for (auto& t : got.items) by_id[t.id] = std::move(t);
      if (got.items.size() < 500) break;
    }
    for (const auto& t : batch.taxonomy_terms) by_id[t.id] = t;
    for (auto& [id, t] : by_id) all_terms.push_back(std::move(t));
  }
  const TaxonomyIndex index(std::move(all_terms));

  // Confidential services (refuges) and the one location each keeps: its front door.
  std::map<std::string, std::string> front_doors;  // service id -> its front door's document
  for (const auto& [item, unused] : services_to_compile) {
    json::object o = *item->object;
    if (has_confidential_location(o, index)) {
      keep_front_door_only(o);
      front_doors[text_of(o, "id")] = service_at_locations(o).at(0).document;
    }
    auto record = service_record(o, index);
    const json::object* nested = nullptr;
    if (const auto* org = o.if_contains("organization"); org && org->is_object()) {
      nested = &org->as_object();
    }
    const std::string explicit_org = text_of(o, "organization_id");
    if (nested != nullptr && !explicit_org.empty() && text_of(*nested, "id") != explicit_org) {
      errors.push_back({item->path + ".organization.id", "mismatch",
                        "must be the same organisation as organization_id"});
    }
    if (record.organization_id.empty()) {
      errors.push_back({item->path + ".organization_id", "required",
                        "is required: say which organisation provides the service"});
    } else if (!seen_orgs.contains(record.organization_id)) {
      auto stored = VG_TRY(store_.directory().find_organization(record.organization_id));
      if (!stored && nested != nullptr) {
        add_unique(batch.organizations, seen_orgs,
                   OrganizationRecord{text_of(*nested, "id"), text_of(*nested, "name"),
                                      text_of(*nested, "description"), json::serialize(*nested)},
                   item->path + ".organization", errors);
      } else if (!stored) {
        errors.push_back({item->path + ".organization_id", "unknown",
                          "names an organisation that is neither in this file nor in the directory"});
      }
    }
    for (auto& sal : service_at_locations(o)) {
      add_unique(batch.service_at_locations, seen_sals, std::move(sal),
                 item->path + ".service_at_locations", errors);
    }
    add_unique(batch.services, seen_services, std::move(record), item->path, errors);
  }
  for (std::size_t i = 0; i < batch.service_at_locations.size(); ++i) {
    const auto& sal = batch.service_at_locations[i];
    if (seen_services.contains(sal.service_id)) continue;
    auto stored = VG_TRY(store_.directory().find_service(sal.service_id));
    if (stored) {
      boost::system::error_code unreadable;
      auto doc = json::parse(stored->document, unreadable);
      if (!unreadable && doc.is_object() && has_confidential_location(doc.as_object(), index)) {
        front_doors.emplace(sal.service_id, std::string());  // stored already; nothing to add
      }
    } else {
      errors.push_back({"$", "unknown",
                        "service at location " + sal.id +
                            " names a service that is neither in this file nor in the directory"});
    }
  }
  if (!errors.empty()) {
    return validation_failed(std::move(errors), "The file is not valid HSDS 3.0; nothing was imported");
  }
  // A location listed on its own for a confidential service is not kept either (nor one posing
  // as its front door): the front door made from the service above is all the directory holds.
  std::erase_if(batch.service_at_locations, [&](const ServiceAtLocationRecord& sal) {
    auto door = front_doors.find(sal.service_id);
    return door != front_doors.end() && sal.document != door->second;
  });
  VG_CHECK(keep_no_locations_for_confidential(batch, store_.directory(), index));

  ImportSummary summary;
  summary.organizations = static_cast<int>(batch.organizations.size());
  summary.taxonomies = static_cast<int>(batch.taxonomies.size());
  summary.taxonomy_terms = static_cast<int>(batch.taxonomy_terms.size());
  summary.services = static_cast<int>(batch.services.size());
  summary.service_at_locations = static_cast<int>(batch.service_at_locations.size());

  const auto audit = audit_entry(
      clock_, actor, "directory.import", "directory", "",
      json::serialize(json::object{{"organizations", summary.organizations},
                                   {"taxonomies", summary.taxonomies},
                                   {"taxonomy_terms", summary.taxonomy_terms},
                                   {"services", summary.services},
                                   {"service_at_locations", summary.service_at_locations}}));
  VG_CHECK(store_.directory().apply(batch, audit));
  if (generation_ != nullptr) generation_->advance();
  if (taxonomy_ != nullptr) taxonomy_->forget();
  return summary;
}

Result<std::string> DirectoryTransfer::export_hsds() {
  auto all = VG_TRY(store_.directory().export_all());
  std::string out = "{";
  auto list = [&out](std::string_view key, const auto& records, bool first) {
    if (!first) out += ",\n";
    out += "\"";
    out += key;
    out += "\":[";
    bool first_item = true;
    for (const auto& r : records) {
      out += first_item ? "\n" : ",\n";
      first_item = false;
      out += r.document;
    }
    out += "]";
  };
  list("organizations", all.organizations, true);
  list("taxonomies", all.taxonomies, false);
  list("taxonomy_terms", all.taxonomy_terms, false);
  list("services", all.services, false);
  // Rows imported before service-at-locations were stored with their service_id: name it here,
  // the way service_at_locations() now stores them, so the export imports again.
  for (auto& sal : all.service_at_locations) {
    boost::system::error_code ec;
    auto parsed = json::parse(sal.document, ec);
    if (ec || !parsed.is_object() || parsed.as_object().contains("service_id")) continue;
    parsed.as_object()["service_id"] = sal.service_id;
    sal.document = json::serialize(parsed);
  }
  list("service_at_locations", all.service_at_locations, false);
  out += "}\n";
  return out;
}

}  // namespace vg::app
