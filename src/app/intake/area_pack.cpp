#include "app/intake/area_pack.h"

#include <algorithm>
#include <filesystem>

#include "app/casework/marac_schedule_file.h"
#include "app/directory/area_directory_file.h"
#include "app/directory/local_authorities.h"
#include "app/read_file.h"
#include "domain/assessment/offence_categories.h"
#include "domain/assessment/policy_validation.h"
#include "domain/routing/rule_labels.h"

namespace vg::app {
namespace {

// Names the file in front of each JSON path, so an operator knows which file to fix.
Error in_file(Error e, const std::filesystem::path& path) {
  for (auto& f : e.fields) f.field = path.filename().string() + " " + f.field;
  e.message = path.string() + ": " + e.message;
  return e;
}

bool is_area_name(const std::string& area) {
  if (area.empty() || area.size() > 60) return false;
  for (char c : area) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// The place names a rule's `explain` line may use: every district shipped in the binary, and the
// police force areas' own names.
const routing::LabelVocabulary& label_vocabulary() {
  static const routing::LabelVocabulary vocabulary = [] {
    routing::LabelVocabulary v;
    for (const auto& la : local_authorities()) {
      v.places.push_back({la.code, la.name});
      if (std::find(v.area_names.begin(), v.area_names.end(), la.police_force_area) == v.area_names.end()) {
        v.area_names.push_back(la.police_force_area);
      }
    }
    return v;
  }();
  return vocabulary;
}

}  // namespace

Result<routing::RuleSet> parse_routing_rules(std::string_view routing_rules) {
  return routing::parse_rule_set(routing_rules, label_vocabulary());
}

const std::vector<assessment::LocalAuthorityArea>& local_authority_areas() {
  static const std::vector<assessment::LocalAuthorityArea> all = [] {
    std::vector<assessment::LocalAuthorityArea> out;
    for (const auto& la : local_authorities()) out.push_back({la.code, area_id(la.police_force_area)});
    return out;
  }();
  return all;
}

Result<std::string> read_routing_rules(const std::string& config_dir, const std::string& area) {
  if (!is_area_name(area)) {
    return validation_failed({{"area", "malformed", "must be an area pack name like merseyside"}},
                             "Unknown area");
  }
  const auto path = std::filesystem::path(config_dir) / "areas" / area / "routing.json";
  if (!std::filesystem::is_regular_file(path)) {
    return validation_failed({{"area", "unknown", "there is no area pack " + area}}, "Unknown area");
  }
  return read_file(path);
}

std::vector<std::string> area_names(const std::string& config_dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(config_dir) / "areas", ec)) {
    const auto name = entry.path().filename().string();
    if (entry.is_directory() && is_area_name(name) && std::filesystem::exists(entry.path() / "routing.json")) {
      out.push_back(name);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<AreaPack> load_area_pack(const std::string& config_dir, const std::string& area) {
  auto rules = VG_TRY(read_routing_rules(config_dir, area));
  return load_area_pack(config_dir, area, rules);
}

Result<AreaPack> load_area_pack(const std::string& config_dir, const std::string& area,
                                std::string_view routing_rules) {
  if (!is_area_name(area)) {
    return validation_failed({{"area", "malformed", "must be an area pack name like merseyside"}},
                             "Unknown area");
  }
  const std::filesystem::path root(config_dir);
  const auto dir = root / "areas" / area;
  if (!std::filesystem::is_directory(dir)) {
    return validation_failed({{"area", "unknown", "there is no area pack " + area}}, "Unknown area");
  }
  AreaPack pack;

  const auto rules_path = dir / "routing.json";
  auto rules = routing::parse_rule_set(routing_rules, label_vocabulary());
  if (!rules) return std::unexpected(in_file(rules.error(), rules_path));
  if (rules->area != area) {
    return validation_failed({{"area", "mismatch", "the routing rules are for " + rules->area}},
                             "The routing rules are for another area");
  }
  pack.rules = std::move(*rules);

  const auto directory_path = dir / "directory.json";
  auto directory_text = VG_TRY(read_file(directory_path));
  auto directory = parse_area_directory(directory_text);
  if (!directory) return std::unexpected(in_file(directory.error(), directory_path));
  for (const auto& service : directory->services) {
    routing::ServiceState state{service.id, service.name, 0, 0};
    for (const auto& [id, capacity] : pack.rules.capacity) {
      if (id == service.id) state.capacity = capacity;
    }
    pack.services.add(std::move(state));
  }

  const auto categories_path = root / "offence-categories.json";
  auto categories_text = VG_TRY(read_file(categories_path));
  auto categories = assessment::parse_offence_categories(categories_text);
  if (!categories) return std::unexpected(in_file(categories.error(), categories_path));
  pack.policy.offence_categories = std::move(*categories);
  pack.policy.local_authorities = local_authority_areas();

  // A MARAC date read wrongly would send a referral to a meeting that is not happening: a bad
  // file stops the pack, a missing one means the defaults.
  const auto marac_path = dir / "marac.json";
  if (std::filesystem::exists(marac_path)) {
    auto marac = parse_marac_schedule(VG_TRY(read_file(marac_path)));
    if (!marac) return std::unexpected(in_file(marac.error(), marac_path));
    pack.marac = std::move(*marac);
  }
  // A typo in a consent condition would refer victims without their consent: refuse the pack.
  if (auto problems = assessment::validate_assessment_policy(pack.policy); !problems.empty()) {
    return validation_failed(std::move(problems), "The area's assessment policy is not valid");
  }
  return pack;
}

}  // namespace vg::app
