#include "app/casework/onward_referral_access.h"

#include "domain/casework/case_consent.h"

namespace vg::app {

Result<std::vector<std::string>> onward_referral_holders(store::Store& store,
                                                         const std::string& directory_organization_id) {
  std::vector<std::string> out;
  if (directory_organization_id.empty()) return out;
  for (const auto& org : VG_TRY(store.accounts().list_organisations())) {
    if (org.kind == "partner" && org.directory_organization_id == directory_organization_id) out.push_back(org.id);
  }
  return out;
}

access::Subject onward_referral_subject(const casework::CaseRecord& c, const casework::OnwardReferral& r,
                                        const std::vector<std::string>& holders) {
  access::Subject s;
  s.area = c.area;
  const bool consented = casework::may_share(c.consent_state) && casework::partner_may_see(r.state);
  for (const auto& org : holders) s.shares.push_back({org, consented});
  return s;
}

}  // namespace vg::app
