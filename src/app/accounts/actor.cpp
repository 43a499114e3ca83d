#include "app/accounts/actor.h"

namespace vg::app {

access::Actor actor_of(const CurrentUser& current) {
  return access::Actor{current.user.role, current.user.id, current.user.organisation_id,
                       current.organisation.kind, current.organisation.areas, {}};
}

}  // namespace vg::app
