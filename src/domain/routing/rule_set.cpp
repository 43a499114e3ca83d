#include "domain/routing/rule_set.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "domain/routing/routing_facts.h"
#include "domain/routing/rule_labels.h"
#include "domain/text/json_object.h"

namespace vg::routing {
namespace {

namespace json = boost::json;

const std::set<std::string, std::less<>> kAgeBands = {"under_18", "18_to_64", "65_and_over", "unknown"};
const std::set<std::string, std::less<>> kVictimTypes = {"person", "business"};
const std::set<std::string, std::less<>> kRiskLevels = {"standard", "medium", "high"};
const std::set<std::string, std::less<>> kHateStrands = {"race", "religion", "sexual_orientation",
                                                         "disability", "transgender"};
const std::set<std::string, std::less<>> kConditionKeys = {
    "flags", "not_flags", "offence_categories", "age_bands", "victim_types", "risk_levels",
    "enhanced_reasons", "local_authorities", "needs", "hate_strands", "marac_required", "eligible"};

bool looks_like_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const char c = s[i];
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (dash ? c != '-' : !hex) return false;
  }
  return true;
}

class Reader {
 public:
  explicit Reader(std::vector<FieldError>& errors) : errors_(errors) {}

  std::string text(const json::object& o, std::string_view key, const std::string& path,
                   bool required) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || (v->is_string() && v->as_string().empty())) {
      if (required) add(path + "." + std::string(key), "required", "is required");
      return {};
    }
    if (!v->is_string()) {
      add(path + "." + std::string(key), "type", "must be text");
      return {};
    }
    return std::string(v->as_string());
  }

  std::string service_id(const json::object& o, std::string_view key, const std::string& path,
                         bool required) {
    auto id = text(o, key, path, required);
    if (!id.empty() && !looks_like_uuid(id)) {
      add(path + "." + std::string(key), "malformed", "must be a directory service id (a UUID)");
    }
    return id;
  }

  std::vector<std::string> texts(const json::object& o, std::string_view key,
                                 const std::string& path) {
    std::vector<std::string> out;
    const auto* v = o.if_contains(key);
    if (v == nullptr) return out;
    if (!v->is_array()) {
      add(path + "." + std::string(key), "type", "must be a list of text");
      return out;
    }
    std::size_t i = 0;
    for (const auto& item : v->as_array()) {
      if (!item.is_string()) {
        add(path + "." + std::string(key) + "[" + std::to_string(i) + "]", "type", "must be text");
      } else {
        out.emplace_back(item.as_string());
      }
      ++i;
    }
    return out;
  }

  int tristate(const json::object& o, std::string_view key, const std::string& path) {
    const auto* v = o.if_contains(key);
    if (v == nullptr) return -1;
    if (!v->is_bool()) {
      add(path + "." + std::string(key), "type", "must be true or false");
      return -1;
    }
    return v->as_bool() ? 1 : 0;
  }

  int integer(const json::object& o, std::string_view key, const std::string& path, int fallback,
              int min, int max) {
    const auto* v = o.if_contains(key);
    if (v == nullptr) return fallback;
    if (!v->is_int64() || v->as_int64() < min || v->as_int64() > max) {
      add(path + "." + std::string(key), "out_of_range",
          "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      return fallback;
    }
    return static_cast<int>(v->as_int64());
  }

  void add(std::string field, std::string code, std::string message) {
    errors_.push_back({std::move(field), std::move(code), std::move(message)});
  }

 private:
  std::vector<FieldError>& errors_;
};

CodeSet intern_all(Codes& codes, const std::vector<std::string>& values) {
  CodeSet out;
  for (const auto& v : values) out.push_back(codes.intern(v));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void check_members(Reader& r, const std::vector<std::string>& values,
                   const std::set<std::string, std::less<>>& allowed, const std::string& path) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!allowed.contains(values[i])) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      r.add(path + "[" + std::to_string(i) + "]", "unknown", "must be one of: " + list);
    }
  }
}

std::uint32_t flag_bits(Reader& r, const std::vector<std::string>& names, const std::string& path) {
  std::uint32_t bits = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto bit = flag_from_code(names[i]);
    if (bit == 0) {
      r.add(path + "[" + std::to_string(i) + "]", "unknown",
            "must be an offence flag: domestic_abuse, hate_crime, sexual_offence, "
            "child_sexual_exploitation, modern_slavery, stalking_or_harassment, business_crime, "
            "non_crime_asb");
    }
    bits |= bit;
  }
  return bits;
}

Condition read_condition(Reader& r, const json::object& o, const std::string& path, Codes& codes) {
  for (const auto& member : o) {
    if (!kConditionKeys.contains(member.key())) {
      r.add(path + "." + std::string(member.key()), "unknown", "is not a condition routing knows");
    }
  }
  Condition c;
  c.flags_all = flag_bits(r, r.texts(o, "flags", path), path + ".flags");
  c.flags_none = flag_bits(r, r.texts(o, "not_flags", path), path + ".not_flags");
  c.offence_categories = intern_all(codes, r.texts(o, "offence_categories", path));
  auto bands = r.texts(o, "age_bands", path);
  check_members(r, bands, kAgeBands, path + ".age_bands");
  c.age_bands = intern_all(codes, bands);
  auto types = r.texts(o, "victim_types", path);
  check_members(r, types, kVictimTypes, path + ".victim_types");
  c.victim_types = intern_all(codes, types);
  auto levels = r.texts(o, "risk_levels", path);
  check_members(r, levels, kRiskLevels, path + ".risk_levels");
  c.risk_levels = intern_all(codes, levels);
  c.enhanced_reasons = intern_all(codes, r.texts(o, "enhanced_reasons", path));
  c.local_authorities = intern_all(codes, r.texts(o, "local_authorities", path));
  c.needs = intern_all(codes, r.texts(o, "needs", path));
  auto strands = r.texts(o, "hate_strands", path);
  check_members(r, strands, kHateStrands, path + ".hate_strands");
  c.hate_strands = intern_all(codes, strands);
  c.marac_required = r.tristate(o, "marac_required", path);
  c.eligible = r.tristate(o, "eligible", path);
  return c;
}

}  // namespace

int Codes::intern(std::string_view code) {
  if (int found = find(code); found >= 0) return found;
  names_.emplace_back(code);
  return static_cast<int>(names_.size() - 1);
}

int Codes::find(std::string_view code) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == code) return static_cast<int>(i);
  }
  return -1;
}

Result<RuleSet> parse_rule_set(std::string_view text, const LabelVocabulary& vocabulary) {
  const auto o = VG_TRY(vg::text::parse_json_object(text, "Not JSON", "Not a routing rule set"));
  std::vector<FieldError> errors;
  Reader r(errors);
  RuleSet set;
  // Every value of the closed lists gets a code, so an explanation can name the victim's own
  // band or level even when no rule mentions it.
  for (const auto* values : {&kAgeBands, &kVictimTypes, &kRiskLevels}) {
    for (const auto& v : *values) set.codes.intern(v);
  }
  set.area = r.text(o, "area", "$", true);
  set.version = r.text(o, "version", "$", true);
  set.reference_prefix = r.text(o, "reference_prefix", "$", true);
  if (!set.reference_prefix.empty() &&
      (set.reference_prefix.size() > 4 ||
       !std::all_of(set.reference_prefix.begin(), set.reference_prefix.end(),
                    [](char c) { return c >= 'A' && c <= 'Z'; }))) {
    r.add("$.reference_prefix", "malformed", "must be 1 to 4 capital letters, like MY");
  }
  set.fallback_service = r.service_id(o, "fallback_service", "$", true);
  set.asb_service = r.service_id(o, "asb_service", "$", false);
  if (const auto* levels = o.if_contains("service_levels")) {
    if (!levels->is_object()) {
      r.add("$.service_levels", "type", "must be an object");
    } else {
      const auto& l = levels->as_object();
      auto& s = set.service_levels;
      const std::string p = "$.service_levels";
      s.police_referral_working_days = r.integer(l, "police_referral_working_days", p, s.police_referral_working_days, 0, 30);
      s.first_contact_working_days = r.integer(l, "first_contact_working_days", p, s.first_contact_working_days, 0, 30);
      s.first_contact_enhanced_working_days = r.integer(l, "first_contact_enhanced_working_days", p, s.first_contact_enhanced_working_days, 0, 30);
      s.first_contact_high_risk_working_days = r.integer(l, "first_contact_high_risk_working_days", p, s.first_contact_high_risk_working_days, 0, 30);
      s.needs_assessment_working_days = r.integer(l, "needs_assessment_working_days", p, s.needs_assessment_working_days, 0, 60);
    }
  }
  if (const auto* capacity = o.if_contains("capacity")) {
    if (!capacity->is_object()) {
      r.add("$.capacity", "type", "must map service ids to the open cases each can hold");
    } else {
      for (const auto& member : capacity->as_object()) {
        const std::string path = "$.capacity." + std::string(member.key());
        if (!looks_like_uuid(member.key())) {
          r.add(path, "malformed", "must be a directory service id (a UUID)");
        } else if (!member.value().is_int64() || member.value().as_int64() < 0 ||
                   member.value().as_int64() > 1000000) {
          r.add(path, "out_of_range", "must be a whole number of open cases, 0 for no limit");
        } else {
          set.capacity.emplace_back(std::string(member.key()),
                                    static_cast<int>(member.value().as_int64()));
        }
      }
    }
  }
  const auto* rules = o.if_contains("rules");
  if (rules == nullptr || !rules->is_array()) {
    r.add("$.rules", "required", "must be a list of rules");
  } else {
    std::set<std::string> ids;
    std::size_t i = 0;
    for (const auto& item : rules->as_array()) {
      const std::string path = "$.rules[" + std::to_string(i++) + "]";
      if (!item.is_object()) {
        r.add(path, "type", "must be an object");
        continue;
      }
      const auto& ro = item.as_object();
      const std::size_t errors_before = errors.size();
      Rule rule;
      rule.id = r.text(ro, "id", path, true);
      if (!rule.id.empty() && !ids.insert(rule.id).second) {
        r.add(path + ".id", "duplicate", "is used by an earlier rule");
      }
      rule.explain = r.text(ro, "explain", path, true);
      const auto* when = ro.if_contains("when");
      if (when != nullptr && !when->is_object()) {
        r.add(path + ".when", "type", "must be an object");
      } else if (when != nullptr) {
        rule.when = read_condition(r, when->as_object(), path + ".when", set.codes);
      }
      const auto* services = ro.if_contains("services");
      if (services == nullptr || !services->is_array() || services->as_array().empty()) {
        r.add(path + ".services", "required", "must list at least one service");
      } else {
        std::size_t j = 0;
        for (const auto& s : services->as_array()) {
          const std::string sp = path + ".services[" + std::to_string(j++) + "]";
          if (!s.is_object()) {
            r.add(sp, "type", "must be an object");
            continue;
          }
          ServiceChoice choice;
          choice.service_id = r.service_id(s.as_object(), "service", sp, true);
          choice.priority = r.integer(s.as_object(), "priority", sp, 1, 1, 100);
          choice.refer_directly = r.tristate(s.as_object(), "refer_directly", sp) == 1;
          // A misspelt flag would quietly stop direct referrals: unknown keys are refused.
          for (const auto& member : s.as_object()) {
            if (member.key() != "service" && member.key() != "priority" && member.key() != "refer_directly") {
              r.add(sp + "." + std::string(member.key()), "unknown",
                    "is not something a service choice knows (service, priority, refer_directly)");
            }
          }
          rule.services.push_back(std::move(choice));
        }
        std::stable_sort(rule.services.begin(), rule.services.end(),
                         [](const auto& a, const auto& b) { return a.priority < b.priority; });
      }
      // The words are checked against a condition read in full; a rule with a mistake of its
      // own is reported for that alone.
      if (errors.size() == errors_before) {
        for (auto& e : label_problems(rule, set.codes, path, vocabulary)) errors.push_back(std::move(e));
      }
      set.rules.push_back(std::move(rule));
    }
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The routing rules are not valid");
  return set;
}

}  // namespace vg::routing
