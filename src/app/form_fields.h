// A submitted HTML form as the use cases that read forms take it: its fields in the order sent,
// a name repeated for each ticked checkbox. Looks values up only; never trims or checks them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vg::app {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// The first value given for `name`; empty when none.
std::string form_value(const FormFields& form, std::string_view name);
// Every non-empty value given for `name` (checkboxes), in the order sent.
std::vector<std::string> form_values(const FormFields& form, std::string_view name);

}  // namespace vg::app
