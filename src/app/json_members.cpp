#include "app/json_members.h"

#include <algorithm>

namespace vg::app {

void JsonMembers::refuse_unknown(std::initializer_list<std::string_view> known) {
  for (const auto& m : o_) {
    if (std::find(known.begin(), known.end(), std::string_view(m.key())) != known.end()) continue;
    std::string list;
    for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    problem(m.key(), "unknown", "is not a member here; the members are " + list);
  }
}

std::string JsonMembers::text(std::string_view key, bool required) {
  const auto* v = o_.if_contains(key);
  if (v == nullptr) {
    if (required) problem(key, "required", "is required");
    return {};
  }
  if (!v->is_string()) {
    problem(key, "type", "must be text");
    return {};
  }
  return std::string(v->as_string());
}

bool JsonMembers::flag(std::string_view key) {
  const auto* v = o_.if_contains(key);
  if (v == nullptr) return false;
  if (!v->is_bool()) {
    problem(key, "type", "must be true or false");
    return false;
  }
  return v->as_bool();
}

std::optional<std::int64_t> JsonMembers::whole_number(std::string_view key, std::string_view code,
                                                      std::string_view message) {
  const auto* v = o_.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_int64()) {
    problem(key, std::string(code), std::string(message));
    return std::nullopt;
  }
  return v->as_int64();
}

const boost::json::array* JsonMembers::list(std::string_view key, std::string_view must_be) {
  const auto* v = o_.if_contains(key);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    problem(key, "type", std::string(must_be));
    return nullptr;
  }
  return &v->as_array();
}

const boost::json::object* JsonMembers::object(std::string_view key) {
  const auto* v = o_.if_contains(key);
  if (v == nullptr) return nullptr;
  if (!v->is_object()) {
    problem(key, "type", "must be an object");
    return nullptr;
  }
  return &v->as_object();
}

}  // namespace vg::app
