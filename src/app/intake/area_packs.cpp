#include "app/intake/area_packs.h"

#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/intake/routed_referral.h"

namespace vg::app {

namespace json = boost::json;

AreaPacks::AreaPacks(store::Store& store, const Clock& clock, std::string config_dir)
    : store_(store), clock_(clock), config_dir_(std::move(config_dir)) {}

Result<AreaPacks::LoadedRules> AreaPacks::load_rules_file(const std::string& area,
                                                                 const std::string& actor) {
  return add_rules(area, VG_TRY(read_routing_rules(config_dir_, area)), actor);
}

Result<AreaPacks::LoadedRules> AreaPacks::publish_rules(const std::string& area, std::string text,
                                                        const std::string& actor) {
  auto loaded = VG_TRY(add_rules(area, std::move(text), actor));
  std::lock_guard lock(packs_mutex_);
  packs_.erase(area);  // the next referral reads the rules now in force
  return loaded;
}

Result<AreaPacks::LoadedRules> AreaPacks::add_rules(const std::string& area, std::string text,
                                                    const std::string& actor) {
  auto pack = VG_TRY(load_area_pack(config_dir_, area, text));  // the whole pack must hold
  store::RuleSetRecord record;
  record.area = area;
  record.version = pack.rules.version;
  record.document = std::move(text);
  record.loaded_at = clock_.now();
  record.loaded_by = actor;
  auto audit = audit_entry(clock_, actor, "routing.rules.load", "rule_set", area + "@" + record.version,
                           json::serialize(json::object{{"area", area}, {"version", record.version}}));
  const bool added = VG_TRY(store_.rule_sets().add_rule_set(record, audit));
  return LoadedRules{area, record.version, added};
}

Result<std::vector<AreaPacks::LoadedRules>> AreaPacks::load_rule_sets(const std::string& actor,
                                                                             const std::string& area) {
  std::vector<LoadedRules> out;
  const auto areas = area.empty() ? area_names(config_dir_) : std::vector<std::string>{area};
  for (const auto& name : areas) out.push_back(VG_TRY(load_rules_file(name, actor)));
  std::lock_guard lock(packs_mutex_);
  packs_.clear();  // the next referral reads the rules now in force
  return out;
}

Result<std::shared_ptr<const AreaPack>> AreaPacks::area_pack(const std::string& area) {
  // How long a server keeps using its copy of the rules before asking the store what is in
  // force: short enough that a newly loaded version is used within seconds everywhere.
  constexpr auto kRecheck = std::chrono::seconds(5);
  const auto now = clock_.now();
  std::lock_guard lock(packs_mutex_);
  auto it = packs_.find(area);
  if (it != packs_.end() && now >= it->second.checked_at && now - it->second.checked_at < kRecheck) {
    return it->second.pack;
  }
  auto unknown = [&] {
    return validation_failed({{"$.area", "unknown", "is not an area this gateway serves"}},
                             "The referral is not valid");
  };
  auto current = VG_TRY(store_.rule_sets().current_rule_set(area));
  if (!current) {
    // First use of an area on this database: its file becomes the first version.
    auto loaded = load_rules_file(area, "system:intake");
    if (!loaded) {
      if (loaded.error().code == "validation_failed") return unknown();
      return std::unexpected(loaded.error());
    }
    current = VG_TRY(store_.rule_sets().current_rule_set(area));
    if (!current) return fail("internal", "The routing rules just loaded cannot be read back");
  }
  if (it != packs_.end() && it->second.pack->rules.version == current->version) {
    it->second.checked_at = now;
    return it->second.pack;
  }
  auto pack = load_area_pack(config_dir_, area, current->document);
  if (!pack) {
    if (pack.error().code == "validation_failed" && it == packs_.end()) return unknown();
    return std::unexpected(pack.error());
  }
  auto shared = std::make_shared<const AreaPack>(std::move(*pack));
  packs_[area] = CachedPack{shared, now};
  {
    // Capacities come with the rules: recount against the new pack's services.
    std::lock_guard load_lock(load_mutex_);
    loads_.erase(area);
  }
  return shared;
}

Result<std::shared_ptr<const AreaPack>> AreaPacks::pack_for(const intake::Referral& referral) {
  return app::pack_for(referral, [this](const std::string& area) { return area_pack(area); });
}

Result<routing::ServiceStates> AreaPacks::live_services(const AreaPack& pack) {
  const auto now = clock_.now();
  {
    std::lock_guard lock(load_mutex_);
    auto it = loads_.find(pack.rules.area);
    if (it != loads_.end() && now >= it->second.counted_at &&
        now - it->second.counted_at < std::chrono::seconds(1)) {
      return it->second.services;
    }
  }
  routing::ServiceStates services = pack.services;
  for (const auto& [id, open] : VG_TRY(store_.referrals().open_cases_by_service(pack.rules.area))) {
    if (const auto* state = services.find(id)) {
      auto updated = *state;
      updated.open_cases = open;
      services.add(std::move(updated));
    }
  }
  std::lock_guard lock(load_mutex_);
  loads_[pack.rules.area] = Load{services, now};
  return services;
}

void AreaPacks::count_new_case(const std::string& area, const std::string& service_id) {
  if (service_id.empty()) return;
  std::lock_guard lock(load_mutex_);
  auto it = loads_.find(area);
  if (it == loads_.end()) return;
  if (const auto* state = it->second.services.find(service_id)) {
    auto updated = *state;
    ++updated.open_cases;
    it->second.services.add(std::move(updated));
  }
}

}  // namespace vg::app
