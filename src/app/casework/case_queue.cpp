#include "app/casework/case_queue.h"

#include <algorithm>

namespace vg::app {

Result<casework::CasePage> CaseQueue::list(const access::Actor& actor, casework::CaseQuery query) {
  if (!access::role_may(actor.role, access::Action::kReadReferral)) {
    return fail("forbidden", "Your role does not allow reading cases");
  }
  // An area filter narrows the actor's areas; it never widens them.
  std::vector<std::string> areas;
  for (const auto& a : actor.areas) {
    if (query.areas.empty() || std::find(query.areas.begin(), query.areas.end(), a) != query.areas.end()) {
      areas.push_back(a);
    }
  }
  query.areas = std::move(areas);
  query.holder_organisation_id = actor.organisation_id;
  // Past the counted cases a queue is filtered, not paged: deep pages only cost the store.
  query.per_page = std::clamp(query.per_page, 1, 100);
  query.page = std::clamp(query.page, 1, static_cast<int>(casework::kCountedCases / query.per_page) + 1);
  return store_.cases().queue(query);
}

}  // namespace vg::app
