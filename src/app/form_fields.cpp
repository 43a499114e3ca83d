#include "app/form_fields.h"

namespace vg::app {

std::string form_value(const FormFields& form, std::string_view name) {
  for (const auto& [k, v] : form) {
    if (k == name) return v;
  }
  return {};
}

std::vector<std::string> form_values(const FormFields& form, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : form) {
    if (k == name && !v.empty()) out.push_back(v);
  }
  return out;
}

}  // namespace vg::app
