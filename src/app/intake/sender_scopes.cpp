#include "app/intake/sender_scopes.h"

namespace vg::app {

Result<intake::SenderScope> SenderScopes::scope_of(const std::string& organisation_id) {
  if (organisation_id.empty()) return intake::SenderScope{};
  constexpr auto kTrustFor = std::chrono::seconds(1);
  constexpr std::size_t kMaxKnown = 1024;
  const auto now = clock_.now();
  {
    std::lock_guard lock(mutex_);
    if (auto it = scopes_.find(organisation_id); it != scopes_.end() && now >= it->second.checked_at &&
                                                 now - it->second.checked_at < kTrustFor) {
      return it->second.scope;
    }
  }
  auto org = VG_TRY(store_.accounts().find_organisation(organisation_id));
  if (!org) {
    return fail("forbidden", "This organisation may not send referrals",
                {{"$", "not_permitted", "the sending organisation is not known"}});
  }
  intake::SenderScope scope{org->kind, org->areas, org->police_force_codes};
  std::lock_guard lock(mutex_);
  if (scopes_.size() >= kMaxKnown) scopes_.clear();
  scopes_[organisation_id] = KnownScope{scope, now};
  return scope;
}

Result<void> SenderScopes::check(const intake::SenderScope& scope, const intake::Referral& referral) {
  auto violations = intake::scope_violations(scope, referral);
  if (violations.empty()) return {};
  return fail("forbidden", "This organisation may not send this referral", std::move(violations));
}

}  // namespace vg::app
