// The area packs with the routing rules in force, and each service's live caseload for
// capacity-aware routing. Rules are versioned in the store (`rules load` adds a version); every
// process re-reads what is in force every few seconds, so a version loaded elsewhere reaches it
// without a restart.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/clock.h"
#include "app/intake/area_pack.h"
#include "domain/intake/referral.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class AreaPacks {
 public:
  AreaPacks(store::Store& store, const Clock& clock, std::string config_dir);

  // The area pack with the routing rules in force: the version loaded into the store last
  // (loading the area's file first if the store has none). Re-checked every few seconds.
  // "validation_failed" for an unknown area.
  Result<std::shared_ptr<const AreaPack>> area_pack(const std::string& area);

  // Loads each area's routing rules file (or only `area`'s) into the store as a new version,
  // after checking it as a whole pack. A version already loaded with the same rules changes
  // nothing; changed rules under a version already loaded are refused ("conflict").
  struct LoadedRules {
    std::string area;
    std::string version;
    bool added = false;
  };
  Result<std::vector<LoadedRules>> load_rule_sets(const std::string& actor, const std::string& area = {});
  // The same for rules given as text (a draft published from the routing what-if).
  Result<LoadedRules> publish_rules(const std::string& area, std::string text, const std::string& actor);

  // The pack of the area `referral` names (app::pack_for: every field error at once when the
  // area is missing or unknown).
  Result<std::shared_ptr<const AreaPack>> pack_for(const intake::Referral& referral);

  // The pack's services with the cases each holds now, re-counted at most once a second: a
  // capacity is a planning limit, so a second's lag behind other processes does not matter; this
  // process's own new referrals are counted in at once (count_new_case). (Counting per referral
  // would make each create cost a scan of the area's referrals.)
  Result<routing::ServiceStates> live_services(const AreaPack& pack);
  // A referral this process just stored: its service holds one more case from now on.
  void count_new_case(const std::string& area, const std::string& service_id);

 private:
  Result<LoadedRules> load_rules_file(const std::string& area, const std::string& actor);
  Result<LoadedRules> add_rules(const std::string& area, std::string text, const std::string& actor);

  store::Store& store_;
  const Clock& clock_;
  std::string config_dir_;
  struct CachedPack {
    std::shared_ptr<const AreaPack> pack;
    std::chrono::system_clock::time_point checked_at;
  };
  std::mutex packs_mutex_;
  std::map<std::string, CachedPack> packs_;
  struct Load {
    routing::ServiceStates services;
    std::chrono::system_clock::time_point counted_at;
  };
  std::mutex load_mutex_;
  std::map<std::string, Load> loads_;
};

}  // namespace vg::app
