#include "http/pages/form_components.h"

#include <algorithm>

#include "app/intake/self_referral_journey.h"
#include "http/pages/page_data.h"

namespace vg::http::pages {
namespace {

// Every key the partial reads, so nothing falls through to an enclosing field's value.
mustache::data base_field(const FormState& state, const std::string& name, const std::string& label,
                          const std::string& hint, const std::string& error_key) {
  mustache::data f;
  f.set("id", name);
  f.set("name", name);
  f.set("label", label);
  const auto error = state.errors.find(error_key);
  const bool has_error = error != state.errors.end();
  if (hint.empty()) {
    f.set("hint", false);
  } else {
    f.set("hint", hint);
  }
  if (has_error) {
    f.set("error", error->second);
  } else {
    f.set("error", false);
  }
  std::string describedby;
  if (!hint.empty()) describedby = name + "-hint";
  if (has_error) describedby += (describedby.empty() ? "" : " ") + name + "-error";
  if (describedby.empty()) {
    f.set("describedby", false);
  } else {
    f.set("describedby", describedby);
  }
  for (const char* key : {"is_fieldset", "is_text", "is_textarea", "is_select", "is_date", "is_choices",
                          "inputmode", "groups", "parts", "items"}) {
    f.set(key, false);
  }
  for (const char* key : {"width_class", "input_type", "value", "placeholder", "choice_class",
                          "choice_module", "choice_type"}) {
    f.set(key, std::string());
  }
  return f;
}

mustache::data choices(const FormState& state, const std::string& name, const std::string& label,
                       const std::vector<Item>& items, const std::string& hint, bool radios) {
  auto f = base_field(state, name, label, hint, name);
  f.set("is_fieldset", true);
  f.set("is_choices", true);
  f.set("choice_class", std::string(radios ? "govuk-radios" : "govuk-checkboxes"));
  f.set("choice_module", std::string(radios ? "govuk-radios" : "govuk-checkboxes"));
  f.set("choice_type", std::string(radios ? "radio" : "checkbox"));
  mustache::data list{mustache::data::type::list};
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    mustache::data o;
    // GOV.UK ids: the first item takes the field's own id, so the error summary links to it.
    o.set("item_id", i == 0 ? name : name + "-" + std::to_string(i + 1));
    o.set("item_value", item.value);
    o.set("item_text", item.text);
    o.set("item_checked", state.has(name, item.value));
    o.set("has_reveal", !item.reveal.empty());
    o.set("reveal_fields", field_list(item.reveal));
    list.push_back(o);
  }
  f.set("items", list);
  return f;
}

}  // namespace

std::string FormState::value(const std::string& name) const {
  for (const auto& [k, v] : values) {
    if (k == name) return v;
  }
  return {};
}

bool FormState::has(const std::string& name, const std::string& v) const {
  return std::any_of(values.begin(), values.end(),
                     [&](const auto& kv) { return kv.first == name && kv.second == v; });
}

mustache::data option_groups(const std::vector<OptionGroup>& groups, const std::string& current) {
  mustache::data list = list_with_room(groups.size());
  for (const auto& g : groups) {
    mustache::data group;
    group.set("group_label", g.label);
    mustache::data options = list_with_room(g.options.size());
    for (const auto& [value, text] : g.options) {
      mustache::data o;
      o.set("option_value", value);
      o.set("option_text", text);
      o.set("selected", value == current);
      append(options, std::move(o));
    }
    group["options"] = std::move(options);
    append(list, std::move(group));
  }
  return list;
}

const std::vector<OptionGroup>& local_authority_groups() {
  static const std::vector<OptionGroup> groups = [] {
    std::vector<OptionGroup> out;
    for (const auto& area : app::self_referral::areas()) out.push_back({area.name, area.local_authorities});
    return out;
  }();
  return groups;
}

mustache::data field_list(const std::vector<mustache::data>& fields) {
  mustache::data list{mustache::data::type::list};
  for (const auto& f : fields) list.push_back(f);
  return list;
}

mustache::data text_field(const FormState& state, const std::string& name, const std::string& label,
                          const std::string& hint, const std::string& width_class,
                          const std::string& input_type, const std::string& inputmode) {
  auto f = base_field(state, name, label, hint, name);
  f.set("is_text", true);
  f.set("width_class", width_class);
  f.set("input_type", input_type);
  f.set("value", state.value(name));
  if (!inputmode.empty()) f.set("inputmode", inputmode);
  return f;
}

mustache::data textarea_field(const FormState& state, const std::string& name, const std::string& label,
                              const std::string& hint) {
  auto f = base_field(state, name, label, hint, name);
  f.set("is_textarea", true);
  f.set("value", state.value(name));
  return f;
}

mustache::data date_field(const FormState& state, const std::string& name, const std::string& label,
                          const std::string& hint) {
  auto f = base_field(state, name, label, hint, name + "-day");
  f.set("is_fieldset", true);
  f.set("is_date", true);
  const bool invalid = state.errors.count(name + "-day") > 0;
  mustache::data parts{mustache::data::type::list};
  for (const auto& [suffix, part_label, width] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{"day", "Day", "2"}, {"month", "Month", "2"}, {"year", "Year", "4"}}) {
    mustache::data p;
    p.set("part_id", name + "-" + suffix);
    p.set("part_label", part_label);
    p.set("part_width", width);
    p.set("part_value", state.value(name + "-" + suffix));
    p.set("invalid", invalid);
    parts.push_back(p);
  }
  f.set("parts", parts);
  return f;
}

mustache::data select_field(const FormState& state, const std::string& name, const std::string& label,
                            const std::vector<OptionGroup>& groups, const std::string& placeholder,
                            const std::string& hint) {
  auto f = base_field(state, name, label, hint, name);
  f.set("is_select", true);
  f.set("placeholder", placeholder);
  f.set("groups", option_groups(groups, state.value(name)));
  return f;
}

mustache::data radios_field(const FormState& state, const std::string& name, const std::string& label,
                            const std::vector<Item>& items, const std::string& hint) {
  return choices(state, name, label, items, hint, true);
}

mustache::data checkboxes_field(const FormState& state, const std::string& name,
                                const std::string& label, const std::vector<Item>& items,
                                const std::string& hint) {
  return choices(state, name, label, items, hint, false);
}

mustache::data flag_field(const FormState& state, const std::string& name, const std::string& label,
                          std::vector<mustache::data> reveal) {
  auto f = choices(state, name, label, {Item{"true", label, std::move(reveal)}}, {}, false);
  // One box needs no legend of its own: its label says it all.
  f.set("is_fieldset", false);
  f.set("label", false);
  return f;
}

}  // namespace vg::http::pages
