// GOV.UK form fields as template data for partials/form_field.mustache: text, textarea, date,
// select, radios and checkboxes with conditional reveals. Values and errors come from the form
// as submitted (or as first shown), keyed by input name; the page lays the fields out.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "http/pages/page_renderer.h"

namespace vg::http::pages {

// What the fields show: the submitted (or initial) values and the errors, by input id.
struct FormState {
  std::vector<std::pair<std::string, std::string>> values;
  std::map<std::string, std::string> errors;

  std::string value(const std::string& name) const;
  bool has(const std::string& name, const std::string& v) const;  // checkboxes, radios
};

struct Item {
  std::string value;
  std::string text;
  std::vector<mustache::data> reveal;  // fields shown when this item is picked
};

struct OptionGroup {
  std::string label;
  std::vector<std::pair<std::string, std::string>> options;  // value, text
};

// Option groups as template data for partials/option_groups: [{group_label, options:
// [{option_value, option_text, selected}]}], the option whose value is `current` selected.
mustache::data option_groups(const std::vector<OptionGroup>& groups, const std::string& current);
// The local authorities the gateways cover, grouped by police force area, in the ONS file's order.
const std::vector<OptionGroup>& local_authority_groups();

mustache::data text_field(const FormState& state, const std::string& name, const std::string& label,
                          const std::string& hint = {}, const std::string& width_class = "govuk-!-width-two-thirds",
                          const std::string& input_type = "text", const std::string& inputmode = {});
mustache::data textarea_field(const FormState& state, const std::string& name, const std::string& label,
                              const std::string& hint = {});
mustache::data date_field(const FormState& state, const std::string& name, const std::string& label,
                          const std::string& hint = {});
mustache::data select_field(const FormState& state, const std::string& name, const std::string& label,
                            const std::vector<OptionGroup>& groups, const std::string& placeholder,
                            const std::string& hint = {});
mustache::data radios_field(const FormState& state, const std::string& name, const std::string& label,
                            const std::vector<Item>& items, const std::string& hint = {});
mustache::data checkboxes_field(const FormState& state, const std::string& name,
                                const std::string& label, const std::vector<Item>& items,
                                const std::string& hint = {});
// A single checkbox whose input sends "true" when ticked.
mustache::data flag_field(const FormState& state, const std::string& name, const std::string& label,
                          std::vector<mustache::data> reveal = {});

// A list of fields for a template section.
mustache::data field_list(const std::vector<mustache::data>& fields);

}  // namespace vg::http::pages
