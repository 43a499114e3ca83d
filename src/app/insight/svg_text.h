// Text inside the server-drawn SVG charts: escaped for XML, and ids made safe for an attribute.
#pragma once

#include <string>
#include <string_view>

namespace vg::app {

std::string svg_escape(std::string_view text);
// Lower-case letters, digits and hyphens only (anything else becomes a hyphen).
std::string svg_id(std::string_view id);

}  // namespace vg::app
