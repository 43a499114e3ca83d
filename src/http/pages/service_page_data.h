// What the directory's templates read about one service (the result item, the service page),
// made from its view. Never builds a link target that page_data's safe_* functions refused, and
// never escapes anything itself: the templates do, with {{x}}.
#pragma once

#include <string>

#include "app/directory/service_view.h"
#include "http/pages/page_renderer.h"

namespace vg::http::pages {

// Everything a template shows about one service, with link targets made safe.
mustache::data service_data(const app::ServiceView& view);

// Sets `key` and "has_<key>": Mustache renders a section for an empty string, so templates test
// the flag, never the string.
void set_text(mustache::data& data, const std::string& key, std::string value);

}  // namespace vg::http::pages
