#include "app/directory/hsds_validator.h"

#include <boost/json/parse.hpp>

#include <cctype>
#include <chrono>
#include <map>
#include <mutex>
#include <regex>
#include <string>

#include "domain/text/web_address.h"

namespace vg::app::hsds {

extern const std::vector<std::pair<std::string_view, std::string_view>> kSchemas;

namespace {

namespace json = boost::json;

// Parsed once, on first use; the embedded files are part of the binary, so a parse failure is a
// build defect and aborts loudly rather than letting imports through unchecked.
const std::map<std::string, json::object, std::less<>>& schemas() {
  static const auto* parsed = [] {
    auto* m = new std::map<std::string, json::object, std::less<>>();
    for (const auto& [file, text] : kSchemas) {
      std::string name(file);
      if (name.ends_with(".json")) name.resize(name.size() - 5);
      (*m)[name] = json::parse(text).as_object();
    }
    return m;
  }();
  return *parsed;
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// A real calendar date (RFC 3339 full-date): 2026-02-31 is no date, 2024-02-29 is.
bool is_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2))) {
    return false;
  }
  const std::chrono::year_month_day date{
      std::chrono::year{std::stoi(std::string(s.substr(0, 4)))},
      std::chrono::month{static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))))},
      std::chrono::day{static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2))))}};
  return date.ok();
}

// RFC 3339 date-time: a real date, hours to 23, minutes to 59, seconds to 60 (a leap second),
// and an offset of at most 23:59.
bool is_date_time(std::string_view s) {
  static const std::regex re(
      R"(^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$)");
  if (s.size() < 20 || !is_date(s.substr(0, 10)) || !std::regex_match(s.begin(), s.end(), re)) {
    return false;
  }
  auto two = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  if (two(11) > 23 || two(14) > 59 || two(17) > 60) return false;
  const char last = s.back();
  if (last == 'Z' || last == 'z') return true;
  const std::size_t offset = s.size() - 5;  // "hh:mm" after the sign
  return two(offset) <= 23 && two(offset + 3) <= 59;
}

// The shape the admin form accepts (an addr-spec without quoting or comments): a dot-atom local
// part and a domain of letter/digit/hyphen labels, so the address is safe in a mailto: link.
bool is_email(std::string_view s) {
  if (s.size() > 254) return false;
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || at + 1 >= s.size()) return false;
  const auto local = s.substr(0, at);
  const auto domain = s.substr(at + 1);
  static constexpr std::string_view kLocalSymbols = "!#$%&'*+/=?^_`{|}~-.";
  for (char c : local) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && kLocalSymbols.find(c) == std::string_view::npos) {
      return false;
    }
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return false;
  }
  int labels = 0;
  std::size_t start = 0;
  while (start <= domain.size()) {
    auto end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    const auto label = domain.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
    ++labels;
    start = end + 1;
    if (end == domain.size()) break;
  }
  return labels >= 2;
}

std::string kind_of(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a true/false value";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "a number";
    case json::kind::string: return "text";
    case json::kind::array: return "a list";
    case json::kind::object: return "an object";
  }
  return "a value";
}

void check_format(const json::string& text, std::string_view format, const std::string& path,
                  std::vector<FieldError>& errors) {
  std::string_view s(text.data(), text.size());
  if (format == "uuid" && !is_uuid(s)) {
    errors.push_back({path, "format", "must be a UUID, like 0b9f4c2e-5a1d-4c3b-9e8f-7a6b5c4d3e2f"});
  } else if (format == "uri" && !is_web_address(s)) {
    errors.push_back({path, "format",
                      "must be a web address starting https:// or http://, like https://example.org/page"});
  } else if (format == "email" && !is_email(s)) {
    errors.push_back({path, "format", "must be an email address, like name@example.org"});
  } else if (format == "date-time" && !is_date_time(s)) {
    errors.push_back({path, "format", "must be a date and time, like 2026-01-31T09:30:00Z"});
  } else if (format == "date" && !is_date(s)) {
    errors.push_back({path, "format", "must be a date, like 2026-01-31"});
  }
}

void validate_against(const json::value& value, const json::object& schema,
                      const std::string& path, std::vector<FieldError>& errors, int depth);

void validate_property(const json::value& value, const json::object& property,
                       const std::string& path, std::vector<FieldError>& errors, int depth) {
  if (const auto* ref = property.if_contains("$ref"); ref != nullptr && ref->is_string()) {
    std::string name(ref->as_string());
    if (name.ends_with(".json")) name.resize(name.size() - 5);
    auto it = schemas().find(name);
    if (it != schemas().end()) validate_against(value, it->second, path, errors, depth + 1);
    return;
  }
  const auto* type = property.if_contains("type");
  if (type == nullptr || !type->is_string()) return;  // any value allowed
  const std::string_view t = type->as_string();
  if (t == "string") {
    if (!value.is_string()) {
      errors.push_back({path, "type", "must be text, not " + kind_of(value)});
      return;
    }
    if (const auto* format = property.if_contains("format"); format && format->is_string()) {
      check_format(value.as_string(), format->as_string(), path, errors);
    } else if (const auto* dp = property.if_contains("datapackage_type");
               dp && dp->is_string() && dp->as_string() == "date") {
      check_format(value.as_string(), "date", path, errors);
    }
    if (const auto* allowed = property.if_contains("enum"); allowed && allowed->is_array()) {
      bool found = false;
      std::string list;
      for (const auto& option : allowed->as_array()) {
        if (option == value) found = true;
        if (option.is_string()) {
          if (!list.empty()) list += ", ";
          list += std::string(option.as_string());
        }
      }
      if (!found) errors.push_back({path, "enum", "must be one of: " + list});
    }
  } else if (t == "number") {
    if (!value.is_number()) errors.push_back({path, "type", "must be a number, not " + kind_of(value)});
  } else if (t == "boolean") {
    if (!value.is_bool()) errors.push_back({path, "type", "must be true or false, not " + kind_of(value)});
  } else if (t == "object") {
    if (!value.is_object()) errors.push_back({path, "type", "must be an object, not " + kind_of(value)});
  } else if (t == "array") {
    if (!value.is_array()) {
      errors.push_back({path, "type", "must be a list, not " + kind_of(value)});
      return;
    }
    const auto* items = property.if_contains("items");
    if (items == nullptr || !items->is_object()) return;
    std::size_t i = 0;
    for (const auto& item : value.as_array()) {
      validate_property(item, items->as_object(), path + "[" + std::to_string(i++) + "]", errors,
                        depth);
    }
  }
}

void validate_against(const json::value& value, const json::object& schema,
                      const std::string& path, std::vector<FieldError>& errors, int depth) {
  // The schemas refer to each other in cycles (attribute → taxonomy_term → …); documents are
  // finite, but a hostile one could nest deeply, so depth is bounded.
  if (depth > 32) {
    errors.push_back({path, "depth", "is nested too deeply"});
    return;
  }
  if (!value.is_object()) {
    errors.push_back({path, "type", "must be an object, not " + kind_of(value)});
    return;
  }
  const auto& object = value.as_object();
  if (const auto* required = schema.if_contains("required"); required && required->is_array()) {
    for (const auto& name : required->as_array()) {
      if (!name.is_string() || object.contains(name.as_string())) continue;
      errors.push_back({path + "." + std::string(name.as_string()), "required", "is required"});
    }
  }
  const auto* properties = schema.if_contains("properties");
  if (properties == nullptr || !properties->is_object()) return;
  for (const auto& member : object) {
    const auto* property = properties->as_object().if_contains(member.key());
    if (property == nullptr || !property->is_object()) continue;  // extra fields are allowed
    const std::string member_path = path + "." + std::string(member.key());
    if (member.value().is_null()) {
      // HSDS and ORUK: leave optional fields out rather than sending null.
      errors.push_back({member_path, "null", "must be left out rather than set to null"});
      continue;
    }
    validate_property(member.value(), property->as_object(), member_path, errors, depth);
  }
}

}  // namespace

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!std::isxdigit(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  return true;
}

void validate(const json::value& value, std::string_view schema, const std::string& path,
              std::vector<FieldError>& errors) {
  auto it = schemas().find(schema);
  if (it == schemas().end()) {
    errors.push_back({path, "schema", "has no HSDS schema named " + std::string(schema)});
    return;
  }
  validate_against(value, it->second, path, errors, 0);
}

}  // namespace vg::app::hsds
