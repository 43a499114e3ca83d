#include "app/directory/service_document.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "app/directory/directory_forms.h"
#include "app/directory/service_view.h"
#include "app/security/random_token.h"

namespace vg::app {
namespace {

namespace json = boost::json;

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

const json::object* object_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? &v->as_object() : nullptr;
}

const json::array* array_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? &v->as_array() : nullptr;
}

std::optional<int> age_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  const double d = v->to_number<double>();
  if (!std::isfinite(d) || d < 0 || d > 200) return std::nullopt;
  return static_cast<int>(d);
}

// Optional fields are left out, never empty or null (ORUK compliance).
void set_or_erase(json::object& o, std::string_view key, const std::string& value) {
  if (value.empty()) {
    o.erase(key);
  } else {
    o[key] = value;
  }
}

void set_or_erase(json::object& o, std::string_view key, std::optional<int> value) {
  if (value) {
    o[key] = *value;
  } else {
    o.erase(key);
  }
}

// A list the form keeps to one item (a phone, a schedule): the item under an id derived from the
// service's and `kind`, so an edit keeps it; no list when the form leaves `value` empty.
void set_single_item(json::object& d, std::string_view list, const std::string& service_id,
                     std::string_view kind, std::string_view field, const std::string& value) {
  if (value.empty()) {
    d.erase(list);
    return;
  }
  json::object item;
  item["id"] = derived_uuid(service_id + ":" + std::string(kind));
  item["service_id"] = service_id;
  item[field] = value;
  d[list] = json::array{item};
}

// What a service's record, its view and its form hold alike.
template <typename Out>
void copy_record_fields(const directory::ServiceRecord& record, Out& out) {
  out.id = record.id;
  out.organization_id = record.organization_id;
  out.name = record.name;
  out.description = record.description;
  out.status = record.status;
  out.self_referral = record.self_referral;
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    auto line = text.substr(start, end == std::string_view::npos ? end : end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.empty()) out.emplace_back(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::vector<std::string> linked_term_ids(const json::object& document) {
  std::vector<std::string> ids;
  if (const auto* attributes = array_of(document, "attributes")) {
    for (const auto& a : *attributes) {
      if (!a.is_object()) continue;
      std::string id = text_of(a.as_object(), "taxonomy_term_id");
      if (id.empty()) {
        if (const auto* term = object_of(a.as_object(), "taxonomy_term")) id = text_of(*term, "id");
      }
      if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
  }
  return ids;
}

std::string area_code_of(const json::object& area) {
  const std::string uri = text_of(area, "uri");
  if (auto slash = uri.rfind('/'); slash != std::string::npos) {
    auto tail = uri.substr(slash + 1);
    if (is_gss_code(tail)) return tail;
  }
  if (auto extent = text_of(area, "extent"); is_gss_code(extent)) return extent;
  const std::string name = text_of(area, "name");
  for (const auto& la : local_authorities()) {
    if (la.name == name) return la.code;
  }
  return {};
}

json::object term_object(const directory::TaxonomyTermRecord& term) {
  json::object t;
  t["id"] = term.id;
  if (!term.code.empty()) t["code"] = term.code;
  t["name"] = term.name;
  // The stored document holds the description; fall back to the name (description is required).
  std::string description;
  if (auto parsed = json::parse(term.document); parsed.is_object()) {
    description = text_of(parsed.as_object(), "description");
  }
  t["description"] = description.empty() ? term.name : description;
  if (!term.taxonomy_id.empty()) t["taxonomy_id"] = term.taxonomy_id;
  if (!term.parent_id.empty()) t["parent_id"] = term.parent_id;
  return t;
}

}  // namespace

std::string derived_uuid(std::string_view seed) {
  std::string hex = sha256_hex(seed);
  hex[12] = '4';
  static constexpr char kVariant[] = "89ab";
  hex[16] = kVariant[(hex[16] >= 'a' ? hex[16] - 'a' + 10 : hex[16] - '0') & 3];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

json::object organization_document(const OrganizationForm& form, json::object existing) {
  json::object o = std::move(existing);
  o["id"] = form.id;
  o["name"] = form.name;
  o["description"] = form.description;
  set_or_erase(o, "website", form.website);
  set_or_erase(o, "email", form.email);
  return o;
}

json::object nested_organization(const json::object& organization_document) {
  json::object nested;
  for (const auto& member : organization_document) {
    if (!member.value().is_array() && !member.value().is_object()) {
      nested[member.key()] = member.value();
    }
  }
  return nested;
}

json::object service_document(const ServiceForm& form,
                              const directory::OrganizationRecord& organization,
                              const TaxonomyIndex& taxonomy, std::string_view today,
                              json::object existing) {
  json::object d = std::move(existing);
  const std::string& sid = form.id;
  d["id"] = sid;
  d["organization_id"] = organization.id;
  d["name"] = form.name;
  set_or_erase(d, "description", form.description);
  set_or_erase(d, "url", form.url);
  set_or_erase(d, "email", form.email);
  d["status"] = form.status.empty() ? std::string("active") : form.status;
  set_or_erase(d, "minimum_age", form.minimum_age);
  set_or_erase(d, "maximum_age", form.maximum_age);
  d["assured_date"] = std::string(today);
  if (auto parsed = json::parse(organization.document); parsed.is_object()) {
    d["organization"] = nested_organization(parsed.as_object());
  }

  set_single_item(d, "phones", sid, "phone", "number", form.phone);
  set_single_item(d, "schedules", sid, "schedule", "description", form.opening_hours);

  json::array areas;
  for (const auto& code : form.local_authorities) {
    json::object area;
    area["id"] = derived_uuid(sid + ":area:" + code);
    area["service_id"] = sid;
    for (const auto& la : local_authorities()) {
      if (la.code == code) area["name"] = la.name;
    }
    area["extent"] = code;
    area["extent_type"] = "text";
    area["uri"] = statistical_geography_uri(code);
    areas.push_back(std::move(area));
  }
  if (areas.empty()) {
    d.erase("service_areas");
  } else {
    d["service_areas"] = std::move(areas);
  }

  // Every service is reachable somewhere: without a known place it is offered by phone and online.
  const auto* existing_sals = array_of(d, "service_at_locations");
  if (existing_sals == nullptr || existing_sals->empty() || form.confidential_location) {
    keep_front_door_only(d);
  }

  // Attributes from other taxonomies are kept; this taxonomy's are replaced by the form's.
  json::array attributes;
  if (const auto* old = array_of(d, "attributes")) {
    for (const auto& a : *old) {
      if (!a.is_object()) continue;
      std::string term_id = text_of(a.as_object(), "taxonomy_term_id");
      const auto* term = taxonomy.by_id(term_id);
      if (term == nullptr || term->taxonomy_id != kVictimTaxonomyId) attributes.push_back(a);
    }
  }
  auto link = [&](const std::string& code, std::string_view link_type) {
    const auto* term = taxonomy.by_code(code);
    if (term == nullptr) return;
    json::object a;
    a["id"] = derived_uuid(sid + ":term:" + term->id);
    a["link_id"] = sid;
    a["link_type"] = std::string(link_type);
    a["link_entity"] = "service";
    a["taxonomy_term_id"] = term->id;
    a["taxonomy_term"] = term_object(*term);
    attributes.push_back(std::move(a));
  };
  for (const auto& code : form.crime_types) link(code, "crime_type");
  for (const auto& code : form.audiences) link(code, "audience");
  for (const auto& code : form.kinds_of_help) link(code, "kind_of_help");
  if (form.self_referral) link("self_referral", "access");
  if (form.illustrative_contact_details) link("illustrative_contact_details", "record_note");
  if (form.confidential_location) link(std::string(kConfidentialLocation), "record_note");
  if (attributes.empty()) {
    d.erase("attributes");
  } else {
    d["attributes"] = std::move(attributes);
  }
  return d;
}

void keep_front_door_only(json::object& d) {
  const std::string sid = text_of(d, "id");
  json::object location;
  location["id"] = derived_uuid(sid + ":location");
  location["location_type"] = "virtual";
  location["name"] = "Phone and online";
  set_or_erase(location, "url", text_of(d, "url"));
  json::object sal;
  sal["id"] = derived_uuid(sid + ":service_at_location");
  sal["service_id"] = sid;
  sal["location_id"] = location["id"];
  sal["location"] = std::move(location);
  d["service_at_locations"] = json::array{sal};
  if (auto* org = d.if_contains("organization"); org != nullptr && org->is_object()) {
    org->as_object().erase("locations");
  }
}

bool has_confidential_location(const json::object& d, const TaxonomyIndex& taxonomy) {
  for (const auto& id : linked_term_ids(d)) {
    const auto* term = taxonomy.by_id(id);
    if (term != nullptr && term->code == kConfidentialLocation) return true;
  }
  return false;
}

directory::ServiceRecord service_record(const json::object& d, const TaxonomyIndex& taxonomy) {
  directory::ServiceRecord r;
  r.id = text_of(d, "id");
  r.organization_id = text_of(d, "organization_id");
  std::string organization_name;
  if (const auto* org = object_of(d, "organization")) {
    if (r.organization_id.empty()) r.organization_id = text_of(*org, "id");
    organization_name = text_of(*org, "name");
  }
  r.name = text_of(d, "name");
  r.description = text_of(d, "description");
  r.status = text_of(d, "status");
  r.document = json::serialize(d);
  r.taxonomy_term_ids = linked_term_ids(d);
  if (const auto* areas = array_of(d, "service_areas")) {
    for (const auto& a : *areas) {
      if (!a.is_object()) continue;
      auto code = area_code_of(a.as_object());
      if (!code.empty() &&
          std::find(r.area_codes.begin(), r.area_codes.end(), code) == r.area_codes.end()) {
        r.area_codes.push_back(code);
      }
    }
  }
  r.minimum_age = age_of(d, "minimum_age");
  r.maximum_age = age_of(d, "maximum_age");
  std::string words = r.name + " " + text_of(d, "alternate_name") + " " + r.description + " " +
                      organization_name;
  for (const auto& id : r.taxonomy_term_ids) {
    const auto* term = taxonomy.by_id(id);
    if (term == nullptr) continue;
    if (term->code == "self_referral") r.self_referral = true;
    if (taxonomy.group_of(id) == "record_note") continue;  // not what the service does
    words += " " + term->name;
  }
  r.search_text = std::move(words);
  return r;
}

std::vector<directory::ServiceAtLocationRecord> service_at_locations(const json::object& d) {
  std::vector<directory::ServiceAtLocationRecord> out;
  const std::string sid = text_of(d, "id");
  if (const auto* sals = array_of(d, "service_at_locations")) {
    for (const auto& v : *sals) {
      if (!v.is_object()) continue;
      const auto& sal = v.as_object();
      directory::ServiceAtLocationRecord r;
      r.id = text_of(sal, "id");
      r.service_id = sid;
      r.location_id = text_of(sal, "location_id");
      if (r.location_id.empty()) {
        if (const auto* loc = object_of(sal, "location")) r.location_id = text_of(*loc, "id");
      }
      // HSDS lets a nested service-at-location leave service_id out (its service is the one
      // holding it), but the export lists them on their own, where only service_id says whose
      // they are: without it the export would not import again.
      if (sal.contains("service_id")) {
        r.document = json::serialize(sal);
      } else {
        json::object named = sal;
        named["service_id"] = sid;
        r.document = json::serialize(named);
      }
      out.push_back(std::move(r));
    }
  }
  return out;
}

ServiceView service_view(const directory::ServiceRecord& record, const TaxonomyIndex& taxonomy) {
  ServiceView v;
  copy_record_fields(record, v);
  // Read in place from one arena on the stack: a results page builds twenty of these, and
  // copying each document's object and allocating each member was a fifth of the page's time.
  unsigned char arena[8192];
  json::monotonic_resource memory(arena, sizeof arena);
  boost::system::error_code ec;
  const json::value parsed = json::parse(record.document, ec, &memory);
  static const json::object kNone;
  const json::object& d = !ec && parsed.is_object() ? parsed.as_object() : kNone;
  if (const auto* org = object_of(d, "organization")) v.organization_name = text_of(*org, "name");
  v.url = text_of(d, "url");
  v.email = text_of(d, "email");
  v.eligibility = text_of(d, "eligibility_description");
  if (const auto* phones = array_of(d, "phones")) {
    for (const auto& p : *phones) {
      if (p.is_object()) {
        if (auto n = text_of(p.as_object(), "number"); !n.empty()) v.phones.push_back(n);
      }
    }
  }
  if (const auto* schedules = array_of(d, "schedules")) {
    for (const auto& s : *schedules) {
      if (!s.is_object()) continue;
      const auto& o = s.as_object();
      auto lines = lines_of(text_of(o, "description"));
      if (lines.empty() && !text_of(o, "opens_at").empty()) {
        std::string line = text_of(o, "byday");
        if (!line.empty()) line += ": ";
        line += text_of(o, "opens_at") + " to " + text_of(o, "closes_at");
        lines.push_back(line);
      }
      v.opening_times.insert(v.opening_times.end(), lines.begin(), lines.end());
    }
  }
  if (const auto* languages = array_of(d, "languages")) {
    for (const auto& l : *languages) {
      if (!l.is_object()) continue;
      auto name = text_of(l.as_object(), "name");
      if (name.empty()) continue;
      if (!v.languages.empty()) v.languages += ", ";
      v.languages += name;
    }
  }
  for (const auto& id : record.taxonomy_term_ids) {
    const auto* term = taxonomy.by_id(id);
    if (term == nullptr) continue;
    const auto group = taxonomy.group_of(id);
    if (group == "crime_type") v.crime_types.push_back(term->name);
    if (group == "audience") v.audiences.push_back(term->name);
    if (group == "kind_of_help") v.kinds_of_help.push_back(term->name);
    if (term->code == "illustrative_contact_details") v.illustrative_contact_details = true;
    if (term->code == kConfidentialLocation) v.confidential_location = true;
  }
  for (const auto& code : record.area_codes) {
    for (const auto& la : local_authorities()) {
      if (la.code == code) v.areas.push_back(la.name);
    }
  }
  return v;
}

OrganizationForm organization_form(const directory::OrganizationRecord& record) {
  OrganizationForm form;
  form.id = record.id;
  form.name = record.name;
  form.description = record.description;
  boost::system::error_code ec;
  if (auto doc = json::parse(record.document, ec); !ec && doc.is_object()) {
    form.website = text_of(doc.as_object(), "website");
    form.email = text_of(doc.as_object(), "email");
  }
  return form;
}

ServiceForm service_form(const directory::ServiceRecord& record, const TaxonomyIndex& taxonomy) {
  const auto view = service_view(record, taxonomy);
  ServiceForm form;
  copy_record_fields(record, form);
  form.url = view.url;
  form.email = view.email;
  form.phone = view.phones.empty() ? std::string() : view.phones.front();
  for (const auto& line : view.opening_times) {
    if (!form.opening_hours.empty()) form.opening_hours += "\n";
    form.opening_hours += line;
  }
  const std::set<std::string> term_ids(record.taxonomy_term_ids.begin(),
                                       record.taxonomy_term_ids.end());
  for (const auto& [group, into] : {std::pair{"crime_type", &form.crime_types},
                                    std::pair{"audience", &form.audiences},
                                    std::pair{"kind_of_help", &form.kinds_of_help}}) {
    for (const auto& term : taxonomy.group(group)) {
      if (term_ids.contains(term.id)) into->push_back(term.code);
    }
  }
  const auto* confidential = taxonomy.by_code(kConfidentialLocation);
  form.confidential_location = confidential != nullptr && term_ids.contains(confidential->id);
  form.local_authorities = record.area_codes;
  form.minimum_age = record.minimum_age;
  form.maximum_age = record.maximum_age;
  return form;
}

}  // namespace vg::app
