// The signed-in person as the access table (domain/access) sees them: role, organisation, the
// organisation's kind and areas. Use cases decide with this; pages never decide access.
#pragma once

#include "app/accounts/account_service.h"
#include "domain/access/access_table.h"

namespace vg::app {

access::Actor actor_of(const CurrentUser& current);

}  // namespace vg::app
