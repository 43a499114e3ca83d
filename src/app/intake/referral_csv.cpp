#include "app/intake/referral_csv.h"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <set>

#include "app/directory/postcode_csv.h"

namespace vg::app {
namespace {

namespace json = boost::json;

enum class Kind { kText, kBool, kInt, kList };

struct Column {
  std::string_view name;
  std::string_view object;  // "" top level, "flags", "victim", "consent"
  std::string_view field;
  Kind kind;
};

// Every column a feed may have; anything else in the header is an error.
constexpr Column kColumns[] = {
    {"channel", "", "channel", Kind::kText},
    {"received_at", "", "received_at", Kind::kText},
    {"area", "", "area", Kind::kText},
    {"reported_to_police", "", "reported_to_police", Kind::kBool},
    {"police_force_code", "", "police_force_code", Kind::kText},
    {"crime_reference", "", "crime_reference", Kind::kText},
    {"incident_date", "", "incident_date", Kind::kText},
    {"incident_end_date", "", "incident_end_date", Kind::kText},
    {"date_reported", "", "date_reported", Kind::kText},
    {"offence_category", "", "offence_category", Kind::kText},
    {"local_authority", "", "local_authority", Kind::kText},
    {"postcode", "", "postcode", Kind::kText},
    {"needs", "", "needs", Kind::kList},
    {"opted_out", "", "opted_out", Kind::kBool},
    {"domestic_abuse", "flags", "domestic_abuse", Kind::kBool},
    {"hate_crime", "flags", "hate_crime", Kind::kBool},
    {"hate_strands", "flags", "hate_strands", Kind::kList},
    {"sexual_offence", "flags", "sexual_offence", Kind::kBool},
    {"child_sexual_exploitation", "flags", "child_sexual_exploitation", Kind::kBool},
    {"modern_slavery", "flags", "modern_slavery", Kind::kBool},
    {"stalking_or_harassment", "flags", "stalking_or_harassment", Kind::kBool},
    {"business_crime", "flags", "business_crime", Kind::kBool},
    {"non_crime_asb", "flags", "non_crime_asb", Kind::kBool},
    {"victim_type", "victim", "type", Kind::kText},
    {"victim_name", "victim", "name", Kind::kText},
    {"victim_date_of_birth", "victim", "date_of_birth", Kind::kText},
    {"victim_age", "victim", "age", Kind::kInt},
    {"victim_phone", "victim", "phone", Kind::kText},
    {"victim_email", "victim", "email", Kind::kText},
    {"victim_address", "victim", "address", Kind::kText},
    {"victim_postcode", "victim", "postcode", Kind::kText},
    {"victim_language", "victim", "language", Kind::kText},
    {"victim_interpreter_needed", "victim", "interpreter_needed", Kind::kBool},
    {"victim_disabilities", "victim", "disabilities", Kind::kList},
    {"victim_bereaved_relative", "victim", "bereaved_relative", Kind::kBool},
    {"victim_persistently_targeted", "victim", "persistently_targeted", Kind::kBool},
    {"victim_intimidated", "victim", "intimidated", Kind::kBool},
    {"victim_children_in_household", "victim", "children_in_household", Kind::kBool},
    {"victim_child_in_household_at_risk", "victim", "child_in_household_at_risk", Kind::kBool},
    {"business_contact_name", "victim", "contact_name", Kind::kText},
    {"business_contact_phone", "victim", "contact_phone", Kind::kText},
    {"business_contact_email", "victim", "contact_email", Kind::kText},
    {"consent_basis", "consent", "basis", Kind::kText},
    {"consent_captured_by", "consent", "captured_by", Kind::kText},
    {"consent_captured_at", "consent", "captured_at", Kind::kText},
    {"consent_method", "consent", "method", Kind::kText},
    {"account", "", "account", Kind::kText},
};

const Column* find_column(std::string_view name) {
  for (const auto& c : kColumns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

Result<ReferralCsvLayout> ReferralCsvLayout::from_header(std::string_view line) {
  if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  ReferralCsvLayout layout;
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  for (auto& raw : split_csv_line(line)) {
    const std::string name = lower_trimmed(raw);
    if (find_column(name) == nullptr) {
      errors.push_back({"header", "unknown_column", "\"" + name + "\" is not a referral feed column"});
    } else if (!seen.insert(name).second) {
      errors.push_back({"header", "repeated_column", "\"" + name + "\" appears twice"});
    }
    layout.columns_.push_back(name);
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The header is not valid");
  return layout;
}

Result<json::object> ReferralCsvLayout::row(std::string_view line) const {
  auto cells = split_csv_line(line);
  if (cells.size() != columns_.size()) {
    return validation_failed({{"columns", "count", "has " + std::to_string(cells.size()) +
                                                       " columns; the header has " +
                                                       std::to_string(columns_.size())}},
                             "Wrong number of columns");
  }
  json::object root;
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto* c = find_column(columns_[i]);
    const std::string& cell = cells[i];
    if (cell.empty()) continue;  // an empty cell is an absent field
    json::value value;
    switch (c->kind) {
      case Kind::kText:
        value = cell;
        break;
      case Kind::kBool: {
        const auto v = lower_trimmed(cell);
        if (v == "true" || v == "yes" || v == "y" || v == "1") {
          value = true;
        } else if (v == "false" || v == "no" || v == "n" || v == "0") {
          value = false;
        } else {
          errors.push_back({std::string(c->name), "type", "must be yes or no"});
          continue;
        }
        break;
      }
      case Kind::kInt: {
        std::int64_t n = 0;
        auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), n);
        if (ec != std::errc{} || end != cell.data() + cell.size()) {
          errors.push_back({std::string(c->name), "type", "must be a whole number"});
          continue;
        }
        value = n;
        break;
      }
      case Kind::kList: {
        json::array items;
        std::size_t start = 0;
        while (start <= cell.size()) {
          auto end = cell.find(';', start);
          auto item = lower_trimmed(std::string_view(cell).substr(start, end == std::string::npos ? std::string::npos : end - start));
          if (!item.empty()) items.emplace_back(item);
          if (end == std::string::npos) break;
          start = end + 1;
        }
        value = std::move(items);
        break;
      }
    }
    if (c->object.empty()) {
      root[c->field] = std::move(value);
    } else {
      auto& nested = root[c->object];
      if (!nested.is_object()) nested = json::object{};
      nested.as_object()[c->field] = std::move(value);
    }
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The row is not valid");
  return root;
}

std::string ReferralCsvLayout::column_for(std::string_view path) const {
  if (path.starts_with("$.")) path.remove_prefix(2);
  std::string object;
  std::string field(path);
  if (auto dot = path.find('.'); dot != std::string_view::npos) {
    object = std::string(path.substr(0, dot));
    field = std::string(path.substr(dot + 1));
  }
  if (auto bracket = field.find('['); bracket != std::string::npos) field.resize(bracket);
  for (const auto& c : kColumns) {
    if (c.object == object && c.field == field) return std::string(c.name);
  }
  return std::string(path);
}

}  // namespace vg::app
