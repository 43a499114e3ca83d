// Writing insight's CSV downloads (RFC 4180): one line of fields, quoted where needed, and a
// text field a spreadsheet would take for a formula made inert. Pure text.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vg::app {

// Appends the fields as one CSV line ending CRLF. A field that is not a number and starts with
// = + - @ tab or CR gets an apostrophe before it; a field holding a comma, quote or line break is
// quoted, its quotes doubled.
void csv_line(std::string& out, const std::vector<std::string>& fields);

// A share or rate as a field: "67.5" with `places` decimals, or empty when unset.
std::string decimal_field(const std::optional<double>& value, int places = 1);

}  // namespace vg::app
