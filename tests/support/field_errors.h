// Reading the field errors a Result carries, for tests: whether one is there, and all of them in
// a line for a failure message.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::testing {

inline bool has_error(const std::vector<FieldError>& errors, std::string_view field,
                      std::string_view code) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const FieldError& f) { return f.field == field && f.code == code; });
}
inline bool has_error(const Error& e, std::string_view field, std::string_view code) {
  return has_error(e.fields, field, code);
}

// "field code; field code; "
inline std::string fields_of(const std::vector<FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.field + " " + e.code + "; ";
  return out;
}
inline std::string fields_of(const Error& e) { return fields_of(e.fields); }

// The fields named, in order.
inline std::vector<std::string> field_names(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

}  // namespace vg::testing
