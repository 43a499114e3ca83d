#include "domain/assessment/offence_categories.h"

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <string>

#include "domain/assessment/enhanced_rights.h"
#include "domain/text/json_object.h"

namespace vg::assessment {
namespace {

namespace json = boost::json;

bool is_code(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::string key_path(const std::string& object_path, std::string_view key) {
  return object_path + "." + std::string(key);
}

// A required, non-blank string member; reports and returns "" otherwise.
std::string required_text(const json::object& o, std::string_view key, const std::string& path,
                          std::vector<FieldError>& errors) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) {
    errors.push_back({key_path(path, key), "required", std::string(key) + " is required"});
    return {};
  }
  if (!v->is_string()) {
    errors.push_back({key_path(path, key), "type", std::string(key) + " must be text"});
    return {};
  }
  std::string text(v->as_string());
  if (is_blank(text)) {
    errors.push_back({key_path(path, key), "required", std::string(key) + " must not be blank"});
  }
  return text;
}

std::vector<std::string> parse_groups(const json::object& root, std::vector<FieldError>& errors) {
  std::vector<std::string> groups;
  const auto* v = root.if_contains("groups");
  if (v == nullptr) {
    errors.push_back(
        {"$.groups", "required", "groups is required: the Home Office offence groups"});
    return groups;
  }
  if (!v->is_array()) {
    errors.push_back({"$.groups", "type", "groups must be a list of group names"});
    return groups;
  }
  std::size_t i = 0;
  for (const auto& item : v->as_array()) {
    const std::string path = "$.groups[" + std::to_string(i++) + "]";
    if (!item.is_string() || is_blank(item.as_string())) {
      errors.push_back({path, "type", "each group must be a non-blank name"});
      continue;
    }
    std::string name(item.as_string());
    if (std::find(groups.begin(), groups.end(), name) != groups.end()) {
      errors.push_back({path, "duplicate", "the group \"" + name + "\" is listed twice"});
      continue;
    }
    groups.push_back(std::move(name));
  }
  return groups;
}

OffenceCategory parse_category(const json::object& o, const std::string& path,
                               const std::vector<std::string>& groups,
                               std::vector<FieldError>& errors) {
  static const std::set<std::string_view> kKeys = {"code", "name", "group", "most_serious",
                                                   "sexual_offence"};
  for (const auto& member : o) {
    if (!kKeys.contains(std::string_view(member.key()))) {
      errors.push_back({key_path(path, member.key()), "unknown",
                        std::string(member.key()) + " is not a field of an offence category"});
    }
  }
  OffenceCategory c;
  c.code = required_text(o, "code", path, errors);
  if (!c.code.empty() && !is_code(c.code)) {
    errors.push_back({key_path(path, "code"), "invalid",
                      "code must be lower-case letters, digits and underscores"});
  }
  c.name = required_text(o, "name", path, errors);
  c.group = required_text(o, "group", path, errors);
  if (!c.group.empty() && std::find(groups.begin(), groups.end(), c.group) == groups.end()) {
    errors.push_back({key_path(path, "group"), "unknown",
                      "the group \"" + c.group + "\" is not one of $.groups"});
  }
  if (const auto* v = o.if_contains("most_serious")) {
    if (!v->is_string()) {
      errors.push_back({key_path(path, "most_serious"), "type", "most_serious must be text"});
    } else {
      c.most_serious = std::string(v->as_string());
      // Only codes the enhanced-rights rule knows: an unknown one would produce a reason code
      // nothing downstream recognises.
      if (!is_most_serious_crime_code(c.most_serious)) {
        errors.push_back({key_path(path, "most_serious"), "unknown",
                          "\"" + c.most_serious +
                              "\" is not a most-serious-crime code the Victims' Code rule knows"});
      }
    }
  }
  if (const auto* v = o.if_contains("sexual_offence")) {
    if (!v->is_bool()) {
      errors.push_back(
          {key_path(path, "sexual_offence"), "type", "sexual_offence must be true or false"});
    } else {
      c.sexual_offence = v->as_bool();
    }
  }
  return c;
}

}  // namespace

Result<std::vector<OffenceCategory>> parse_offence_categories(std::string_view text) {
  const auto o = VG_TRY(vg::text::parse_json_object(
      text, "The offence categories are not valid JSON", "The offence categories are not an object"));
  std::vector<FieldError> errors;
  const std::vector<std::string> groups = parse_groups(o, errors);

  std::vector<OffenceCategory> out;
  const auto* list = o.if_contains("categories");
  if (list == nullptr) {
    errors.push_back({"$.categories", "required", "categories is required"});
  } else if (!list->is_array()) {
    errors.push_back({"$.categories", "type", "categories must be a list"});
  } else if (list->as_array().empty()) {
    errors.push_back({"$.categories", "required", "categories must not be empty"});
  } else {
    std::size_t i = 0;
    for (const auto& item : list->as_array()) {
      const std::string path = "$.categories[" + std::to_string(i++) + "]";
      if (!item.is_object()) {
        errors.push_back({path, "type", "each category must be an object"});
        continue;
      }
      OffenceCategory c = parse_category(item.as_object(), path, groups, errors);
      if (!c.code.empty() && find_offence_category(out, c.code) != nullptr) {
        errors.push_back({path + ".code", "duplicate",
                          "the code \"" + c.code + "\" is used by an earlier category"});
      }
      out.push_back(std::move(c));
    }
  }
  if (!errors.empty()) {
    return validation_failed(std::move(errors), "The offence categories are not valid");
  }
  return out;
}

const OffenceCategory* find_offence_category(const std::vector<OffenceCategory>& categories,
                                             std::string_view code) {
  if (code.empty()) return nullptr;
  auto it = std::find_if(categories.begin(), categories.end(),
                         [&](const OffenceCategory& c) { return c.code == code; });
  return it == categories.end() ? nullptr : &*it;
}

bool is_sexual_offence(const intake::OffenceFlags& flags, const OffenceCategory* category) {
  return flags.sexual_offence || flags.child_sexual_exploitation ||
         (category != nullptr && category->sexual_offence);
}

bool is_human_trafficking(const intake::OffenceFlags& flags, const OffenceCategory* category) {
  return flags.modern_slavery ||
         (category != nullptr && category->most_serious == kHumanTraffickingCode);
}

}  // namespace vg::assessment
