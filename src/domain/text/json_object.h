// A text that must hold one JSON object (a data file, a rule set, an area's directory): parsed,
// or the reason it is not, at "$" for whoever fixes the file. Pure: parses the text it is given.
#pragma once

#include <boost/json/object.hpp>

#include <string_view>

#include "domain/result.h"

namespace vg::text {

// `not_json` and `not_object` are the error's message when the text is not JSON ("is not valid
// JSON: …" at "$") or is JSON but not an object ("must be an object" at "$").
Result<boost::json::object> parse_json_object(std::string_view text, std::string_view not_json,
                                              std::string_view not_object);

}  // namespace vg::text
