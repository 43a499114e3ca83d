#include "app/intake/sender_scopes.h"

namespace vg::app {

Result<intake::SenderScope> SenderScopes::scope_of(const std::string& organisation_id) {
  if (organisation_id.empty()) return intake::SenderScope{};
  const auto now = clock_.now();
  if (auto known = scopes_.find(organisation_id, now)) return *known;
  auto org = VG_TRY(store_.accounts().find_organisation(organisation_id));
  if (!org) {
    return fail("forbidden", "This organisation may not send referrals",
                {{"$", "not_permitted", "the sending organisation is not known"}});
  }
  intake::SenderScope scope{org->kind, org->areas, org->police_force_codes};
  scopes_.keep(organisation_id, scope, now);
  return scope;
}

Result<void> SenderScopes::check(const intake::SenderScope& scope, const intake::Referral& referral) {
  auto violations = intake::scope_violations(scope, referral);
  if (violations.empty()) return {};
  return fail("forbidden", "This organisation may not send this referral", std::move(violations));
}

}  // namespace vg::app
