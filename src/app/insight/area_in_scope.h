// Which area a commissioner's or an administrator's question is about: the one the request
// names, or the first of the actor's own where the action is allowed. One rule for insight and
// for the routing what-if, so neither reveals whether another area exists.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/access/access_table.h"
#include "domain/result.h"

namespace vg::app {

// The actor's areas where `action` is allowed, in the actor's order.
std::vector<std::string> areas_in_scope(const access::Actor& actor, access::Action action);

// `asked`, or the first area in scope when it is empty. `forbidden` when the role may never take
// `action`; `not_found` naming `what` for an area the actor may not act in (another area's, or
// none at all), answered as for an area that does not exist.
Result<std::string> area_in_scope(const access::Actor& actor, access::Action action,
                                  const std::string& asked, std::string_view what);

}  // namespace vg::app
