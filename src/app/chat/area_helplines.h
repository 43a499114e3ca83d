// The helplines an area's directory lists (services of the kind of help "helpline" covering one
// of the area's local authorities), for the chat's out-of-hours page and beside the advisor's
// chat: taken from the directory the area's administrators keep, never written into a page.
// Reads only.
#pragma once

#include <string_view>
#include <vector>

#include "app/directory/directory_search.h"
#include "app/directory/service_view.h"
#include "domain/result.h"

namespace vg::app {

// At most `limit` active helplines with a phone number covering `area` ("merseyside"), in the
// directory's order; empty for an area the gateways do not cover or whose directory lists none.
Result<std::vector<ServiceView>> area_helplines(DirectorySearch& directory, std::string_view area, int limit = 5);

}  // namespace vg::app
