#include "app/chat/area_helplines.h"

#include <algorithm>

#include "app/intake/self_referral_journey.h"

namespace vg::app {

Result<std::vector<ServiceView>> area_helplines(DirectorySearch& directory, std::string_view area, int limit) {
  std::vector<ServiceView> out;
  const auto& areas = self_referral::areas();
  const auto covered = std::find_if(areas.begin(), areas.end(), [&](const auto& a) { return a.id == area; });
  if (covered == areas.end()) return out;
  const auto terms = VG_TRY(directory.terms_in_group("kind_of_help"));
  const auto helpline = std::find_if(terms.begin(), terms.end(), [](const auto& t) { return t.code == "helpline"; });
  if (helpline == terms.end()) return out;
  ServiceSearch search;
  search.taxonomy_term_ids = {helpline->id};
  for (const auto& [code, name] : covered->local_authorities) search.local_authorities.push_back(code);
  search.per_page = std::clamp(limit, 1, 100);
  const auto found = VG_TRY(directory.search_services(search));
  for (const auto& hit : found.page.items) {
    auto view = directory.view_of(hit);
    if (view.phones.empty()) continue;  // a helpline is a number to call
    out.push_back(std::move(view));
  }
  return out;
}

}  // namespace vg::app
