#include "app/directory/area_directory_file.h"

#include <boost/json.hpp>

namespace vg::app {
namespace {

namespace json = boost::json;

class Reader {
 public:
  Reader(const json::object& o, std::string path, std::vector<FieldError>& errors)
      : o_(o), path_(std::move(path)), errors_(errors) {}

  std::string text(std::string_view key, bool required = false) {
    const auto* v = o_.if_contains(key);
    if (v == nullptr) {
      if (required) errors_.push_back({at(key), "required", "is required"});
      return {};
    }
    if (!v->is_string()) {
      errors_.push_back({at(key), "type", "must be text"});
      return {};
    }
    return std::string(v->as_string());
  }

  std::vector<std::string> texts(std::string_view key) {
    std::vector<std::string> out;
    const auto* v = o_.if_contains(key);
    if (v == nullptr) return out;
    if (!v->is_array()) {
      errors_.push_back({at(key), "type", "must be a list of text"});
      return out;
    }
    for (const auto& item : v->as_array()) {
      if (item.is_string()) {
        out.emplace_back(item.as_string());
      } else {
        errors_.push_back({at(key), "type", "must be a list of text"});
      }
    }
    return out;
  }

  std::optional<int> integer(std::string_view key) {
    const auto* v = o_.if_contains(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_int64()) {
      errors_.push_back({at(key), "type", "must be a whole number"});
      return std::nullopt;
    }
    return static_cast<int>(v->as_int64());
  }

  bool flag(std::string_view key) {
    const auto* v = o_.if_contains(key);
    if (v == nullptr) return false;
    if (!v->is_bool()) {
      errors_.push_back({at(key), "type", "must be true or false"});
      return false;
    }
    return v->as_bool();
  }

 private:
  std::string at(std::string_view key) const { return path_ + "." + std::string(key); }
  const json::object& o_;
  std::string path_;
  std::vector<FieldError>& errors_;
};

template <typename F>
void each_object(const json::object& root, std::string_view key, std::vector<FieldError>& errors,
                 F&& f) {
  const auto* list = root.if_contains(key);
  if (list == nullptr) return;
  if (!list->is_array()) {
    errors.push_back({"$." + std::string(key), "type", "must be a list"});
    return;
  }
  std::size_t i = 0;
  for (const auto& item : list->as_array()) {
    const std::string path = "$." + std::string(key) + "[" + std::to_string(i++) + "]";
    if (!item.is_object()) {
      errors.push_back({path, "type", "must be an object"});
      continue;
    }
    f(Reader(item.as_object(), path, errors));
  }
}

}  // namespace

Result<AreaDirectory> parse_area_directory(std::string_view text) {
  boost::system::error_code ec;
  auto root = json::parse(text, ec);
  if (ec) return validation_failed({{"$", "json", "is not valid JSON: " + ec.message()}}, "Not JSON");
  if (!root.is_object()) {
    return validation_failed({{"$", "type", "must be an object"}}, "Not an area directory");
  }
  std::vector<FieldError> errors;
  AreaDirectory out;
  each_object(root.as_object(), "organizations", errors, [&](Reader r) {
    OrganizationForm f;
    f.id = r.text("id", true);
    f.name = r.text("name", true);
    f.description = r.text("description", true);
    f.website = r.text("website");
    f.email = r.text("email");
    out.organizations.push_back(std::move(f));
  });
  each_object(root.as_object(), "services", errors, [&](Reader r) {
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
    f.minimum_age = r.integer("minimum_age");
    f.maximum_age = r.integer("maximum_age");
    f.illustrative_contact_details = r.flag("illustrative_contact_details");
    out.services.push_back(std::move(f));
  });
  if (!errors.empty()) return validation_failed(std::move(errors), "The area directory file is not valid");
  return out;
}

}  // namespace vg::app
