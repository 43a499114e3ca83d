// The page that asks why before another team's case is shown ("This case is held by another
// team"), how every case section answers a refused read with it, and its POST. Shows the case's
// reference only, never anything of the victim; decides no access (app::BreakGlass does).
#pragma once

#include "app/casework/case_read_right.h"
#include "domain/result.h"
#include "http/app_context.h"
#include "http/http_message.h"
#include "http/pages/case_page_parts.h"

namespace vg::http::case_pages {

// A refused read of case {id}: reason_required → the break-glass page (200) for the section
// asked for; not_found → 404; forbidden → 403; anything else a server error.
Response case_read_refused(const Request& request, AppContext& ctx, const Person& person, const Error& error);

}  // namespace vg::http::case_pages
