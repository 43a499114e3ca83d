// What the product accepts as a web address anywhere it becomes a link or a redirect: a
// directory service's website, a page's link, "Exit this page"'s destination. Pure.
#pragma once

#include <string_view>

namespace vg {

// http:// or https:// (any case), then a host, and no space, control character or character
// that could break out of an HTML attribute or a header (< > " \). A `javascript:` or `data:`
// URI is valid RFC 3986 but would run in the reader's browser, so it is not a web address here.
bool is_web_address(std::string_view s);

}  // namespace vg
